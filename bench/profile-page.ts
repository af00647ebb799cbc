/**
 * Profiles the built server while it answers one page: where a request's CPU time goes.
 *   npx tsx bench/profile-page.ts [/dashboard] [activities=20000] [requests=40] [pglite|postgres]
 * Seeds one holder with that many activities, starts `next start` under `node --cpu-prof`, sends
 * the requests one at a time (after a few unmeasured ones to warm up), stops the server (the
 * profile is written at exit) and prints bench/profile.ts's summary of it.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { todayIn } from "@/lib/dates";
import { freePort, waitForHealth } from "../tests/e2e/server";
import type { AppServer } from "../tests/support/app-server";
import { benchDb, signIn } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { startPostgres } from "./lib/pg";
import { printHeader, run } from "./lib/report";
import { seedHolder } from "./lib/seed";

async function main(): Promise<boolean> {
  const [page = "/dashboard", n = "20000", count = "40", kind = "pglite"] = process.argv.slice(2);
  printHeader("Server CPU profile of one page (bench/profile-page.ts)", `${page}, holder with ${n} activities, ${count} requests, ${kind}`);
  ensureBuild();
  const pg = kind === "postgres" ? startPostgres() : null;
  const db = await benchDb(kind === "postgres" ? "postgres" : "pglite", "profile", pg);
  const handle = await db.open();
  const holder = await seedHolder(handle.db, { email: "profile@bench.example", name: "Pat Profile", activities: Number(n), until: todayIn("UTC") });
  await handle.close();
  const dir = path.join(db.dir, "profile");
  fs.mkdirSync(dir, { recursive: true });
  // --cpu-prof is refused in NODE_OPTIONS, so this starts next start itself.
  const port = await freePort();
  const log = fs.openSync(path.join(db.dir, "server.log"), "a");
  const child = spawn(
    process.execPath,
    ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=500", path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      // The parent's database never leaks in: only this bench's own (db.env).
      env: { ...process.env, DATABASE_URL: undefined, PGLITE_DIR: undefined, ...db.env, AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), REMINDER_TICK: "off", NODE_ENV: "production" },
      stdio: ["ignore", log, log],
    },
  );
  const app = { baseUrl: `http://127.0.0.1:${port}` } as AppServer;
  await waitForHealth(app.baseUrl, 180_000);
  const server = { app };
  try {
    const client = await signIn(server.app, holder.email, holder.password);
    const target = page.replace("[id]", holder.activityIds[0] ?? "").replace("[certificationId]", holder.certificationIds[0] ?? "");
    for (let i = 0; i < 5; i++) await client.get(target);
    const times: number[] = [];
    for (let i = 0; i < Number(count); i++) {
      const r = await client.get(target);
      if (r.status !== 200) throw new Error(`${target}: HTTP ${r.status}`);
      times.push(r.ms);
    }
    times.sort((a, b) => a - b);
    console.log(`${target}: median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms over ${count} requests`);
  } finally {
    child.kill("SIGINT");
    await once(child, "exit");
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  // The biggest profile is the server's (next start may run a small parent process).
  const biggest = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!biggest) throw new Error(`no profile written in ${dir}`);
  const keep = path.join(process.cwd(), "test-results", "bench", `profile-${page.replace(/\W+/g, "_")}-${n}.cpuprofile`);
  fs.mkdirSync(path.dirname(keep), { recursive: true });
  fs.copyFileSync(biggest, keep);
  spawnSync(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "bench/profile.ts", keep, "--top", "30"], { stdio: "inherit" });
  await db.drop();
  pg?.stop();
  return true;
}

run(main);
