/**
 * Runs a database test file against every database: an in-memory PGlite always, and a fresh
 * database on the real PostgreSQL that tests/run-all.sh started (TEST_DATABASE_URL). With
 * CI=true a missing PostgreSQL fails the run instead of skipping it.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type DbHandle, openPglite, openPostgres, setDbHandleForTests } from "@/db/client";

export type DbTarget = "pglite" | "postgres";

/** Creates an empty database on the test server and returns its URL. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function dbTargets(): DbTarget[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * describe() once per database. `ctx.handle` is ready in the tests and is also installed as the
 * process-wide database, so lib/ code that calls getDb() uses it.
 */
export function describeEachDb(title: string, body: (ctx: { readonly handle: DbHandle; readonly target: DbTarget }) => void): void {
  if (!process.env.TEST_DATABASE_URL && process.env.CI === "true") {
    describe(`${title} [postgres]`, () => {
      it("needs a real PostgreSQL (CI=true)", () => {
        throw new Error("TEST_DATABASE_URL is not set: tests/run-all.sh starts PostgreSQL; CI must run database tests on it.");
      });
    });
  }
  for (const target of dbTargets()) {
    describe(`${title} [${target}]`, () => {
      let handle: DbHandle | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (target === "pglite") {
          handle = await openPglite();
        } else {
          const created = await createPgDatabase(process.env.TEST_DATABASE_URL!);
          drop = created.drop;
          handle = await openPostgres(created.url, { max: 4 });
        }
        setDbHandleForTests(handle);
      });
      afterAll(async () => {
        setDbHandleForTests(undefined);
        await handle?.close();
        await drop?.();
      });
      body({
        get handle() {
          if (!handle) throw new Error("database not open yet");
          return handle;
        },
        target,
      });
    });
  }
}
