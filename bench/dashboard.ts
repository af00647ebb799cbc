/**
 * Dashboard throughput and latency against the framework's floor: `npm run bench:dashboard`.
 *
 * The floor is the cheapest signed-in page of the same build: the home page for a signed-in
 * holder (proxy with the CSP nonce, the Auth.js cookie decoded, the session version checked in
 * the database — one query — and a static page rendered). The dashboard adds the app layout,
 * the banners and the holder's data: certifications, every activity scored by lib/rules, the gap
 * planner and the chart. Both run in the same server, in alternating slices (floor, dashboard
 * with 20 activities, dashboard with 20,000 activities, again …), so background load on a shared
 * machine hits them alike; the ratio of their throughputs is the figure.
 *
 * For each database (PostgreSQL 15 when installed, and PGlite): 1 and 10 keep-alive connections
 * on loopback, gzip as a browser asks for it. Besides requests per second and latency, it prints
 * the CPU milliseconds the server (and PostgreSQL) spent per request, which competing work on the
 * machine barely moves. A fourth page, /summary for the 20,000-activity holder, runs the same data
 * path (session, the layout's load, every designation's report) with little markup: it separates
 * what the data costs from what rendering the dashboard's markup costs.
 *
 * Goals (issue 8): dashboard ≥ 0.8 × the floor's throughput; p99 ≤ 50 ms at 1 connection.
 * Knobs: BENCH_DB=postgres|pglite, BENCH_SLICE_MS (4000), BENCH_ROUNDS (3).
 */
import { todayIn } from "@/lib/dates";
import { benchDb, type BenchDb, kinds, signIn, startBenchApp } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { type LoadSlice, type LoadSummary, type LoadTarget, runLoad, summarize } from "./lib/load";
import { startPostgres } from "./lib/pg";
import { treeCpuMs } from "./lib/proc";
import { emit, type Figure, printHeader, run, table } from "./lib/report";
import { seedHolder } from "./lib/seed";

const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_PER_SLICE = 20_000;
const CONNECTIONS = [1, 10] as const;
const BIG = 20_000;
const SMALL = 20;

type Measured = { target: LoadTarget; conns: number; summary: LoadSummary; serverCpuMs: number; dbCpuMs: number };

async function measureDb(db: BenchDb): Promise<{ rows: Measured[]; figures: Figure[] }> {
  const until = todayIn("UTC");
  console.log(`\n[${db.name}] seeding a holder with ${SMALL} and one with ${BIG.toLocaleString("en-US")} activities …`);
  const handle = await db.open();
  const t0 = performance.now();
  const small = await seedHolder(handle.db, { email: "small@bench.example", name: "Sam Small", activities: SMALL, until });
  const big = await seedHolder(handle.db, { email: "big@bench.example", name: "Bea Big", activities: BIG, until });
  await handle.close();
  console.log(`[${db.name}] seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting next start …`);
  const server = await startBenchApp(db);
  try {
    const smallClient = await signIn(server.app, small.email, small.password);
    const bigClient = await signIn(server.app, big.email, big.password);
    const base = server.app.baseUrl;
    const targets: LoadTarget[] = [
      { label: "floor: signed-in home page", url: `${base}/`, headers: { cookie: smallClient.cookieHeader() }, expect: "Open your dashboard" },
      { label: `dashboard, ${SMALL} activities`, url: `${base}/dashboard`, headers: { cookie: smallClient.cookieHeader() }, expect: "Welcome, Sam Small" },
      { label: `dashboard, ${BIG.toLocaleString("en-US")} activities`, url: `${base}/dashboard`, headers: { cookie: bigClient.cookieHeader() }, expect: "Welcome, Bea Big" },
      // The dashboard's whole data path (session, the layout's load, every report) on a page with
      // little markup: tells the cost of the data from the cost of rendering the dashboard's markup.
      { label: `same data, small page (/summary), ${BIG.toLocaleString("en-US")} activities`, url: `${base}/summary`, headers: { cookie: bigClient.cookieHeader() }, expect: "Submission summaries" },
    ];
    // What each page writes (HTML with its RSC payload, before gzip): rendering and compressing
    // cost in proportion, so the dashboard's size is a figure of its own.
    const htmlKiB = new Map<LoadTarget, number>();
    for (const t of targets) {
      const r = await fetch(t.url, { headers: t.headers, redirect: "manual" });
      const html = await r.text();
      if (r.status !== 200 || !html.includes(t.expect)) throw new Error(`${t.label}: HTTP ${r.status}, "${t.expect}" ${html.includes(t.expect) ? "found" : "missing"}`);
      htmlKiB.set(t, Buffer.byteLength(html) / 1024);
      console.log(`[${db.name}] ${t.label}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB of HTML`);
    }
    // Warm-up: JIT, React's caches, the pool's connections, PGlite's buffers.
    for (const t of targets) for (const c of CONNECTIONS) await runLoad(t, { connections: c, durationMs: 1500, maxRequests: 300 });

    const rows: Measured[] = [];
    for (const conns of CONNECTIONS) {
      const slices = new Map<LoadTarget, { slices: LoadSlice[]; server: number; db: number }>(targets.map((t) => [t, { slices: [], server: 0, db: 0 }]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of targets) {
          const s0 = treeCpuMs(server.app.pid);
          const d0 = treeCpuMs(db.dbPid);
          const slice = await runLoad(t, { connections: conns, durationMs: SLICE_MS, maxRequests: MAX_PER_SLICE });
          const acc = slices.get(t);
          if (!acc) continue;
          acc.slices.push(slice);
          acc.server += treeCpuMs(server.app.pid) - s0;
          acc.db += treeCpuMs(db.dbPid) - d0;
        }
      }
      for (const t of targets) {
        const acc = slices.get(t);
        if (!acc) continue;
        const summary = summarize(acc.slices);
        if (summary.errors > 0) console.log(`!!! ${t.label}: ${summary.errors} bad answers, first: ${summary.firstError}`);
        rows.push({ target: t, conns, summary, serverCpuMs: acc.server / Math.max(1, summary.requests), dbCpuMs: acc.db / Math.max(1, summary.requests) });
      }
    }
    const floorOf = (conns: number) => rows.find((r) => r.conns === conns && r.target === targets[0]);
    console.log(`\n[${db.name}] ${ROUNDS} rounds × ${SLICE_MS / 1000} s per page and connection count, alternating:`);
    console.log(
      table(
        ["page", "conns", "req/s", "× floor", "p50 ms", "p90 ms", "p99 ms", "max ms", "server CPU ms/req", db.kind === "postgres" ? "PostgreSQL CPU ms/req" : "", "errors"].filter(Boolean),
        rows.map((r) => {
          const floor = floorOf(r.conns);
          const ratio = floor ? r.summary.rps / floor.summary.rps : Number.NaN;
          return [
            r.target.label,
            r.conns,
            r.summary.rps.toFixed(0),
            ratio.toFixed(2),
            r.summary.p50.toFixed(1),
            r.summary.p90.toFixed(1),
            r.summary.p99.toFixed(1),
            r.summary.max.toFixed(0),
            r.serverCpuMs.toFixed(2),
            ...(db.kind === "postgres" ? [r.dbCpuMs.toFixed(2)] : []),
            r.summary.errors,
          ];
        }),
      ),
    );

    const figures: Figure[] = [];
    for (const [i, size] of [
      [1, SMALL],
      [2, BIG],
    ] as const) {
      const t = targets[i];
      const at = (c: number) => rows.find((r) => r.conns === c && r.target === t);
      const one = at(1);
      const ten = at(10);
      const f10 = floorOf(10);
      const f1 = floorOf(1);
      const label = `${db.name}, ${size.toLocaleString("en-US")} activities`;
      if (ten && f10) {
        figures.push({
          name: `dashboard ÷ floor throughput, 10 connections, ${label}`,
          value: ten.summary.rps / f10.summary.rps,
          unit: "×",
          goal: { op: ">=", value: 0.8 },
          note: `${ten.summary.rps.toFixed(0)} vs ${f10.summary.rps.toFixed(0)} req/s; CPU per request ${(ten.serverCpuMs + ten.dbCpuMs).toFixed(1)} vs ${(f10.serverCpuMs + f10.dbCpuMs).toFixed(1)} ms`,
        });
      }
      if (one && f1) figures.push({ name: `dashboard ÷ floor throughput, 1 connection, ${label}`, value: one.summary.rps / f1.summary.rps, unit: "×", goal: { op: ">=", value: 0.8 } });
      if (one) {
        figures.push({ name: `dashboard p50, 1 connection, ${label}`, value: one.summary.p50, unit: "ms" });
        figures.push({ name: `dashboard p99, 1 connection, ${label}`, value: one.summary.p99, unit: "ms", goal: { op: "<=", value: 50 } });
      }
      if (ten) {
        figures.push({ name: `dashboard p50, 10 connections, ${label}`, value: ten.summary.p50, unit: "ms" });
        figures.push({ name: `dashboard p99, 10 connections, ${label}`, value: ten.summary.p99, unit: "ms" });
      }
      const bad = (one?.summary.errors ?? 0) + (ten?.summary.errors ?? 0);
      if (bad > 0) figures.push({ name: `bad answers, ${label}`, value: bad, unit: "", goal: { op: "<=", value: 0 } });
    }
    const sameData = (c: number) => rows.find((r) => r.conns === c && r.target === targets[3]);
    for (const c of CONNECTIONS) {
      const d = sameData(c);
      const f = floorOf(c);
      if (d && f)
        figures.push({
          name: `same data path on a small page (/summary, 20,000 activities) ÷ floor throughput, ${c} connection${c > 1 ? "s" : ""}, ${db.name}`,
          value: d.summary.rps / f.summary.rps,
          unit: "×",
          note: "what the dashboard's data costs without the dashboard's markup",
        });
    }
    for (const t of targets) {
      const kib = htmlKiB.get(t);
      if (kib !== undefined) figures.push({ name: `HTML written, ${t.label}, ${db.name}`, value: kib, unit: "KiB", note: "uncompressed, RSC payload included" });
    }
    for (const c of CONNECTIONS) {
      const f = floorOf(c);
      if (f) figures.push({ name: `floor throughput, ${c} connection${c > 1 ? "s" : ""}, ${db.name}`, value: f.summary.rps, unit: "req/s", note: `p50 ${f.summary.p50.toFixed(1)} ms, p99 ${f.summary.p99.toFixed(1)} ms` });
    }
    return { rows, figures };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<boolean> {
  printHeader("Dashboard vs the framework's floor (bench/dashboard.ts)", "next start, loopback, keep-alive, gzip; floor = the signed-in home page of the same build");
  ensureBuild();
  const pg = startPostgres();
  const figures: Figure[] = [];
  try {
    for (const kind of kinds(pg)) {
      const db = await benchDb(kind, "dashboard", pg);
      try {
        figures.push(...(await measureDb(db)).figures);
      } finally {
        await db.drop();
      }
    }
  } finally {
    pg?.stop();
  }
  return emit("dashboard", figures, { sliceMs: SLICE_MS, rounds: ROUNDS });
}

run(main);
