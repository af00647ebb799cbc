/**
 * What the API returns: only fields a holder would recognise. No user id, blob key, import key or
 * soft-delete marker ever leaves through here.
 */
import type { ActivityRow } from "@/db/queries/activities";
import type { CertificationWithHistory } from "@/db/queries/certifications";
import type { ActivityScore } from "@/lib/rules";

export type ActivityDto = {
  id: string;
  packId: string;
  typeId: string;
  title: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
  quantity: number | null;
  details: Record<string, unknown>;
  manualPoints: number | null;
  manualReason: string | null;
  notes: string | null;
  excludedCertificationIds: string[];
  evidenceCount: number;
  /** What lib/rules gives this activity on its own, before any cap; null when it cannot be scored. */
  score: { points: number; categoryId: string; ruleId: string; explanation: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export function toActivityDto(row: ActivityRow, score: ActivityScore | null): ActivityDto {
  return {
    id: row.id,
    packId: row.packId,
    typeId: row.typeId,
    title: row.title,
    provider: row.provider,
    startDate: row.startDate,
    endDate: row.endDate,
    quantity: row.quantity,
    details: row.details,
    manualPoints: row.manualPoints,
    manualReason: row.manualReason,
    notes: row.notes,
    excludedCertificationIds: [...row.excludedCertificationIds].sort(),
    evidenceCount: row.evidenceCount,
    score: score?.ok ? { points: score.points, categoryId: score.categoryId, ruleId: score.ruleId, explanation: score.explanation } : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type CertificationDto = {
  id: string;
  packId: string;
  credentialCode: string;
  earnedDate: string;
  holderId: string | null;
  renewals: { id: string; dueDate: string; submittedDate: string | null; approvedDate: string | null; pointsClaimed: number | null }[];
  openingBalances: { id: string; cycleDueDate: string; categoryId: string; points: number; attested: boolean; note: string | null }[];
  createdAt: string;
};

export function toCertificationDto(cert: CertificationWithHistory): CertificationDto {
  return {
    id: cert.id,
    packId: cert.packId,
    credentialCode: cert.credentialCode,
    earnedDate: cert.earnedDate,
    holderId: cert.holderId,
    renewals: cert.renewals.map((r) => ({ ...r })),
    openingBalances: cert.openingBalances.map((b) => ({ ...b })),
    createdAt: new Date(cert.createdAt).toISOString(),
  };
}
