/**
 * Largest contentful paint of the dashboard on loopback: `npm run bench:lcp`.
 *
 * Chromium opens /dashboard in a fresh context (empty cache: a first visit) signed in as a holder
 * with 20 activities and as one with 20,000, at desktop (1280 px) and phone (390 px) width, on
 * each database. A PerformanceObserver for 'largest-contentful-paint' (buffered) reports the last
 * candidate once the page has loaded and settled; TTFB and FCP come from the same page's
 * navigation and paint timings. Several visits each; the median and the worst are printed.
 *
 * Goal (issue 8): LCP ≤ 1 s.  Knobs: BENCH_DB=postgres|pglite, BENCH_VISITS (5).
 */
import type { Page } from "playwright-core";
import { todayIn } from "@/lib/dates";
import { benchDb, type BenchDb, kinds, signIn, startBenchApp } from "./lib/app";
import { DESKTOP, freshPage, hasChromium, launch, PHONE } from "./lib/browser";
import { ensureBuild } from "./lib/build";
import { startPostgres } from "./lib/pg";
import { emit, type Figure, median, printHeader, run, table } from "./lib/report";
import { seedHolder } from "./lib/seed";

const VISITS = Number(process.env.BENCH_VISITS ?? 5);
const GOAL_MS = 1000;

type Timing = { lcp: number; ttfb: number; fcp: number; element: string };

async function timings(page: Page): Promise<Timing> {
  return page.evaluate(
    () =>
      new Promise<Timing>((resolve) => {
        let lcp = 0;
        let element = "";
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null; size?: number })[]) {
            lcp = e.startTime;
            const el = e.element;
            element = el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"` : "(removed)";
          }
        }).observe({ type: "largest-contentful-paint", buffered: true });
        // Candidates stop at the first input or scroll; none come here, so wait for the page to settle.
        setTimeout(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
          resolve({ lcp, ttfb: nav?.responseStart ?? 0, fcp, element });
        }, 1000);
      }),
  );
}

async function measureDb(db: BenchDb, browser: Awaited<ReturnType<typeof launch>>): Promise<{ figures: Figure[]; rows: (string | number)[][] }> {
  const until = todayIn("UTC");
  const handle = await db.open();
  const holders = [
    { label: "20 activities", seeded: await seedHolder(handle.db, { email: "lcp-small@bench.example", name: "Sam Small", activities: 20, until }) },
    { label: "20,000 activities", seeded: await seedHolder(handle.db, { email: "lcp-big@bench.example", name: "Bea Big", activities: 20_000, until }) },
  ];
  await handle.close();
  const server = await startBenchApp(db);
  const figures: Figure[] = [];
  const rows: (string | number)[][] = [];
  try {
    for (const h of holders) {
      const client = await signIn(server.app, h.seeded.email, h.seeded.password);
      for (const [vpName, vp] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        // One visit to warm the server (JIT, caches): a visitor never meets a cold process twice.
        const warm = await freshPage(browser, server.app.baseUrl, client, vp);
        await warm.page.goto("/dashboard", { waitUntil: "load" });
        await warm.context.close();
        const runs: Timing[] = [];
        for (let i = 0; i < VISITS; i++) {
          const { context, page } = await freshPage(browser, server.app.baseUrl, client, vp);
          const res = await page.goto("/dashboard", { waitUntil: "load" });
          if (res?.status() !== 200 || new URL(page.url()).pathname !== "/dashboard") throw new Error(`dashboard answered ${res?.status()} at ${page.url()}`);
          runs.push(await timings(page));
          await context.close();
        }
        const lcps = runs.map((r) => r.lcp);
        const worst = Math.max(...lcps);
        rows.push([`${db.name}, ${h.label}, ${vpName}`, median(runs.map((r) => r.ttfb)).toFixed(0), median(runs.map((r) => r.fcp)).toFixed(0), median(lcps).toFixed(0), worst.toFixed(0), runs.at(-1)?.element ?? ""]);
        figures.push({ name: `dashboard LCP (median of ${VISITS}), ${db.name}, ${h.label}, ${vpName}`, value: median(lcps), unit: "ms", goal: { op: "<=", value: GOAL_MS }, note: `worst ${worst.toFixed(0)} ms, TTFB ${median(runs.map((r) => r.ttfb)).toFixed(0)} ms` });
      }
    }
  } finally {
    await server.stop();
  }
  return { figures, rows };
}

async function main(): Promise<boolean> {
  printHeader("Largest contentful paint of the dashboard (bench/lcp.ts)", `Chromium, loopback, fresh context per visit, ${VISITS} visits per case`);
  if (!hasChromium()) return emit("lcp", []);
  ensureBuild();
  const pg = startPostgres();
  const browser = await launch();
  const figures: Figure[] = [];
  const rows: (string | number)[][] = [];
  try {
    for (const kind of kinds(pg)) {
      const db = await benchDb(kind, "lcp", pg);
      try {
        const r = await measureDb(db, browser);
        figures.push(...r.figures);
        rows.push(...r.rows);
      } finally {
        await db.drop();
      }
    }
  } finally {
    await browser.close();
    pg?.stop();
  }
  console.log("\nDashboard paint timings, medians in ms:");
  console.log(table(["case", "TTFB", "FCP", "LCP", "worst LCP", "LCP element"], rows));
  return emit("lcp", figures, { visits: VISITS });
}

run(main);
