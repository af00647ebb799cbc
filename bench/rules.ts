/**
 * Rule-engine benchmark: `npm run bench:rules`.
 *
 * Builds 20,000 ASCM activities deterministically (seeded PRNG, every common activity type,
 * dates spread over five years) and evaluates them for three designations (CPIM, CSCP, CLTD),
 * warmed up, then many timed rounds. Prints time per evaluation and activities per second.
 * Goal (issue 3): ≤ 5 ms per evaluation of 20,000 activities.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { evaluate, evaluateAll, type ActivityInput, type CertificationInput, type ProgressReport } from "@/lib/rules";

const ACTIVITIES = 20_000;
const WARMUP_ROUNDS = 30;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150);
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

type Maker = (r: () => number, id: string, date: string) => ActivityInput;
/**
 * Activities have the shape lib/progress/load.ts builds from database rows: every key present,
 * in the same order (null when absent), so the bench measures the engine, not object shapes.
 */
const base = (id: string, typeId: string, date: string): ActivityInput => ({
  id,
  packId: "ascm",
  typeId,
  title: `Activity ${id}`,
  startDate: date,
  endDate: null,
  quantity: null,
  details: {},
  manualPoints: null,
  excludedCertificationIds: [],
  hasEvidence: true,
});

const MIX: [number, Maker][] = [
  [30, (r, id, d) => ({ ...base(id, "attend_training", d), quantity: 0.5 * (1 + Math.floor(r() * 16)) })],
  [22, (r, id, d) => ({ ...base(id, "online_event", d), quantity: 0.5 * (1 + Math.floor(r() * 6)) })],
  [6, (r, id, d) => ({ ...base(id, "teach", d), quantity: 0.5 * (1 + Math.floor(r() * 8)), details: { topic: `Topic ${Math.floor(r() * 400)}` } })],
  [10, (r, id, d) => ({ ...base(id, "article_read", d), quantity: 1 + Math.floor(r() * 5) })],
  [8, (r, id, d) => ({ ...base(id, "book", d), details: { pages: 200 + Math.floor(r() * 400) } })],
  [3, (r, id, d) => ({ ...base(id, "ascm_conference", d), quantity: 1 + Math.floor(r() * 4), details: { eventName: `ASCM Connect ${Math.floor(r() * 3)}` } })],
  [3, (r, id, d) => ({ ...base(id, "mentor", d), quantity: 1 + Math.floor(r() * 3) })],
  [4, (r, id, d) => ({ ...base(id, "pm_project", d), quantity: 40 + Math.floor(r() * 200) })],
  [2, (_r, id, d) => base(id, "volunteer_service", d)],
  [2, (_r, id, d) => base(id, "ascm_membership", d)],
  [1, (r, id, d) => ({ ...base(id, "related_membership", d), details: { organization: `Body ${Math.floor(r() * 5)}` } })],
  [2, (_r, id, d) => base(id, "publication", d)],
  [1, (r, id, d) => ({ ...base(id, "college_course", d), details: { creditHours: 3, weeks: 10 + Math.floor(r() * 6) } })],
  [1, (r, id, d) => ({ ...base(id, "ascm_exam", d), details: { credentialCode: ["CPIM", "CSCP", "CLTD", "CTSC"][Math.floor(r() * 4)] } })],
  [1, (r, id, d) => ({ ...base(id, "learning_system", d), details: { system: "CSCP", score: 80 + Math.floor(r() * 21) } })],
  [4, (r, id, d) => ({ ...base(id, "attend_training", d), quantity: 0.5 * (1 + Math.floor(r() * 16)), hasEvidence: false })],
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
    out.push(maker(r, `act-${String(i).padStart(5, "0")}`, date));
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

function main(): void {
  const activities = buildActivities();
  let sink = 0;
  const once: ProgressReport[] = certifications.map((certification) => evaluate({ certification, activities, asOf: AS_OF }));
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const certification of certifications) sink += evaluate({ certification, activities, asOf: AS_OF }).counted;

  const perEval: number[] = [];
  const perRound: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const r0 = performance.now();
    for (const certification of certifications) {
      const t0 = performance.now();
      sink += evaluate({ certification, activities, asOf: AS_OF }).counted;
      perEval.push(performance.now() - t0);
    }
    perRound.push(performance.now() - r0);
  }
  const cpu = process.cpuUsage(cpu0);
  const wallTotal = performance.now() - wall0;
  const cpuPerEval = (cpu.user + cpu.system) / 1000 / perEval.length;
  // The same three designations through evaluateAll (what a dashboard loads, plus the
  // outside-every-cycle check across designations).
  for (let i = 0; i < WARMUP_ROUNDS; i++) sink += evaluateAll({ certifications, activities, asOf: AS_OF }).reports.length;
  const perAll: number[] = [];
  const cpuAll0 = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    sink += evaluateAll({ certifications, activities, asOf: AS_OF }).reports.length;
    perAll.push(performance.now() - t0);
  }
  const cpuAll = process.cpuUsage(cpuAll0);
  perAll.sort((a, b) => a - b);
  const allMedian = quantile(perAll, 0.5);
  const cpuAllPerEval = (cpuAll.user + cpuAll.system) / 1000 / (ROUNDS * certifications.length);
  for (let i = 0; i < WARMUP_ROUNDS; i++) sink += floorPass(activities, "2021-06-15", "2026-09-28");
  const perFloor: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    sink += floorPass(activities, "2021-06-15", "2026-09-28");
    perFloor.push(performance.now() - t0);
  }
  perFloor.sort((a, b) => a - b);
  perEval.sort((a, b) => a - b);
  perRound.sort((a, b) => a - b);
  const mean = perEval.reduce((s, x) => s + x, 0) / perEval.length;
  const median = quantile(perEval, 0.5);
  const p95 = quantile(perEval, 0.95);
  const roundMedian = quantile(perRound, 0.5);
  const fmt = (n: number) => n.toFixed(2);

  console.log("Recert rule engine benchmark (bench/rules.ts)");
  console.log(`node ${process.version}, ${ACTIVITIES.toLocaleString("en")} activities, ${certifications.length} designations, asOf ${AS_OF}`);
  console.log(`warm-up ${WARMUP_ROUNDS} rounds, measured ${ROUNDS} rounds × ${certifications.length} evaluations = ${perEval.length} evaluations`);
  for (const r of once)
    console.log(
      `  ${r.credentialCode.padEnd(5)} cycle ${r.cycle.start}..${r.cycle.dueDate}: ${r.contributions.length.toLocaleString("en")} activities in window, ` +
        `${r.outsideWindow.length.toLocaleString("en")} outside, earned ${r.earned}, counted ${r.counted}, status ${r.status}`,
    );
  console.log("");
  console.log(`time per evaluation (20,000 activities): median ${fmt(median)} ms, mean ${fmt(mean)} ms, p95 ${fmt(p95)} ms, min ${fmt(perEval[0] ?? NaN)} ms`);
  console.log(`time for all 3 designations:           median ${fmt(roundMedian)} ms`);
  console.log(
    `CPU time per evaluation: ${fmt(cpuPerEval)} ms (process CPU over the measured rounds; wall ${fmt(wallTotal / perEval.length)} ms — ` +
      `the difference is time this process waited for a core on a shared machine)`,
  );
  console.log(`throughput: ${Math.round((ACTIVITIES / median) * 1000).toLocaleString("en")} activities/second per evaluation (median)`);
  console.log("");
  console.log(
    `evaluateAll (3 designations): median ${fmt(allMedian)} ms = ${fmt(allMedian / certifications.length)} ms per designation, ` +
      `min ${fmt((perAll[0] ?? NaN) / certifications.length)} ms per designation, CPU ${fmt(cpuAllPerEval)} ms per designation`,
  );
  console.log(`throughput: ${Math.round(((ACTIVITIES * certifications.length) / allMedian) * 1000).toLocaleString("en")} activity-designations/second (median)`);
  console.log("");
  console.log(
    `calibration: a bare pass over the same 20,000 activities (no rules, one object each): median ${fmt(quantile(perFloor, 0.5))} ms, min ${fmt(perFloor[0] ?? NaN)} ms`,
  );
  console.log(`load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(", ")} on ${cpus().length} cores`);
  console.log("");
  console.log(`goal ≤ ${GOAL_MS} ms per evaluation of ${ACTIVITIES.toLocaleString("en")} activities:`);
  console.log(`  evaluate() alone, median ${fmt(median)} ms: ${median <= GOAL_MS ? "MET" : "NOT MET"}; fastest ${fmt(perEval[0] ?? NaN)} ms`);
  console.log(`  evaluateAll(), median ${fmt(allMedian / certifications.length)} ms per designation: ${allMedian / certifications.length <= GOAL_MS ? "MET" : "NOT MET"}`);
  if (sink === 0) console.log("(unexpected: nothing counted)");
}

main();
