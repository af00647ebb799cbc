/**
 * A throwaway PostgreSQL 15 for the benches, started by the same script the tests use
 * (tests/pg.sh: Debian's binaries, loopback, a temp folder, fsync off — as in the tests, so the
 * figures are about Recert, not the disk). TEST_DATABASE_URL set by the caller (npm run bench
 * starts one for all parts) is reused and left running.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";

export type Postgres = { url: string; dataDir: string | null; stop(): void };

function sh(script: string, env: Record<string, string> = {}): string {
  return execFileSync("bash", ["-c", script], { cwd: process.cwd(), env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

export function hasPostgres(): boolean {
  try {
    sh("source tests/pg.sh && pg_test_bin >/dev/null");
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL to use, or null when its binaries are not installed (said loudly). */
export function startPostgres(): Postgres | null {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    return { url: given, dataDir: process.env.PG_TEST_DIR ? `${process.env.PG_TEST_DIR}/data` : null, stop() {} };
  }
  if (process.env.BENCH_DB === "pglite") return null;
  if (!hasPostgres()) {
    console.log("!!! PostgreSQL server binaries not found (apt-get install postgresql): PostgreSQL figures are skipped.");
    return null;
  }
  const out = sh('source tests/pg.sh && pg_test_start >&2 && printf "%s\\n%s\\n%s\\n" "$TEST_DATABASE_URL" "$PG_TEST_DIR" "$PG_TEST_BIN"').trim().split("\n");
  const [url, dir, bin] = out;
  if (!url || !dir || !bin) throw new Error(`could not start PostgreSQL: ${out.join(" ")}`);
  process.env.TEST_DATABASE_URL = url;
  process.env.PG_TEST_DIR = dir;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    sh("source tests/pg.sh && pg_test_stop", { PG_TEST_DIR: dir, PG_TEST_BIN: bin });
    delete process.env.TEST_DATABASE_URL;
    delete process.env.PG_TEST_DIR;
  };
  process.once("exit", stop);
  return { url, dataDir: `${dir}/data`, stop };
}

/** A fresh, empty database on that server. */
export async function createDatabase(adminUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${crypto.randomBytes(3).toString("hex")}`;
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

/** The postmaster's pid (its processes' CPU time is the database's share of a request). */
export function postmasterPid(dataDir: string | null): number | null {
  if (!dataDir) return null;
  try {
    const first = fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
