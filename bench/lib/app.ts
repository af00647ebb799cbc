/**
 * The app under measurement: the BUILT app (`next start`, production) on a database of its own —
 * a fresh PGlite folder or a fresh database on the throwaway PostgreSQL — started with the test
 * support's server launcher, and holders signed in through the real sign-in form's action.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DbHandle, openPglite, openPostgres } from "@/db/client";
import { type AppServer, startApp } from "../../tests/support/app-server";
import { byKey, signInHolder } from "../../tests/support/holders";
import type { HttpClient } from "../../tests/support/http";
import { discoverActions } from "../../tests/support/routes";
import { createDatabase, type Postgres, postmasterPid } from "./pg";

export type DbKind = "postgres" | "pglite";

export type BenchDb = {
  kind: DbKind;
  /** "PostgreSQL 15" or "PGlite". */
  name: string;
  dir: string;
  env: Record<string, string>;
  /** Opens it in this process (PGlite: only while no server has the folder open). */
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
  /** The postmaster (PostgreSQL) whose CPU time is the database's share; null for PGlite. */
  dbPid: number | null;
};

export async function benchDb(kind: DbKind, label: string, pg: Postgres | null): Promise<BenchDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `recert-bench-${label}-`));
  if (kind === "postgres") {
    if (!pg) throw new Error("no PostgreSQL");
    const created = await createDatabase(pg.url, label);
    return {
      kind,
      name: "PostgreSQL 15",
      dir,
      env: { DATABASE_URL: created.url },
      open: () => openPostgres(created.url, { max: 4 }),
      drop: async () => {
        await created.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
      dbPid: postmasterPid(pg.dataDir),
    };
  }
  const pgliteDir = path.join(dir, "pglite");
  return {
    kind,
    name: "PGlite",
    dir,
    env: { PGLITE_DIR: pgliteDir },
    open: () => openPglite(pgliteDir),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    dbPid: null,
  };
}

export type BenchApp = { app: AppServer; secret: string; log: string; stop(): Promise<void> };

export async function startBenchApp(db: BenchDb, env: Record<string, string> = {}): Promise<BenchApp> {
  const secret = crypto.randomBytes(32).toString("base64url");
  const log = path.join(db.dir, "server.log");
  const app = await startApp({ env: { ...db.env, AUTH_SECRET: secret, REMINDER_TICK: "off", NEXT_TELEMETRY_DISABLED: "1", ...env }, log, healthTimeoutMs: 180_000 });
  return { app, secret, log, stop: () => app.stop() };
}

/** Signs a holder in through the sign-in form's server action (a correct password, never a failure). */
export async function signIn(app: AppServer, email: string, password: string): Promise<HttpClient> {
  const actions = byKey(discoverActions());
  return signInHolder(app.baseUrl, actions, email, password);
}

/** Runs `fn` with each database the machine has: PostgreSQL first (when installed), then PGlite. */
export function kinds(pg: Postgres | null): DbKind[] {
  const only = process.env.BENCH_DB;
  const all: DbKind[] = pg ? ["postgres", "pglite"] : ["pglite"];
  return only === "postgres" || only === "pglite" ? all.filter((k) => k === only) : all;
}
