import "server-only";
import type { Database } from "@/db/client";
import { createCertification, getCertification, listCertifications } from "@/db/queries/certifications";
import { todayIn } from "@/lib/dates";
import { loadHolderProgress } from "@/lib/progress/load";
import { getPack, type ProgressReport } from "@/lib/rules";
import { ApiError, notFound } from "./core";
import { type CertificationDto, toCertificationDto } from "./dto";
import type { CertificationBody } from "./schemas";

type Owner = { id: string; timezone: string };

export async function listCertificationsApi(db: Database, owner: Owner): Promise<CertificationDto[]> {
  return (await listCertifications(db, owner.id)).map(toCertificationDto);
}

export async function createCertificationApi(db: Database, owner: Owner, body: CertificationBody): Promise<CertificationDto> {
  const packId = (body.packId ?? "ascm").trim().toLowerCase();
  const pack = getPack(packId);
  if (!pack) throw new ApiError("validation_failed", "Some fields are not valid.", { packId: "Choose an issuer Recert knows (ascm, pmi or isc2)." });
  const credential = pack.credentials.find((c) => c.code === body.credentialCode.trim().toUpperCase());
  if (!credential) {
    const codes = pack.credentials.map((c) => c.code).join(", ");
    throw new ApiError("validation_failed", "Some fields are not valid.", { credentialCode: `Choose one of ${pack.issuer}'s credentials: ${codes}.` });
  }
  if (body.earnedDate > todayIn(owner.timezone)) {
    throw new ApiError("validation_failed", "Some fields are not valid.", { earnedDate: "The earned date cannot be in the future." });
  }
  const input = { packId, credentialCode: credential.code, earnedDate: body.earnedDate, holderId: body.holderId || null };
  const created = await createCertification(db, owner.id, input);
  if (!created) {
    throw new ApiError("already_exists", `You already hold ${credential.code}.`, { credentialCode: `You already added ${credential.code}.` });
  }
  const row = await getCertification(db, owner.id, created.id);
  if (!row) throw new Error("created certification not found");
  return toCertificationDto(row);
}

/** The ProgressReport lib/rules computed for this certification (via loadHolderProgress, never recomputed here). */
export async function progressApi(db: Database, owner: Owner, id: string, asOf?: string): Promise<ProgressReport> {
  const progress = await loadHolderProgress(db, owner, { asOf });
  const cert = progress.certifications.find((c) => c.id === id);
  if (!cert) throw notFound("certification");
  const report = progress.reports.find((r) => r.certificationId === id);
  if (!report) throw new ApiError("not_found", `${cert.credentialCode} needs no maintenance, so it has no progress report.`);
  return report;
}
