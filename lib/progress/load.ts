import "server-only";
import type { Database } from "@/db/client";
import { listActivitiesForScoring, type ScoringRow } from "@/db/queries/activities";
import { type CertificationWithHistory, listCertifications } from "@/db/queries/certifications";
import { todayIn } from "@/lib/dates";
import { type ActivityInput, type CertificationInput, evaluateEach, getPack, type ProgressReport } from "@/lib/rules";

export function toActivityInput(row: ScoringRow): ActivityInput {
  return {
    id: row.id,
    packId: row.packId,
    typeId: row.typeId,
    title: row.title,
    startDate: row.startDate,
    endDate: row.endDate,
    quantity: row.quantity,
    details: row.details,
    manualPoints: row.manualPoints === null ? null : { points: row.manualPoints, reason: row.manualReason ?? "" },
    excludedCertificationIds: row.excludedCertificationIds,
    hasEvidence: row.evidenceCount > 0,
  };
}

export function toCertificationInput(cert: CertificationWithHistory): CertificationInput {
  return {
    id: cert.id,
    packId: cert.packId,
    credentialCode: cert.credentialCode,
    earnedDate: cert.earnedDate,
    renewals: cert.renewals.map((r) => ({ dueDate: r.dueDate, submittedDate: r.submittedDate, approvedDate: r.approvedDate })),
    openingBalances: cert.openingBalances.map((b) => ({
      categoryId: b.categoryId,
      points: b.points,
      attested: b.attested,
      cycleDueDate: b.cycleDueDate,
    })),
  };
}

/** Whether the credential needs maintenance at all (SCOR-P, an endorsement, does not). */
export function isMaintained(cert: { packId: string; credentialCode: string }): boolean {
  const pack = getPack(cert.packId);
  const credential = pack?.credentials.find((c) => c.code === cert.credentialCode);
  return credential?.maintained ?? false;
}

export type HolderProgress = {
  asOf: string;
  certifications: CertificationWithHistory[];
  /** One report per maintained certification, in the order of `certifications`. */
  reports: ProgressReport[];
  /** Every live activity as scored input (sorted by start date). */
  activities: ScoringRow[];
};

/**
 * Everything the dashboard, reminders, calendar, summary and API read: the holder's
 * certifications and one ProgressReport each from lib/rules, in two queries.
 */
export async function loadHolderProgress(
  db: Database,
  user: { id: string; timezone: string },
  opts: { asOf?: string } = {},
): Promise<HolderProgress> {
  const asOf = opts.asOf ?? todayIn(user.timezone);
  const [certs, rows] = await Promise.all([listCertifications(db, user.id), listActivitiesForScoring(db, user.id)]);
  return progressOf(certs, rows, asOf);
}

/** The reports of already loaded certifications and activities (what loadHolderProgress does after its two queries). */
export function progressOf(certs: CertificationWithHistory[], rows: ScoringRow[], asOf: string): HolderProgress {
  const activities: ActivityInput[] = rows.map(toActivityInput);
  return { asOf, certifications: certs, reports: reportsOf(certs, activities, asOf), activities: rows };
}

/**
 * One report per maintained certification, in order: evaluate() of each, but through
 * evaluateEach, which scores every activity once and counts it per designation (a holder with
 * three designations of one issuer pays for one scoring pass, not three). Each engine call
 * ignores activities of other issuers, so one list holds them all.
 */
export function reportsOf(certs: CertificationWithHistory[], activities: ActivityInput[], asOf: string): ProgressReport[] {
  return evaluateEach({ certifications: certs.filter(isMaintained).map(toCertificationInput), activities, asOf });
}
