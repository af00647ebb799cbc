/**
 * First-load JavaScript per route, as the browser received it: `npm run bench:js`.
 *
 * Next 16 no longer prints bundle sizes, so this asks Chromium: for every page of app/ (the test
 * support's route discovery), a fresh browser context (empty cache) opens the page — signed in
 * as a holder with 20 activities, or anonymously for the public pages — and the Chrome DevTools
 * Protocol reports each script response's encodedDataLength at Network.loadingFinished: the
 * compressed bytes on the wire, headers included. Scripts requested before the page's load event
 * are its first load; scripts fetched afterwards (Next prefetching the routes its links point
 * to) are listed apart. kB = 1,000 bytes, as Next's old "First Load JS" column used.
 *
 * Goal (issue 8): at most 130 kB of compressed first-load JavaScript per route.
 */
import type { CDPSession } from "playwright-core";
import { todayIn } from "@/lib/dates";
import { unsubscribeToken } from "@/lib/reminders/token";
import { HttpClient } from "../tests/support/http";
import { discoverPages, fillPattern } from "../tests/support/routes";
import { benchDb, signIn, startBenchApp } from "./lib/app";
import { freshPage, hasChromium, launch } from "./lib/browser";
import { ensureBuild } from "./lib/build";
import { emit, type Figure, printHeader, run, table } from "./lib/report";
import { seedHolder } from "./lib/seed";

const GOAL_KB = 130;

type Script = { url: string; wire: number; body: number; decoded: number; afterLoad: boolean };

function track(cdp: CDPSession, isLoaded: () => boolean): Map<string, Script & { done: boolean }> {
  const scripts = new Map<string, Script & { done: boolean }>();
  cdp.on("Network.responseReceived", (e) => {
    if (e.type !== "Script") return;
    scripts.set(e.requestId, { url: e.response.url, wire: 0, body: 0, decoded: 0, afterLoad: isLoaded(), done: false });
  });
  cdp.on("Network.dataReceived", (e) => {
    const s = scripts.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const s = scripts.get(e.requestId);
    if (!s) return;
    s.wire = e.encodedDataLength;
    s.done = true;
  });
  return scripts;
}

async function main(): Promise<boolean> {
  printHeader("First-load JavaScript per route (bench/js.ts)", "Chromium, fresh context per route, CDP Network.loadingFinished encodedDataLength of Script responses");
  if (!hasChromium()) return emit("js", []);
  ensureBuild();
  const db = await benchDb("pglite", "js", null);
  const handle = await db.open();
  const holder = await seedHolder(handle.db, { email: "js@bench.example", name: "Jo Script", activities: 20, until: todayIn("UTC") });
  await handle.close();
  const server = await startBenchApp(db);
  const browser = await launch();
  const figures: Figure[] = [];
  try {
    const client = await signIn(server.app, holder.email, holder.password);
    const anon = new HttpClient(server.app.baseUrl);
    const params = { id: holder.activityIds[0] ?? "", certificationId: holder.certificationIds[0] ?? "", token: unsubscribeToken(holder.id, server.secret) };
    const routes = discoverPages().flatMap((p) => {
      const path = fillPattern(p.pattern, params);
      const isPublic = ["/sign-in", "/sign-up", "/unsubscribe/[token]"].includes(p.pattern);
      if (p.pattern === "/") return [{ pattern: "/ (anonymous)", path, who: anon }, { pattern: "/ (signed in)", path, who: client }];
      return [{ pattern: p.pattern, path, who: isPublic ? anon : client }];
    });
    const rows: (string | number)[][] = [];
    const seenOn = new Map<string, number>();
    const wireOf = new Map<string, number>();
    for (const route of routes) {
      const { context, page } = await freshPage(browser, server.app.baseUrl, route.who.cookies.size > 0 ? route.who : null);
      let loaded = false;
      page.once("load", () => {
        loaded = true;
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const scripts = track(cdp, () => loaded);
      const res = await page.goto(route.path, { waitUntil: "load" });
      await page.waitForLoadState("networkidle").catch(() => {});
      const finalPath = new URL(page.url()).pathname;
      const first = [...scripts.values()].filter((s) => !s.afterLoad && s.done);
      const later = [...scripts.values()].filter((s) => s.afterLoad && s.done);
      const wire = first.reduce((n, s) => n + s.wire, 0);
      const decoded = first.reduce((n, s) => n + s.decoded, 0);
      const laterWire = later.reduce((n, s) => n + s.wire, 0);
      const urls = new Set(first.map((s) => new URL(s.url).pathname));
      for (const u of urls) seenOn.set(u, (seenOn.get(u) ?? 0) + 1);
      for (const sc of first) wireOf.set(new URL(sc.url).pathname, sc.wire);
      const landed = finalPath === new URL(route.path, server.app.baseUrl).pathname ? "" : ` → ${finalPath}`;
      rows.push([`${route.pattern}${landed}`, res?.status() ?? 0, first.length, (wire / 1000).toFixed(1), (decoded / 1000).toFixed(1), later.length ? `${later.length} / ${(laterWire / 1000).toFixed(1)}` : "0"]);
      figures.push({ name: `first-load JS ${route.pattern}${landed}`, value: wire / 1000, unit: "kB", goal: { op: "<=", value: GOAL_KB }, note: `${first.length} scripts, ${(decoded / 1000).toFixed(0)} kB uncompressed` });
      await context.close();
    }
    console.log("\nFirst-load JavaScript per route (compressed = bytes on the wire incl. headers; uncompressed = what the engine parses):");
    console.log(table(["route", "HTTP", "scripts", "compressed kB", "uncompressed kB", "after load (prefetch): n / kB"], rows));
    const everywhere = [...seenOn].filter(([, n]) => n === routes.length).map(([u]) => u);
    const sharedKb = everywhere.reduce((n, u) => n + (wireOf.get(u) ?? 0), 0) / 1000;
    console.log(`\nscripts every route loads (React, the Next.js runtime and shared chunks): ${everywhere.length}, ${sharedKb.toFixed(1)} kB compressed`);
    for (const u of everywhere) console.log(`  ${u}: ${((wireOf.get(u) ?? 0) / 1000).toFixed(1)} kB`);
    figures.push({
      name: "first-load JS every route shares (React + Next.js runtime + shared chunks)",
      value: sharedKb,
      unit: "kB",
      note: "the floor under every route's figure above, gzip as next start serves it",
    });
  } finally {
    await browser.close();
    await server.stop();
    await db.drop();
  }
  return emit("js", figures);
}

run(main);
