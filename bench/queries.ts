/**
 * SQL statements per page request: `npm run bench:queries`.
 *
 * Runs the BUILT app with RECERT_LOG_SQL=1 (db/client.ts then writes one `[recert:sql]` line per
 * statement to the server log) and requests every page of app/ (found by the test support's route
 * discovery, so a page added later is measured too) one at a time, as a signed-in holder with 20
 * activities and as one with 20,000, plus the public pages anonymously. The lines the server wrote
 * between the request and its answer (and a short grace period) are that page's statements:
 * the real request path — proxy, Auth.js, the session check, the layout, the banners, the page.
 * A handful of API routes are listed too, for information. Twice per database: "cold" with the
 * activity cache off (every request reads the activities) and "warm" with it on.
 *
 * Goal (issue 8): at most 4 queries per page, whatever the number of activities.
 */
import fs from "node:fs";
import { todayIn } from "@/lib/dates";
import { unsubscribeToken } from "@/lib/reminders/token";
import { type HttpClient } from "../tests/support/http";
import { discoverPages, fillPattern } from "../tests/support/routes";
import { benchDb, type BenchDb, kinds, signIn, startBenchApp } from "./lib/app";
import { ensureBuild } from "./lib/build";
import { startPostgres } from "./lib/pg";
import { emit, type Figure, printHeader, run, table } from "./lib/report";
import { type SeededHolder, seedHolder } from "./lib/seed";

const GOAL = 4;
const GRACE_MS = 150;
const API_ROUTES = ["/api/v1/activities", "/api/v1/certifications", "/api/v1/certifications/[id]/progress", "/api/summary/[certificationId]/csv", "/api/summary/[certificationId]/pdf"];

type Who = { label: string; client: HttpClient | null; holder: SeededHolder | null };

function readFrom(file: string, offset: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - offset));
    fs.readSync(fd, buf, 0, buf.length, offset);
    return buf.toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

async function countFor(log: string, client: HttpClient, path: string): Promise<{ status: number; count: number; queries: string[]; location: string | null }> {
  const offset = fs.statSync(log).size;
  const reply = await client.get(path);
  await new Promise((r) => setTimeout(r, GRACE_MS));
  const lines = readFrom(log, offset)
    .split("\n")
    .filter((l) => l.startsWith("[recert:sql] "))
    .map((l) => l.slice("[recert:sql] ".length));
  return { status: reply.status, count: lines.length, queries: lines, location: reply.headers.get("location") };
}

/**
 * Cold: PROGRESS_CACHE_ROWS=0, every request reads the holder's activities (what a holder's first
 * request after a change, or after a restart, costs). Warm: the default cache, which saves that
 * read while nothing changed.
 */
const MODES = [
  { label: "cold", env: { PROGRESS_CACHE_ROWS: "0" } },
  { label: "warm", env: {} },
] as const;

async function measureDb(db: BenchDb): Promise<Figure[]> {
  const until = todayIn("UTC");
  const handle = await db.open();
  const small = await seedHolder(handle.db, { email: "q-small@bench.example", name: "Sam Small", activities: 20, until });
  const big = await seedHolder(handle.db, { email: "q-big@bench.example", name: "Bea Big", activities: 20_000, until });
  await handle.close();
  const figures: Figure[] = [];
  for (const mode of MODES) figures.push(...(await measureMode(db, small, big, mode)));
  return figures;
}

async function measureMode(db: BenchDb, small: SeededHolder, big: SeededHolder, mode: (typeof MODES)[number]): Promise<Figure[]> {
  const server = await startBenchApp(db, { RECERT_LOG_SQL: "1", ...mode.env });
  const figures: Figure[] = [];
  try {
    const { HttpClient } = await import("../tests/support/http");
    const anon = new HttpClient(server.app.baseUrl);
    const who: Who[] = [
      { label: "20 activities", client: await signIn(server.app, small.email, small.password), holder: small },
      { label: "20,000 activities", client: await signIn(server.app, big.email, big.password), holder: big },
    ];
    const paramsFor = (h: SeededHolder): Record<string, string> => ({
      id: h.activityIds[0] ?? "",
      certificationId: h.certificationIds[0] ?? "",
      token: unsubscribeToken(h.id, server.secret),
    });
    const pages = discoverPages();
    const rows: (string | number)[][] = [];
    const detail: string[] = [];
    for (const page of pages) {
      const isPublic = page.pattern === "/sign-in" || page.pattern === "/sign-up";
      const cells: (string | number)[] = [page.pattern];
      for (const w of who) {
        const path = fillPattern(page.pattern, paramsFor(w.holder as SeededHolder));
        const client = isPublic ? anon : (w.client as HttpClient);
        const r = await countFor(server.log, client, path);
        const ok = r.status === 200;
        cells.push(ok ? r.count : `${r.count} (HTTP ${r.status}${r.location ? ` → ${r.location}` : ""})`);
        if (ok || isPublic) {
          figures.push({ name: `queries per request ${page.pattern}${isPublic ? " (anonymous)" : `, ${w.label}`}, ${mode.label}, ${db.name}`, value: r.count, unit: "", goal: { op: "<=", value: GOAL } });
        } else {
          figures.push({ name: `page ${page.pattern} answered HTTP ${r.status} instead of 200, ${w.label}, ${mode.label}, ${db.name}`, value: 1, unit: "", goal: { op: "<=", value: 0 } });
        }
        if (w.label === "20,000 activities" && mode.label === "cold") detail.push(`  ${page.pattern}${isPublic ? " (anonymous)" : ""}:\n${r.queries.map((q) => `      ${q}`).join("\n") || "      (none)"}`);
        if (isPublic) break;
      }
      if (cells.length === 2) cells.push(cells[1] ?? "");
      rows.push(cells);
    }
    // The home page anonymously too (the floor of bench:dashboard is the signed-in one above).
    const home = await countFor(server.log, anon, "/");
    rows.push(["/ (anonymous)", home.count, home.count]);
    figures.push({ name: `queries per request / (anonymous), ${mode.label}, ${db.name}`, value: home.count, unit: "", goal: { op: "<=", value: GOAL } });

    const apiRows: (string | number)[][] = [];
    for (const route of API_ROUTES) {
      const cells: (string | number)[] = [route];
      for (const w of who) {
        const r = await countFor(server.log, w.client as HttpClient, fillPattern(route, { ...paramsFor(w.holder as SeededHolder), id: w.holder?.certificationIds[0] ?? "" }));
        cells.push(r.status === 200 ? r.count : `${r.count} (HTTP ${r.status})`);
      }
      apiRows.push(cells);
    }
    console.log(`\n[${db.name}, ${mode.label}] SQL statements per page request (document GET, signed in unless marked):`);
    console.log(table(["page", "20 activities", "20,000 activities"], rows));
    console.log(`\n[${db.name}, ${mode.label}] for information, route handlers (session cookie):`);
    console.log(table(["route", "20 activities", "20,000 activities"], apiRows));
    if (detail.length) console.log(`\n[${db.name}, ${mode.label}] the statements, holder with 20,000 activities:\n${detail.join("\n")}`);
  } finally {
    await server.stop();
  }
  return figures;
}

async function main(): Promise<boolean> {
  printHeader("SQL queries per page request (bench/queries.ts)", "next start with RECERT_LOG_SQL=1; one request at a time; statements counted from the server log");
  ensureBuild();
  const pg = startPostgres();
  const figures: Figure[] = [];
  try {
    for (const kind of kinds(pg)) {
      const db = await benchDb(kind, "queries", pg);
      try {
        figures.push(...(await measureDb(db)));
      } finally {
        await db.drop();
      }
    }
  } finally {
    pg?.stop();
  }
  return emit("queries", figures);
}

run(main);
