/**
 * Summary PDF benchmark: `npm run bench:pdf`.
 *
 * One CPIM cycle with 1,000 activities (seeded PRNG, the common ASCM types, dates spread over
 * the five years, long titles and providers, two thirds with evidence), scored by lib/rules,
 * turned into the submission summary, then into a PDF with pdf-lib. Warmed up, then timed over
 * several rounds. Prints the time to make the PDF (median and worst), the whole path (evaluate +
 * summary + PDF), the CPU time, the page count and the size.
 * Goal (issue 6): a summary PDF of 1,000 activities in at most 1 s.
 */
import { performance } from "node:perf_hooks";
import { type ActivityInput, type CertificationInput, cyclesOf, evaluate, getPack } from "@/lib/rules";
import { buildSummary, type SummaryActivity, type SummaryInput } from "@/lib/summary/model";
import { buildSummaryPdf } from "@/lib/summary/pdf";

const ACTIVITIES = 1_000;
const WARMUP = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const GOAL_MS = 1_000;
const AS_OF = "2026-03-01";

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

const WORDS = "supply demand planning inventory lean logistics forecasting procurement S&OP warehouse transport network resilience analytics".split(" ");

function seed(): { cert: CertificationInput; rows: (SummaryActivity & { hasEvidence: boolean })[] } {
  const r = prng(42);
  const cert: CertificationInput = { id: "cccccccc-0000-4000-8000-000000000001", packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15" };
  const start = Date.UTC(2021, 2, 20) / 86_400_000;
  const rows: (SummaryActivity & { hasEvidence: boolean })[] = [];
  for (let i = 0; i < ACTIVITIES; i++) {
    const date = new Date((start + Math.floor(r() * 1700)) * 86_400_000).toISOString().slice(0, 10);
    const words = Array.from({ length: 3 + Math.floor(r() * 14) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
    const kind = r();
    const base = {
      id: `dddddddd-0000-4000-8000-${String(i).padStart(12, "0")}`,
      title: `${i + 1}. ${words}`,
      provider: r() < 0.7 ? `Provider ${Math.floor(r() * 40)} of supply chain education` : null,
      startDate: date,
      endDate: null,
      details: {} as Record<string, unknown>,
      manualPoints: null,
      manualReason: null,
      hasEvidence: r() < 0.66,
    };
    if (kind < 0.45) rows.push({ ...base, typeId: "online_event", quantity: 0.5 + Math.floor(r() * 6) * 0.5 });
    else if (kind < 0.8) rows.push({ ...base, typeId: "attend_training", quantity: 1 + Math.floor(r() * 16) * 0.5 });
    else if (kind < 0.9) rows.push({ ...base, typeId: "book", quantity: null, details: { pages: 200 + Math.floor(r() * 300) } });
    else if (kind < 0.97) rows.push({ ...base, typeId: "article_read", quantity: 1 + Math.floor(r() * 4) });
    else rows.push({ ...base, typeId: "volunteer_service", quantity: null, details: { role: "Board" } });
  }
  return { cert, rows };
}

function summaryInput(): SummaryInput {
  const { cert, rows } = seed();
  const activities: ActivityInput[] = rows.map((a) => ({ ...a, packId: "ascm", manualPoints: null }));
  const report = evaluate({ certification: cert, activities, asOf: AS_OF });
  const pack = getPack("ascm");
  if (!pack) throw new Error("no ASCM pack");
  return {
    report,
    pack,
    cycles: cyclesOf(cert, AS_OF),
    certification: { id: cert.id, holderId: null, renewals: [], openingBalances: [] },
    holder: { name: "Bench Holder", issuerIds: { ascm: "1234567" }, isMember: true },
    activities: rows,
    evidence: rows
      .filter((a) => a.hasEvidence)
      .map((a, i) => ({ id: `eeeeeeee-0000-4000-8000-${String(i).padStart(12, "0")}`, activityId: a.id, fileName: `certificate-${i}.pdf`, contentType: "application/pdf", sizeBytes: 50_000, sha256: "ab".repeat(32) })),
  };
}

async function main() {
  const opts = { madeOn: AS_OF, madeAt: new Date("2026-03-01T12:00:00Z") };
  const input = summaryInput();
  const summary = buildSummary(input);
  if (summary.lineCount !== ACTIVITIES) throw new Error(`expected ${ACTIVITIES} lines in the summary, got ${summary.lineCount}`);

  for (let i = 0; i < WARMUP; i++) await buildSummaryPdf(summary, opts);
  const pdfTimes: number[] = [];
  const cpuTimes: number[] = [];
  const wholeTimes: number[] = [];
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const pdf = await buildSummaryPdf(summary, opts);
    pdfTimes.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    bytes = pdf.byteLength;

    const t1 = performance.now();
    const again = buildSummary(summaryInput());
    await buildSummaryPdf(again, opts);
    wholeTimes.push(performance.now() - t1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const worst = Math.max(...pdfTimes);
  const typical = median(pdfTimes);
  const { PDFDocument } = await import("pdf-lib");
  pages = (await PDFDocument.load(await buildSummaryPdf(summary, opts))).getPageCount();
  console.log(`summary PDF of ${ACTIVITIES} activities: ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  PDF only:                 median ${typical.toFixed(0)} ms, worst ${worst.toFixed(0)} ms over ${ROUNDS} rounds (CPU median ${median(cpuTimes).toFixed(0)} ms)`);
  console.log(`  evaluate + summary + PDF: median ${median(wholeTimes).toFixed(0)} ms, worst ${Math.max(...wholeTimes).toFixed(0)} ms`);
  // The median: on a shared 2-core machine a single round can wait behind other processes.
  const ok = typical <= GOAL_MS;
  console.log(`  goal ≤ ${GOAL_MS} ms per PDF (median): ${ok ? "MET" : "NOT MET"}`);
  if (!ok) process.exitCode = 1;
}

void main();
