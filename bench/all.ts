/**
 * `npm run bench`: every benchmark, one after the other, then one table of every figure with its
 * goal. Builds the app once into its own folder (NEXT_DIST_DIR, default .next-bench) and starts
 * one throwaway PostgreSQL for all parts, so it works in a fresh clone after `npm ci` (with
 * Debian's postgresql and chromium installed; without them those figures are skipped, loudly).
 *
 * Parts (each is also its own script): rules, pdf, queries, js, lcp, import, reminders, load
 * (issue 7's mixed load, bench/load.ts), dashboard — the dashboard last and alone, as its figures
 * are the most sensitive to other work on the machine. BENCH_PARTS=queries,js runs a subset. Every figure also lands in
 * test-results/bench/<time>/ (JSON per part, summary.md).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "./lib/build";
import { startPostgres } from "./lib/pg";
import { describeFigure, type Figure, formatValue, loadAverage, machine, met, printHeader } from "./lib/report";

type Part = { name: string; script: string; react?: boolean; parse?: (out: string) => Figure[] };

const num = (re: RegExp, out: string): number | null => {
  const m = re.exec(out);
  return m?.[1] ? Number(m[1].replace(/,/g, "")) : null;
};

const PARTS: Part[] = [
  {
    name: "rules",
    script: "bench/rules.ts",
    parse: (out) => {
      const one = num(/evaluate\(\) alone, median ([\d.]+) ms per designation/, out);
      const all = num(/evaluateAll\(\), median ([\d.]+) ms per designation/, out);
      const figures: Figure[] = [];
      // evaluate() alone scores every activity again for each designation: printed beside the goal, not held to it.
      if (one !== null) figures.push({ name: "rule engine: evaluate() alone of 20,000 activities, per designation (median; for comparison)", value: one, unit: "ms" });
      if (all !== null) figures.push({ name: "rule engine: evaluateAll() of 20,000 activities, per designation (median)", value: all, unit: "ms", goal: { op: "<=", value: 5 } });
      return figures;
    },
  },
  {
    name: "pdf",
    script: "bench/summary-pdf.ts",
    parse: (out) => {
      const pdf = num(/PDF only:\s+median ([\d.]+) ms/, out);
      const whole = num(/evaluate \+ summary \+ PDF: median ([\d.]+) ms/, out);
      const figures: Figure[] = [];
      if (pdf !== null) figures.push({ name: "summary PDF of 1,000 activities (median)", value: pdf, unit: "ms", goal: { op: "<=", value: 1000 } });
      if (whole !== null) figures.push({ name: "evaluate + summary + PDF of 1,000 activities (median)", value: whole, unit: "ms" });
      return figures;
    },
  },
  { name: "queries", script: "bench/queries.ts" },
  { name: "js", script: "bench/js.ts" },
  { name: "lcp", script: "bench/lcp.ts" },
  { name: "import", script: "bench/import.ts" },
  { name: "reminders", script: "bench/reminders.ts", react: true },
  {
    // Issue 7's mixed load (bench/load.ts): 50 connections of dashboard, list and API traffic.
    name: "load",
    script: "bench/load.ts",
    parse: (out) => {
      const m = /\[bench\] (\d+) requests in ([\d.]+) s = ([\d.]+) req\/s over (\d+) connections; p50 (\d+) ms, p99 (\d+) ms; errors under load: (\d+)/.exec(out);
      if (!m) return [];
      const conns = m[4] ?? "?";
      return [
        { name: `mixed load (dashboard, activities, API list and create), ${conns} connections, PGlite`, value: Number(m[3]), unit: "req/s", note: `p50 ${m[5]} ms, p99 ${m[6]} ms` },
        { name: `mixed load: errors under load`, value: Number(m[7]), unit: "", goal: { op: "<=", value: 0 } },
      ];
    },
  },
  { name: "dashboard", script: "bench/dashboard.ts" },
];

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

function runPart(part: Part, resultsDir: string): Promise<{ code: number; out: string; ms: number }> {
  const args = [TSX, ...(part.react ? ["--conditions=react-server"] : []), part.script];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, BENCH_RESULTS_DIR: resultsDir }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      const s = c.toString("utf8");
      out += s;
      // The machine-readable line is for this script; people read the rest.
      process.stdout.write(
        s
          .split("\n")
          .filter((l) => !l.startsWith("BENCH-RESULT "))
          .join("\n"),
      );
    });
    child.on("exit", (code) => resolve({ code: code ?? 2, out, ms: performance.now() - started }));
  });
}

async function main(): Promise<number> {
  printHeader("Recert benchmarks (npm run bench)", "every part in turn; the summary table is at the end");
  const only = process.env.BENCH_PARTS?.split(",").map((s) => s.trim());
  const parts = only ? PARTS.filter((p) => only.includes(p.name)) : PARTS;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const resultsDir = path.join(process.cwd(), "test-results", "bench", stamp);
  fs.mkdirSync(resultsDir, { recursive: true });
  ensureBuild();
  process.env.BENCH_BUILD = "reuse";
  const pg = startPostgres();
  const summary: { part: string; code: number; seconds: number; load: string; figures: Figure[] }[] = [];
  try {
    for (const part of parts) {
      const loadBefore = loadAverage();
      const r = await runPart(part, resultsDir);
      const file = path.join(resultsDir, `${part.name}.json`);
      let figures: Figure[] = [];
      if (part.parse) figures = part.parse(r.out);
      else if (fs.existsSync(file)) figures = (JSON.parse(fs.readFileSync(file, "utf8")) as { figures: Figure[] }).figures;
      if (figures.length === 0) figures.push({ name: `${part.name}: no figures (exit ${r.code}; see its output above)`, value: 1, unit: "", goal: { op: "<=", value: 0 } });
      summary.push({ part: part.name, code: r.code, seconds: r.ms / 1000, load: loadBefore, figures });
    }
  } finally {
    pg?.stop();
  }

  const m = machine();
  const lines: string[] = [
    `# Recert benchmark run ${new Date().toISOString()}`,
    "",
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.kernel}.`,
    "",
    "| part | load avg at start (1/5/15 min) | figure | value | goal | verdict |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  console.log(`\n=== Summary (load average now ${loadAverage()}) ===`);
  let missed = 0;
  for (const s of summary) {
    console.log(`\n[${s.part}] ${s.seconds.toFixed(0)} s, load average at start ${s.load}${s.code === 2 ? " — CRASHED, see above" : ""}`);
    for (const f of s.figures) {
      console.log(`  ${describeFigure(f)}`);
      const ok = met(f);
      if (ok === false) missed += 1;
      const goal = f.goal ? `${f.goal.op === "<=" ? "≤" : "≥"} ${formatValue(f.goal.value, f.unit)}` : "";
      lines.push(`| ${s.part} | ${s.load} | ${f.name} | ${formatValue(f.value, f.unit)} | ${goal} | ${ok === null ? "" : ok ? "met" : "**not met**"} |`);
    }
  }
  fs.writeFileSync(path.join(resultsDir, "summary.md"), `${lines.join("\n")}\n`);
  console.log(`\n${missed === 0 ? "Every goal MET." : `${missed} goal(s) NOT MET.`} Figures saved in ${path.relative(process.cwd(), resultsDir)}/ (summary.md, one JSON per part).`);
  return missed === 0 && summary.every((s) => s.code !== 2) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 2;
  },
);
