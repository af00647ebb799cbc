import "server-only";
import type { Database } from "@/db/client";
import { findLikelyDuplicates, listActivitiesForScoring } from "@/db/queries/activities";
import { type CertificationWithHistory, listCertifications } from "@/db/queries/certifications";
import { certificationInput } from "@/lib/certifications/view";
import { todayIn } from "@/lib/dates";
import { isMaintained, toActivityInput } from "@/lib/progress/load";
import { listPacks } from "@/lib/rules";
import { activityTypeGroups, type TypeGroup } from "./catalog";
import { buildPreview, type Preview, previewWindow } from "./preview";

export type FormCertification = { id: string; packId: string; code: string; name: string };

/** The holder's designations the form offers (maintained ones: an endorsement earns nothing). */
export function formCertifications(certs: CertificationWithHistory[], nameOf: (packId: string, code: string) => string): FormCertification[] {
  return certs.filter(isMaintained).map((c) => ({ id: c.id, packId: c.packId, code: c.credentialCode, name: nameOf(c.packId, c.credentialCode) }));
}

/**
 * The live preview for one holder: at most three queries (certifications, the activities of the
 * cycles that hold the draft, likely duplicates), then lib/rules. `editingId` leaves the edited activity out of
 * "others" and out of the duplicates.
 */
export async function previewForHolder(
  db: Database,
  user: { id: string; timezone: string },
  raw: Record<string, unknown>,
  editingId?: string,
): Promise<Preview> {
  const asOf = todayIn(user.timezone);
  const certs = await listCertifications(db, user.id);
  const certifications = certs.filter(isMaintained).map(certificationInput);
  // Only the activities the caps of the cycles holding the draft can involve (none while the draft is incomplete).
  const window = previewWindow(raw, certifications, asOf);
  const rows = window ? await listActivitiesForScoring(db, user.id, window) : [];
  const others = rows.filter((r) => r.id !== editingId).map(toActivityInput);
  const preview = buildPreview(raw, { certifications, others, asOf });
  if (!preview.ok) return preview;
  const title = typeof raw.title === "string" ? raw.title.trim() : "";
  const typeId = typeof raw.typeId === "string" ? raw.typeId : "";
  const startDate = typeof raw.startDate === "string" ? raw.startDate : "";
  if (title && typeId && startDate) {
    preview.duplicates = await findLikelyDuplicates(db, user.id, { typeId, startDate, title, excludeId: editingId });
  }
  return preview;
}

/** What the activity form needs: the packs the holder logs under (ASCM when they hold nothing yet) and their designations. */
export async function activityFormContext(db: Database, userId: string): Promise<{ packs: FormPackData[]; certifications: FormCertification[] }> {
  return formContextOf(await listCertifications(db, userId));
}

/** activityFormContext for certifications already loaded (pages share the layout's load). */
export function formContextOf(certs: CertificationWithHistory[]): { packs: FormPackData[]; certifications: FormCertification[] } {
  const infos = listPacks();
  const nameOf = (packId: string, code: string) => infos.find((p) => p.id === packId)?.credentials.find((c) => c.code === code)?.name ?? code;
  const certifications = formCertifications(certs, nameOf);
  const packIds = [...new Set(certifications.map((c) => c.packId))];
  if (packIds.length === 0) packIds.push("ascm");
  const packs = packIds.flatMap((id) => {
    const info = infos.find((p) => p.id === id);
    return info ? [{ id, issuer: info.issuer, unit: info.unit.many, groups: activityTypeGroups(id) }] : [];
  });
  return { packs, certifications };
}

export type FormPackData = { id: string; issuer: string; unit: string; groups: TypeGroup[] };
