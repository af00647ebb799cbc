/**
 * A server of the built app that one test file owns, on a database of its own: a fresh PGlite
 * folder or a fresh database on the test PostgreSQL (TEST_DATABASE_URL), with a known AUTH_SECRET.
 * Unlike the shared browser-test server, its database can be read by the test (PostgreSQL at any
 * time; PGlite once the server is stopped, as PGlite is one process's), its sign-in limits are its
 * own, and it can be killed and restarted.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DbHandle, openPglite, openPostgres } from "@/db/client";
import { createPgDatabase } from "../db/harness";
import { type AppServer, startApp } from "./app-server";

export type DbKind = "pglite" | "postgres";

export type OwnDb = {
  kind: DbKind;
  dir: string;
  /** For the server: DATABASE_URL or PGLITE_DIR. */
  env: Record<string, string>;
  databaseUrl?: string;
  pgliteDir?: string;
  /** Opens the database in this process (PGlite: only while no server has it open). */
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
};

export async function ownDb(kind: DbKind, label: string): Promise<OwnDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `recert-${label}-`));
  if (kind === "postgres") {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error("TEST_DATABASE_URL is not set: start PostgreSQL with tests/pg.sh (npm test does)");
    const created = await createPgDatabase(admin);
    return {
      kind,
      dir,
      env: { DATABASE_URL: created.url },
      databaseUrl: created.url,
      open: () => openPostgres(created.url, { max: 2 }),
      drop: async () => {
        await created.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pgliteDir = path.join(dir, "pglite");
  return {
    kind,
    dir,
    env: { PGLITE_DIR: pgliteDir },
    pgliteDir,
    open: () => openPglite(pgliteDir),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export type OwnApp = { app: AppServer; db: OwnDb; secret: string; log: string; cleanup(): Promise<void> };

export async function startOwnApp(kind: DbKind, label: string, env: Record<string, string | undefined> = {}): Promise<OwnApp> {
  const db = await ownDb(kind, label);
  const secret = crypto.randomBytes(32).toString("base64url");
  const log = path.join(db.dir, "server.log");
  const app = await startApp({ env: { ...db.env, AUTH_SECRET: secret, ...env }, log });
  return {
    app,
    db,
    secret,
    log,
    cleanup: async () => {
      await app.stop();
      await db.drop();
    },
  };
}

/** Rows of a raw query (PGlite and node-postgres answer in different shapes). */
export async function rows<T = Record<string, unknown>>(handle: DbHandle, query: Parameters<DbHandle["db"]["execute"]>[0]): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}
