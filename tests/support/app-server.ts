/**
 * Starts the BUILT app (`next start`, NODE_ENV=production) as a child process the test owns: on
 * its own PGlite folder or PostgreSQL database, with its own log file, so reliability tests can
 * kill -9 it, restart it on the same data, or run two replicas side by side. The build folder is
 * NEXT_DIST_DIR (default .next), the same one the browser tests use.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, waitForHealth } from "../e2e/server";

export type AppServerOptions = {
  /** Extra environment: DATABASE_URL or PGLITE_DIR, AUTH_SECRET, SMTP_URL, REMINDER_TICK … */
  env: Record<string, string | undefined>;
  /** The log file (appended to across restarts). */
  log: string;
  port?: number;
  healthTimeoutMs?: number;
};

export type AppServer = {
  readonly baseUrl: string;
  readonly port: number;
  readonly log: string;
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash): no shutdown code runs. */
  kill9(): Promise<void>;
  /** Starts again on the same port, data and log. */
  restart(): Promise<void>;
};

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startApp(opts: AppServerOptions): Promise<AppServer> {
  const port = opts.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  // The parent's database, secret and NODE_ENV never leak in: `next start` sets production itself.
  const inherited = Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "PGLITE_DIR", "AUTH_SECRET", "NODE_ENV"].includes(k));
  const env: Record<string, string> = {};
  for (const [k, v] of [...inherited, ["PORT", String(port)], ["REMINDER_TICK", "off"], ...Object.entries(opts.env)] as [string, string | undefined][]) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  fs.mkdirSync(path.dirname(opts.log), { recursive: true });
  let child: ChildProcess | undefined;

  async function launch(): Promise<void> {
    const out = fs.openSync(opts.log, "a");
    const running = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", out, out] });
    child = running;
    fs.closeSync(out);
    const died = exited(running).then(() => {
      throw new Error(`next start exited (code ${running.exitCode}, signal ${running.signalCode}); log ${opts.log}:\n${tail(opts.log)}`);
    });
    await Promise.race([waitForHealth(baseUrl, opts.healthTimeoutMs ?? 90_000), died]);
    died.catch(() => {});
  }

  async function stopWith(signal: NodeJS.Signals): Promise<void> {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill(signal);
    const timer = setTimeout(() => c.kill("SIGKILL"), 5_000);
    await exited(c);
    clearTimeout(timer);
  }

  await launch();
  return {
    baseUrl,
    port,
    log: opts.log,
    get pid() {
      return child?.pid;
    },
    stop: () => stopWith("SIGTERM"),
    kill9: () => stopWith("SIGKILL"),
    restart: launch,
  };
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
