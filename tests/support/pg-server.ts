/**
 * A throwaway PostgreSQL server of the test's own (the commands of tests/pg.sh), for tests that
 * stop or restart the database under a running app without disturbing anyone else's.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../e2e/server";

export function pgBin(): string | null {
  const candidates = [process.env.PG_TEST_BIN, "/usr/lib/postgresql/15/bin", ...listVersions()].filter((d): d is string => Boolean(d));
  return candidates.find((d) => fs.existsSync(path.join(d, "initdb"))) ?? null;
}

function listVersions(): string[] {
  try {
    return fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch {
    return [];
  }
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb and pg_ctl refuse root). */
function run(bin: string, tool: string, args: string[]): string {
  const cmd = asRoot ? "runuser" : path.join(bin, tool);
  const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export type PgServer = {
  url: string;
  port: number;
  dir: string;
  stop(): void;
  start(): void;
  /** pg_ctl restart -m fast: every connection is cut (without blocking this process's event loop). */
  restart(): Promise<void>;
  destroy(): void;
};

export async function startPgServer(): Promise<PgServer> {
  const bin = pgBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql-15)");
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recert-ownpg-"));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  fs.mkdirSync(data);
  if (asRoot) execFileSync("chown", ["postgres:postgres", data]);
  run(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='' -c max_connections=100`;
  const ctl = (...args: string[]) => run(bin, "pg_ctl", ["-D", data, "-l", path.join(data, "server.log"), "-w", "-t", "60", ...args]);
  ctl("-o", opts, "start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: () => void ctl("-m", "fast", "stop"),
    start: () => void ctl("-o", opts, "start"),
    restart: () =>
      new Promise<void>((resolve, reject) => {
        const args = ["-D", data, "-l", path.join(data, "server.log"), "-w", "-t", "60", "-m", "fast", "-o", opts, "restart"];
        const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...args]] : [path.join(bin, "pg_ctl"), args];
        execFile(cmd, argv as string[], (err) => (err ? reject(err) : resolve()));
      }),
    destroy: () => {
      try {
        ctl("-m", "immediate", "stop");
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
