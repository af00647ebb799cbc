/**
 * What every bench prints: the machine it ran on (cores, memory, Node, load average at the time),
 * its figures, each with its goal and MET / NOT MET, and one machine-readable line
 * (`BENCH-RESULT {...}`) that `npm run bench` collects into its summary.
 */
import fs from "node:fs";
import os from "node:os";

export type Goal = { op: "<=" | ">="; value: number };

export type Figure = {
  /** What was measured, in words ("dashboard p99, 1 connection, PostgreSQL, 20,000 activities"). */
  name: string;
  value: number;
  unit: string;
  goal?: Goal;
  /** A short remark printed next to it (what limits it, or why a goal does not apply). */
  note?: string;
};

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; kernel: string };

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}

/** The 1, 5 and 15 minute load averages ("15.36 17.77 17.25"). */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

export function printHeader(title: string, what: string): void {
  const m = machine();
  console.log(`\n=== ${title} ===`);
  console.log(what);
  console.log(`machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.kernel}`);
  console.log(`load average at start: ${loadAverage()} (1/5/15 min; above ${m.cpus} means other work competes for the cores)`);
  console.log(`started ${new Date().toISOString()}`);
}

export function met(f: Figure): boolean | null {
  if (!f.goal) return null;
  return f.goal.op === "<=" ? f.value <= f.goal.value : f.value >= f.goal.value;
}

export function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`.trim();
}

export function describeFigure(f: Figure): string {
  const ok = met(f);
  const goal = f.goal ? ` (goal ${f.goal.op === "<=" ? "≤" : "≥"} ${formatValue(f.goal.value, f.unit)}: ${ok ? "MET" : "NOT MET"})` : "";
  return `${f.name}: ${formatValue(f.value, f.unit)}${goal}${f.note ? ` — ${f.note}` : ""}`;
}

/**
 * Prints the figures with their verdicts and the BENCH-RESULT line. Returns false when a goal
 * was missed (the caller sets the exit code: a miss is a finding, not a crash).
 */
export function emit(part: string, figures: Figure[], extra: Record<string, unknown> = {}): boolean {
  console.log(`\n--- ${part}: figures (load average at the end: ${loadAverage()}) ---`);
  for (const f of figures) console.log(`  ${describeFigure(f)}`);
  const missed = figures.filter((f) => met(f) === false);
  console.log(missed.length === 0 ? "  every goal MET" : `  ${missed.length} goal(s) NOT MET`);
  const line = { part, at: new Date().toISOString(), loadAverage: loadAverage(), machine: machine(), figures, ...extra };
  console.log(`BENCH-RESULT ${JSON.stringify(line)}`);
  const out = process.env.BENCH_RESULTS_DIR;
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(`${out}/${part}.json`, `${JSON.stringify(line, null, 2)}\n`);
  }
  return missed.length === 0;
}

/** Fixed-width table for the terminal. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].map((l) => `  ${l}`).join("\n");
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function median(xs: readonly number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

/** Runs a bench's main and turns a crash into a clear message and exit code 2 (1 = a goal missed). */
export function run(main: () => Promise<boolean>): void {
  main().then(
    (ok) => {
      process.exitCode = ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 2;
    },
  );
}
