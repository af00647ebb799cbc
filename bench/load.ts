/**
 * npm run bench:load — the load benchmark (reference P2): a fixed number of connections (50) for
 * a fixed time (60 s) of mixed traffic against the BUILT app on loopback: the dashboard and the
 * activity list pages (session cookie), the API list and API creates (token). Prints requests/s,
 * p50/p99 per kind and overall, and the errors (any non-2xx or failed request); exits 1 on errors.
 *
 * By default it starts its own `next start` (from NEXT_DIST_DIR, default .next; run `npm run
 * build` first) on a fresh PGlite folder, or on DATABASE_URL when that is set (it adds holders
 * and activities there: use a scratch database). BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_WARMUP
 * (seconds not counted, default 5) and BENCH_HOLDERS change the shape.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp } from "../tests/support/app-server";
import { byKey, type Holder, newHolder, training } from "../tests/support/holders";
import { discoverActions } from "../tests/support/routes";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 10);
const ACTIVITIES_PER_HOLDER = 60;

type Kind = "dashboard page" | "activities page" | "API list" | "API create";
/** The mix, as weights out of 10. */
const MIX: [Kind, number][] = [
  ["dashboard page", 4],
  ["activities page", 2],
  ["API list", 2],
  ["API create", 2],
];

function pick(): Kind {
  let r = crypto.randomInt(10);
  for (const [kind, w] of MIX) {
    if (r < w) return kind;
    r -= w;
  }
  return "dashboard page";
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recert-bench-"));
  const db = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: path.join(dir, "pglite") };
  console.log(`[bench] starting next start (${process.env.NEXT_DIST_DIR ?? ".next"}, ${db.DATABASE_URL ? "PostgreSQL" : "PGlite"}) …`);
  const app = await startApp({ env: { ...db, AUTH_SECRET: crypto.randomBytes(32).toString("base64url") }, log: path.join(dir, "server.log") });
  try {
    const actions = byKey(discoverActions());
    console.log(`[bench] seeding ${HOLDERS} holders × ${ACTIVITIES_PER_HOLDER} activities through the API …`);
    const holders: Holder[] = [];
    for (let h = 0; h < HOLDERS; h++) {
      const holder = await newHolder(app.baseUrl, actions, { name: `Bench Holder ${h}` });
      await holder.api.json("POST", "/api/v1/certifications", { credentialCode: "CPIM", earnedDate: "2022-03-10" });
      for (let i = 0; i < ACTIVITIES_PER_HOLDER; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, k) =>
            holder.api.json("POST", "/api/v1/activities", training({ title: `Seeded ${i + k}`, startDate: `2025-${String(1 + ((i + k) % 12)).padStart(2, "0")}-1${k}` })),
          ),
        );
      }
      holders.push(holder);
    }

    const samples = new Map<Kind, number[]>(MIX.map(([k]) => [k, []]));
    const errors = new Map<string, number>();
    let counted = 0;
    const started = performance.now();
    const countFrom = started + WARMUP * 1000;
    const endAt = countFrom + SECONDS * 1000;
    let seq = 0;

    async function connection(c: number): Promise<void> {
      const holder = holders[c % holders.length];
      if (!holder) return;
      while (performance.now() < endAt) {
        const kind = pick();
        const t0 = performance.now();
        let ok = false;
        let what = "";
        try {
          const r =
            kind === "dashboard page"
              ? await holder.client.get("/dashboard")
              : kind === "activities page"
                ? await holder.client.get("/activities")
                : kind === "API list"
                  ? await holder.api.get("/api/v1/activities?pageSize=50")
                  : await holder.api.json("POST", "/api/v1/activities", training({ title: `Load ${c}-${seq++}`, startDate: "2026-01-15" }));
          ok = r.status >= 200 && r.status < 300;
          what = `${kind}: HTTP ${r.status}`;
        } catch (err) {
          what = `${kind}: ${err instanceof Error ? err.message : String(err)}`;
        }
        const t1 = performance.now();
        if (t0 < countFrom) continue;
        counted += 1;
        samples.get(kind)?.push(t1 - t0);
        if (!ok) errors.set(what, (errors.get(what) ?? 0) + 1);
      }
    }

    console.log(`[bench] ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${SECONDS} s counted …`);
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => connection(c)));
    const elapsed = (performance.now() - countFrom) / 1000;

    const all = [...samples.values()].flat().sort((a, b) => a - b);
    const rows: { kind: string; requests: number; "req/s": string; "p50 ms": string; "p99 ms": string }[] = [...samples.entries()].map(([kind, xs]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { kind, requests: s.length, "req/s": (s.length / elapsed).toFixed(1), "p50 ms": percentile(s, 50).toFixed(0), "p99 ms": percentile(s, 99).toFixed(0) };
    });
    rows.push({ kind: "all", requests: all.length, "req/s": (counted / elapsed).toFixed(1), "p50 ms": percentile(all, 50).toFixed(0), "p99 ms": percentile(all, 99).toFixed(0) });
    console.table(rows);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(
      `[bench] ${counted} requests in ${elapsed.toFixed(1)} s = ${(counted / elapsed).toFixed(1)} req/s over ${CONNECTIONS} connections; p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms; errors under load: ${errorCount}`,
    );
    for (const [what, n] of errors) console.log(`[bench]   ${n} × ${what}`);
    return errorCount === 0 ? 0 : 1;
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
