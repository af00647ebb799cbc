/**
 * Migrations: applied on start, safe when two servers start at once against one PostgreSQL (an
 * advisory lock serialises them), a no-op the second time, and the tables they make are exactly
 * the tables of db/schema.ts (a schema change without a generated migration fails here).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import { type DbHandle, MIGRATIONS_FOLDER, openPglite, openPostgres } from "@/db/client";
import * as schema from "@/db/schema";
import { createPgDatabase, describeEachDb } from "../harness";

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

function schemaTables(): string[] {
  const names: string[] = [];
  for (const value of Object.values(schema)) {
    if (!value || typeof value !== "object") continue;
    try {
      const config = getTableConfig(value as PgTable);
      if (config?.name && Array.isArray(config.columns)) names.push(config.name);
    } catch {
      // not a table
    }
  }
  return names.sort();
}

async function rows<T>(handle: DbHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function describeSchema(handle: DbHandle) {
  const tables = await rows<{ table_name: string }>(
    handle,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const applied = await rows<{ n: number }>(handle, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const userIndexes = await rows<{ n: number }>(
    handle,
    sql`select count(*)::int as n from pg_indexes where schemaname = 'public' and indexname = 'users_email_lower_key'`,
  );
  return { tables: tables.map((t) => t.table_name), applied: Number(applied[0]?.n), emailIndexes: Number(userIndexes[0]?.n) };
}

describeEachDb("migrations", (ctx) => {
  it("create exactly the tables of db/schema.ts, each migration recorded once", async () => {
    const state = await describeSchema(ctx.handle);
    expect(state.tables).toEqual(schemaTables());
    expect(state.applied).toBe(journal.entries.length);
    expect(state.emailIndexes).toBe(1);
  });

  if (ctx.target === "postgres") {
    it("applied by two servers starting at once on one fresh PostgreSQL database: both start, the schema is there once", async () => {
      const created = await createPgDatabase(process.env.TEST_DATABASE_URL!);
      const handles: DbHandle[] = [];
      try {
        const opened = await Promise.allSettled([openPostgres(created.url, { max: 2 }), openPostgres(created.url, { max: 2 })]);
        for (const o of opened) if (o.status === "fulfilled") handles.push(o.value);
        expect(opened.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(["ok", "ok"]);
        const [a, b] = handles as [DbHandle, DbHandle];
        const stateA = await describeSchema(a);
        expect(stateA.tables).toEqual(schemaTables());
        expect(stateA.applied).toBe(journal.entries.length);
        expect(stateA.emailIndexes).toBe(1);
        expect(await describeSchema(b)).toEqual(stateA);
        // A third start later finds nothing to do.
        const c = await openPostgres(created.url, { max: 1 });
        handles.push(c);
        expect(await describeSchema(c)).toEqual(stateA);
      } finally {
        await Promise.all(handles.map((h) => h.close()));
        await created.drop();
      }
    });
  } else {
    it("are a no-op when the embedded database folder is opened again (a restart)", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recert-migrate-"));
      try {
        const first = await openPglite(path.join(dir, "pglite"));
        await first.exec("insert into users (email, name, password_hash) values ('kept@example.com', 'Kept', 'x')");
        const before = await describeSchema(first);
        await first.close();
        const second = await openPglite(path.join(dir, "pglite"));
        try {
          expect(await describeSchema(second)).toEqual(before);
          expect(before.applied).toBe(journal.entries.length);
          const kept = await rows<{ email: string }>(second, sql`select email from users`);
          expect(kept.map((r) => r.email)).toEqual(["kept@example.com"]);
        } finally {
          await second.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
