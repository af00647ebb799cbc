/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): where the time went, by function (self time)
 * and by package or source folder, with total (inclusive) time for the app's own functions.
 *   npx tsx bench/profile.ts CPU.*.cpuprofile [--top 25] [--match lib/]
 * Used to explain a missed goal in BENCHMARKS.md ("profile first").
 */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

function where(url: string): string {
  if (!url) return "(native / V8)";
  const clean = url.replace(/^file:\/\//, "");
  const nm = clean.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = clean.slice(nm + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? clean);
  }
  if (clean.startsWith("node:")) return "node (core)";
  const rel = clean.replace(`${process.cwd()}/`, "");
  const parts = rel.split("/");
  // A Next build's server chunks: name the chunk (its file says which routes and packages it holds).
  if (parts[0]?.startsWith(".next")) return `${parts[0]}/…/${parts.at(-1)}`;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : rel;
}

function main(): void {
  const args = process.argv.slice(2);
  const top = Number(args[args.indexOf("--top") + 1] ?? 25) || 25;
  const match = args.includes("--match") ? args[args.indexOf("--match") + 1] : undefined;
  const files = args.filter((a) => a.endsWith(".cpuprofile"));
  if (files.length === 0) {
    console.error("usage: tsx bench/profile.ts <file.cpuprofile>… [--top N] [--match text]");
    process.exit(2);
  }
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<number, number>();
    p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const idle = [...self].filter(([id]) => ["(idle)", "(program)"].includes(byId.get(id)?.callFrame.functionName ?? "")).reduce((a, [, ms]) => a + ms, 0);
    const fn = new Map<string, number>();
    const place = new Map<string, number>();
    const inclusive = new Map<string, number>();
    for (const [id, ms] of self) {
      const n = byId.get(id);
      if (!n) continue;
      const key = `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
      fn.set(key, (fn.get(key) ?? 0) + ms);
      place.set(where(n.callFrame.url), (place.get(where(n.callFrame.url)) ?? 0) + ms);
      // Inclusive time per function name of the app's own code (once per stack).
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const c = byId.get(cur);
        if (!c) break;
        const url = c.callFrame.url;
        if (!url || url.includes("node_modules") || url.startsWith("node:") || url.startsWith("wasm:")) continue;
        const k = `${c.callFrame.functionName || "(anonymous)"}  ${where(url)}:${c.callFrame.lineNumber + 1}`;
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
    const show = (title: string, m: Map<string, number>) => {
      console.log(`\n  ${title}`);
      for (const [k, ms] of [...m].filter(([k]) => !match || k.includes(match)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
        console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
      }
    };
    console.log(`\n${file}: ${total.toFixed(0)} ms sampled, of which idle/program ${idle.toFixed(0)} ms`);
    show("by package or folder (self time)", place);
    show("by function (self time)", fn);
    show("the app's own functions (inclusive time)", inclusive);
  }
}

main();
