/**
 * The build the benches measure: `next build` into its own folder (NEXT_DIST_DIR, default
 * .next-bench), so a bench never disturbs a developer's .next or another run's build. It is
 * rebuilt when missing or older than any source file (BENCH_BUILD=always forces a build,
 * BENCH_BUILD=reuse takes whatever is there). `next build` rewrites tsconfig.json to include its
 * folder's types; the bench puts the file back as it was.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const SOURCES = ["app", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

export function distDir(): string {
  if (!process.env.NEXT_DIST_DIR) process.env.NEXT_DIST_DIR = ".next-bench";
  return process.env.NEXT_DIST_DIR;
}

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the app unless an up-to-date build is there; returns the folder. */
export function ensureBuild(): string {
  const dir = distDir();
  const buildId = path.join(ROOT, dir, "BUILD_ID");
  const mode = process.env.BENCH_BUILD ?? "auto";
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const stale = built === 0 || SOURCES.some((s) => newestMtime(s) > built);
  if (mode === "reuse" && built > 0) {
    console.log(`[build] reusing ${dir} (BENCH_BUILD=reuse)`);
    return dir;
  }
  if (mode !== "always" && !stale) {
    console.log(`[build] ${dir} is up to date`);
    return dir;
  }
  console.log(`[build] next build into ${dir} (${built === 0 ? "no build yet" : mode === "always" ? "BENCH_BUILD=always" : "sources changed"}) …`);
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: dir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`next build failed (exit ${r.status})`);
  }
  console.log(`[build] done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}
