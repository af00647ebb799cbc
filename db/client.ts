/**
 * The one database client. Without DATABASE_URL it opens an embedded PGlite (PostgreSQL in WASM)
 * whose data lives in `.data/pglite` (git-ignored; PGLITE_DIR overrides); with DATABASE_URL it
 * uses a node-postgres pool. Migrations run on first use, under an advisory lock so two servers
 * starting at once against one PostgreSQL do not race.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** Raw SQL for tests and tooling (never with user input). */
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
/** Arbitrary constant: the advisory lock key that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 7_215_301_119;

/** Counts the SQL statements run inside `countQueries` (tests and benchmarks use it). */
const queryCounter = new AsyncLocalStorage<{ count: number; queries: string[] }>();
/**
 * RECERT_LOG_SQL=1 (benchmarks only: `npm run bench:queries`) writes one line per statement to
 * the server log, so the queries a real page request runs can be counted from outside.
 */
const logSql = process.env.RECERT_LOG_SQL === "1";
const logger: Logger = {
  logQuery(query) {
    if (logSql) console.log(`[recert:sql] ${query.replace(/\s+/g, " ").slice(0, 160)}`);
    const store = queryCounter.getStore();
    if (store) {
      store.count += 1;
      store.queries.push(query);
    }
  },
};

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; queries: string[] }> {
  const store = { count: 0, queries: [] as string[] };
  const result = await queryCounter.run(store, fn);
  return { result, count: store.count, queries: store.queries };
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/** Open an embedded PGlite. `dataDir` undefined → in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client: PGlite = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzle({ client, schema, logger });
  // PGlite is one connection in this process; no other process may open the same folder.
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<DbHandle> {
  const pg = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool: Pool = new pg.default.Pool({
    connectionString: url,
    max: opts.max ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // A restarted server drops connections; the pool replaces them on the next checkout.
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  // A client checked out of the pool (a transaction, a query in flight) has no 'error' listener of
  // the pool's: if the server ends its connection (restart, failover, pg_terminate_backend) the
  // event would be unhandled and crash the process. The running query still fails and the pool
  // drops the broken client on release.
  pool.on("connect", (client) => {
    client.on("error", (err) => console.error("[db] connection lost:", err.message));
  });
  const conn = await pool.connect();
  try {
    await conn.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client: conn }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await conn.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    conn.release();
  }
  const db = drizzle({ client: pool, schema, logger });
  return {
    db: db as unknown as Database,
    kind: "postgres",
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

const globalForDb = globalThis as unknown as { __recertDb?: Promise<DbHandle> };

/** The process-wide database (memoised on globalThis so dev reloads reuse it). */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__recertDb) {
    const url = process.env.DATABASE_URL;
    const opening = url ? openPostgres(url) : openPglite(defaultPgliteDir());
    // Never memoise a failure: the next call tries again (e.g. PostgreSQL came back).
    globalForDb.__recertDb = opening.catch((err: unknown) => {
      globalForDb.__recertDb = undefined;
      throw err;
    });
  }
  return globalForDb.__recertDb;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** For tests: use this handle as the process-wide database. */
export function setDbHandleForTests(handle: DbHandle | undefined): void {
  globalForDb.__recertDb = handle ? Promise.resolve(handle) : undefined;
}
