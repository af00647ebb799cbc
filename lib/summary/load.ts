import "server-only";
import type { Database } from "@/db/client";
import { listActivitiesForScoring, type ScoringRow } from "@/db/queries/activities";
import { type CertificationWithHistory, getCertification, listCertifications } from "@/db/queries/certifications";
import { listEvidenceForActivities } from "@/db/queries/summary";
import { todayIn } from "@/lib/dates";
import { isMaintained, toActivityInput, toCertificationInput } from "@/lib/progress/load";
import { type Cycle, cyclesOf, evaluate, getPack, type ProgressReport } from "@/lib/rules";
import { buildSummary, type SubmissionSummary } from "./model";

export type Holder = { id: string; name: string; timezone: string; issuerIds: Record<string, string>; isMember: boolean };

/**
 * The holder's certifications and live activities when the caller has them already (a page
 * shares the layout's load, lib/dashboard/load.ts): the summary then runs no query for them.
 */
export type Preloaded = { certifications: CertificationWithHistory[]; activities: ScoringRow[]; reports?: ProgressReport[]; asOf?: string };

/** ?cycle= is a cycle index (0 = the first cycle) or the cycle's due date; absent = the current cycle. */
export type CycleSelector = { kind: "current" } | { kind: "index"; index: number } | { kind: "due"; dueDate: string };

export function parseCycleSelector(raw: string | string[] | undefined | null): CycleSelector | null {
  if (raw === undefined || raw === null || raw === "") return { kind: "current" };
  if (Array.isArray(raw)) return raw.length === 1 ? parseCycleSelector(raw[0]) : null;
  if (/^\d{1,3}$/.test(raw)) return { kind: "index", index: Number(raw) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { kind: "due", dueDate: raw };
  return null;
}

export function pickCycle(cycles: Cycle[], sel: CycleSelector): Cycle | null {
  if (sel.kind === "current") return cycles[cycles.length - 1] ?? null;
  if (sel.kind === "index") return cycles.find((c) => c.index === sel.index) ?? null;
  return cycles.find((c) => c.dueDate === sel.dueDate) ?? null;
}

export type SummaryResult =
  | { status: "ok"; summary: SubmissionSummary; report: ProgressReport; certification: CertificationWithHistory }
  /** Missing, another holder's, or a cycle that does not exist: the caller answers 404. */
  | { status: "not_found" }
  | { status: "not_maintained"; certification: CertificationWithHistory };

/**
 * The summary of one of the holder's certifications for one cycle, in three queries
 * (certification with renewals and balances, activities, evidence metadata). The figures are
 * the ProgressReport of lib/rules for that cycle, evaluated as of the holder's today.
 */
export async function loadSummary(
  db: Database,
  holder: Holder,
  certificationId: string,
  selector: CycleSelector,
  opts: { asOf?: string; preloaded?: Preloaded } = {},
): Promise<SummaryResult> {
  const asOf = opts.asOf ?? todayIn(holder.timezone);
  const cert = opts.preloaded ? (opts.preloaded.certifications.find((c) => c.id === certificationId) ?? null) : await getCertification(db, holder.id, certificationId);
  if (!cert) return { status: "not_found" };
  if (!isMaintained(cert)) return { status: "not_maintained", certification: cert };
  const pack = getPack(cert.packId);
  if (!pack) return { status: "not_found" };
  const certification = toCertificationInput(cert);
  const cycles = cyclesOf(certification, asOf);
  const cycle = pickCycle(cycles, selector);
  if (!cycle || cycle.error) return { status: "not_found" };

  const rows = (opts.preloaded?.activities ?? (await listActivitiesForScoring(db, holder.id))).filter((r) => r.packId === cert.packId);
  const report = evaluate({ certification, activities: rows.map(toActivityInput), asOf, cycle });
  const counted = new Set<string>();
  for (let k = 0; k < report.contributions.length; k++) counted.add(report.contributions.activityId(k));
  const evidence = await listEvidenceForActivities(db, holder.id, [...counted]);
  const summary = buildSummary({
    report,
    pack,
    cycles,
    certification: { id: cert.id, holderId: cert.holderId, renewals: cert.renewals, openingBalances: cert.openingBalances },
    holder,
    activities: rows.filter((r) => counted.has(r.id)),
    evidence,
  });
  return { status: "ok", summary, report, certification: cert };
}

export type CertificationCycles = {
  certification: CertificationWithHistory;
  credentialName: string;
  issuer: string;
  maintained: boolean;
  cycles: Cycle[];
  /** The current cycle's report (null for a designation without maintenance). */
  report: ProgressReport | null;
};

/** Every certification of the holder with its cycles, for the list of summaries (two queries). */
export async function loadSummaryIndex(db: Database, holder: Holder, opts: { asOf?: string; preloaded?: Preloaded } = {}): Promise<CertificationCycles[]> {
  const asOf = opts.asOf ?? todayIn(holder.timezone);
  const pre = opts.preloaded;
  const [certs, rows] = pre ? [pre.certifications, pre.activities] : await Promise.all([listCertifications(db, holder.id), listActivitiesForScoring(db, holder.id)]);
  // The current cycle's reports of the same day are the preloaded ones (same certification, activities, date).
  const reportOf = (id: string) => (pre?.asOf === asOf ? pre.reports?.find((r) => r.certificationId === id) : undefined);
  return certs.map((cert) => {
    const pack = getPack(cert.packId);
    const credentialName = pack?.credentials.find((c) => c.code === cert.credentialCode)?.name ?? cert.credentialCode;
    const issuer = pack?.issuer ?? cert.packId;
    if (!isMaintained(cert)) return { certification: cert, credentialName, issuer, maintained: false, cycles: [], report: null };
    const certification = toCertificationInput(cert);
    const cycles = cyclesOf(certification, asOf);
    const report = reportOf(cert.id) ?? evaluate({ certification, activities: rows.filter((r) => r.packId === cert.packId).map(toActivityInput), asOf });
    return { certification: cert, credentialName, issuer, maintained: true, cycles, report };
  });
}
