/**
 * Rule-engine benchmark: `npm run bench:rules`.
 *
 * Builds 20,000 ASCM activities deterministically (seeded PRNG, every common activity type,
 * dates spread over five years) and evaluates them for three designations (CPIM, CSCP, CLTD),
 * warmed up, then many timed rounds. Each round runs, back to back so that they see the same
 * machine: evaluateAll() for the three designations (what the app does: lib/progress uses
 * evaluateEach, the same work without the outside-every-cycle warnings), evaluate() once per
 * designation, and a calibration pass with no rules. Each step runs BLOCK times in a row, so the
 * garbage collections a step meets are those its own allocations cause, not the next step's.
 * Prints wall time (median, min), CPU time and the load average.
 * Goal (issue 3): ≤ 5 ms per designation for 20,000 activities × 3 designations, i.e. the
 * evaluateAll() median divided by 3; evaluate() alone (every activity scored again for each
 * designation) is printed beside it.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { evaluate, evaluateAll, type ActivityInput, type CertificationInput, type ProgressReport } from "@/lib/rules";

const ACTIVITIES = 20_000;
const WARMUP_ROUNDS = 30;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150);
/** Calls of one step in a row (a round is BLOCK calls of each step); ROUNDS ÷ BLOCK rounds are measured. */
const BLOCK = 5;
const AS_OF = "2026-05-01";
const GOAL_MS = 5;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoFromDay(day: number): string {
  // Bench-side only: UTC day number to YYYY-MM-DD.
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** What a maker decides; the rest of the activity is the same for every type. */
type Parts = { typeId: string; quantity?: number; details?: Record<string, unknown>; hasEvidence?: boolean };
type Maker = (r: () => number) => Parts;

/**
 * One object literal for every activity, with every key present in the same order (null when
 * absent), as lib/progress/load.ts's toActivityInput builds them from database rows: V8 gives them
 * all one hidden class, as in the app, so the bench measures the engine, not object shapes. (Built
 * with object spread instead, the activities had 15 hidden classes and every property read in the
 * engine's loop was megamorphic, which the app never sees.)
 */
function activity(id: string, date: string, p: Parts): ActivityInput {
  return {
    id,
    packId: "ascm",
    typeId: p.typeId,
    title: `Activity ${id}`,
    startDate: date,
    endDate: null,
    quantity: p.quantity ?? null,
    details: p.details ?? {},
    manualPoints: null,
    excludedCertificationIds: [],
    hasEvidence: p.hasEvidence ?? true,
  };
}

const MIX: [number, Maker][] = [
  [30, (r) => ({ typeId: "attend_training", quantity: 0.5 * (1 + Math.floor(r() * 16)) })],
  [22, (r) => ({ typeId: "online_event", quantity: 0.5 * (1 + Math.floor(r() * 6)) })],
  [6, (r) => ({ typeId: "teach", quantity: 0.5 * (1 + Math.floor(r() * 8)), details: { topic: `Topic ${Math.floor(r() * 400)}` } })],
  [10, (r) => ({ typeId: "article_read", quantity: 1 + Math.floor(r() * 5) })],
  [8, (r) => ({ typeId: "book", details: { pages: 200 + Math.floor(r() * 400) } })],
  [3, (r) => ({ typeId: "ascm_conference", quantity: 1 + Math.floor(r() * 4), details: { eventName: `ASCM Connect ${Math.floor(r() * 3)}` } })],
  [3, (r) => ({ typeId: "mentor", quantity: 1 + Math.floor(r() * 3) })],
  [4, (r) => ({ typeId: "pm_project", quantity: 40 + Math.floor(r() * 200) })],
  [2, () => ({ typeId: "volunteer_service" })],
  [2, () => ({ typeId: "ascm_membership" })],
  [1, (r) => ({ typeId: "related_membership", details: { organization: `Body ${Math.floor(r() * 5)}` } })],
  [2, () => ({ typeId: "publication" })],
  [1, (r) => ({ typeId: "college_course", details: { creditHours: 3, weeks: 10 + Math.floor(r() * 6) } })],
  [1, (r) => ({ typeId: "ascm_exam", details: { credentialCode: ["CPIM", "CSCP", "CLTD", "CTSC"][Math.floor(r() * 4)] } })],
  [1, (r) => ({ typeId: "learning_system", details: { system: "CSCP", score: 80 + Math.floor(r() * 21) } })],
  [4, (r) => ({ typeId: "attend_training", quantity: 0.5 * (1 + Math.floor(r() * 16)), hasEvidence: false })],
];

function buildActivities(): ActivityInput[] {
  const r = prng(20_260_501);
  const total = MIX.reduce((s, [w]) => s + w, 0);
  const first = Date.UTC(2021, 6, 1) / 86_400_000;
  const last = Date.UTC(2026, 3, 30) / 86_400_000;
  const out: ActivityInput[] = [];
  for (let i = 0; i < ACTIVITIES; i++) {
    let pick = r() * total;
    let maker = (MIX[0] as [number, Maker])[1];
    for (const [w, m] of MIX) {
      if (pick < w) {
        maker = m;
        break;
      }
      pick -= w;
    }
    const date = isoFromDay(first + Math.floor(r() * (last - first + 1)));
    const parts = maker(r);
    out.push(activity(`act-${String(i).padStart(5, "0")}`, date, parts));
  }
  return out;
}

const certifications: CertificationInput[] = [
  { id: "cpim", packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-06-15" },
  { id: "cscp", packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-03-15" },
  { id: "cltd", packId: "ascm", credentialCode: "CLTD", earnedDate: "2023-09-10" },
];

/**
 * Calibration: the same pass over the same activities with no rules at all (read each activity,
 * check its pack and window, build one contribution object). On a shared machine this shows how
 * much of a figure is the machine: the engine cannot be faster than this.
 */
function floorPass(activities: ActivityInput[], from: string, until: string): number {
  const out: object[] = [];
  for (let i = 0; i < activities.length; i++) {
    const a = activities[i] as ActivityInput;
    if (a.packId !== "ascm") continue;
    const ex = a.excludedCertificationIds;
    if (ex !== undefined && ex.length !== 0 && ex.includes("cpim")) continue;
    const d = a.startDate;
    if (d < from || d > until) continue;
    const q = typeof a.quantity === "number" ? a.quantity : 1;
    out.push({ activityId: a.id, typeId: a.typeId, categoryId: "education", date: d, points: q, counted: q, trimmedBy: undefined, ruleId: "r", explanation: "e", source: null });
  }
  return out.length;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Wall times (ms) and process CPU time (ms) of one measured step over the rounds. */
class Timer {
  readonly wall: number[] = [];
  cpu = 0;
  run(f: () => number): number {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = f();
    this.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    this.cpu += (c.user + c.system) / 1000;
    return out;
  }
  get sorted(): number[] {
    return [...this.wall].sort((a, b) => a - b);
  }
  median(): number {
    return quantile(this.sorted, 0.5);
  }
  min(): number {
    return this.sorted[0] ?? NaN;
  }
  p95(): number {
    return quantile(this.sorted, 0.95);
  }
  cpuPer(): number {
    return this.cpu / this.wall.length;
  }
}

function main(): void {
  const activities = buildActivities();
  const n = certifications.length;
  let sink = 0;
  const once: ProgressReport[] = certifications.map((certification) => evaluate({ certification, activities, asOf: AS_OF }));
  const all = new Timer();
  const one = new Timer();
  const floor = new Timer();
  const round = (measure: boolean) => {
    const t = (timer: Timer, f: () => number) => {
      for (let b = 0; b < BLOCK; b++) sink += measure ? timer.run(f) : f();
    };
    t(all, () => evaluateAll({ certifications, activities, asOf: AS_OF }).reports.length);
    t(one, () => certifications.reduce((s, certification) => s + evaluate({ certification, activities, asOf: AS_OF }).counted, 0));
    t(floor, () => floorPass(activities, "2021-06-15", "2026-09-28"));
  };
  for (let i = 0; i < WARMUP_ROUNDS; i++) round(false);
  const load0 = loadavg();
  for (let i = 0; i < Math.ceil(ROUNDS / BLOCK); i++) round(true);
  const load1 = loadavg();

  const fmt = (x: number) => x.toFixed(2);
  const allMedian = all.median();
  const perDesignation = allMedian / n;
  const calibration = floor.median();

  console.log("Recert rule engine benchmark (bench/rules.ts)");
  console.log(`node ${process.version}, ${ACTIVITIES.toLocaleString("en")} activities, ${n} designations, asOf ${AS_OF}`);
  console.log(`warm-up ${WARMUP_ROUNDS} rounds, then ${ROUNDS} measured rounds, each: evaluateAll() of the ${n} designations, evaluate() of each, the calibration pass`);
  for (const r of once)
    console.log(
      `  ${r.credentialCode.padEnd(5)} cycle ${r.cycle.start}..${r.cycle.dueDate}: ${r.contributions.length.toLocaleString("en")} activities in window, ` +
        `${r.outsideWindow.length.toLocaleString("en")} outside, earned ${r.earned}, counted ${r.counted}, status ${r.status}`,
    );
  console.log("");
  console.log(
    `${ACTIVITIES.toLocaleString("en")} activities × ${n} designations (evaluateAll: each activity scored once, counted per designation): ` +
      `${fmt(allMedian)} ms in all, ${fmt(perDesignation)} ms per designation (median)`,
  );
  console.log(
    `  min ${fmt(all.min())} ms in all (${fmt(all.min() / n)} per designation), p95 ${fmt(all.p95())} ms; ` +
      `CPU ${fmt(all.cpuPer())} ms in all (${fmt(all.cpuPer() / n)} per designation; CPU above wall is V8's GC and compiler threads, wall above CPU is waiting for a core)`,
  );
  console.log(`  throughput: ${Math.round(((ACTIVITIES * n) / allMedian) * 1000).toLocaleString("en")} activity-designations/second (median)`);
  console.log("");
  console.log(
    `evaluate() alone, once per designation (every activity scored again for each): median ${fmt(one.median())} ms for the ${n}, ${fmt(one.median() / n)} ms per designation; ` +
      `p95 ${fmt(one.p95() / n)}, min ${fmt(one.min() / n)}, CPU ${fmt(one.cpuPer() / n)} ms per designation`,
  );
  console.log("");
  console.log(`calibration: a bare pass over the same 20,000 activities (no rules, one object each): median ${fmt(calibration)} ms, min ${fmt(floor.min())} ms, CPU ${fmt(floor.cpuPer())} ms`);
  console.log(
    `  per designation, evaluateAll costs ${fmt(perDesignation / calibration)} × the calibration pass (median), ${fmt(all.min() / n / floor.min())} × (min); ` +
      `evaluate() alone ${fmt(one.median() / n / calibration)} ×`,
  );
  console.log(`load average: ${load0.map((x) => x.toFixed(1)).join(", ")} before measuring, ${load1.map((x) => x.toFixed(1)).join(", ")} after, on ${cpus().length} cores`);
  console.log("");
  console.log(`goal (issue 3) ≤ ${GOAL_MS} ms per designation for ${ACTIVITIES.toLocaleString("en")} activities × ${n} designations — the figure compared is the evaluateAll() median ÷ ${n}:`);
  console.log(`  evaluateAll(), median ${fmt(perDesignation)} ms per designation: ${perDesignation <= GOAL_MS ? "MET" : "NOT MET"} (${fmt(allMedian)} ms in all; fastest ${fmt(all.min() / n)} ms per designation)`);
  console.log(`  for comparison, not the goal: evaluate() alone, median ${fmt(one.median() / n)} ms per designation; fastest ${fmt(one.min() / n)} ms`);
  if (sink === 0) console.log("(unexpected: nothing counted)");
  // Like every bench: a missed goal is a finding, exit 1 (npm run bench reads the figures itself).
  if (perDesignation > GOAL_MS) process.exitCode = 1;
}

main();
