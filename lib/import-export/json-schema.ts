/**
 * The account export document (format "recert.account", version 1): everything a holder owns,
 * readable by people and by Recert's import. Pure: no database, no Next.
 *
 * Preserved by export → import → export: the profile (except the email), every certification
 * with its renewals and opening balances, every live activity with its exclusions (as credential
 * codes) and its evidence files (name, type, size, sha256, and the bytes in the ZIP).
 * NOT preserved (new on import; see NOT_PRESERVED): ids, createdAt/updatedAt/exportedAt, the
 * account email, activity versions. Deleted activities (in the undo window) are not exported.
 */
import { z } from "zod";
import { isIsoDate } from "@/lib/dates";

export const EXPORT_FORMAT = "recert.account";
export const EXPORT_VERSION = 1;
/** Name of the document inside the ZIP export. */
export const ZIP_DOCUMENT_NAME = "recert-account.json";

/** Fields an import does not carry over: documented in docs/api.md and shown in Settings. */
export const NOT_PRESERVED = [
  "exportedAt",
  "profile.email",
  "profile.createdAt",
  "certifications[].id",
  "certifications[].createdAt",
  "activities[].id",
  "activities[].createdAt",
  "activities[].updatedAt",
  "activities[].evidence[].id",
  "activities[].evidence[].createdAt",
] as const;

const isoDate = z.string().refine(isIsoDate, "Must be a real date written YYYY-MM-DD.");
const timestamp = z.string().max(40);
const points = z.number().finite().min(0).max(100_000);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "Must be a sha256 in lowercase hex.");

export const ProfileSchema = z.object({
  email: z.string().max(320),
  name: z.string().trim().min(1).max(100),
  timezone: z.string().min(1).max(64),
  issuerIds: z.record(z.string().max(20), z.string().max(40)),
  isMember: z.boolean(),
  reminderPrefs: z.object({ email: z.boolean() }),
  createdAt: timestamp.optional(),
});

export const RenewalSchema = z.object({
  dueDate: isoDate,
  submittedDate: isoDate.nullable(),
  approvedDate: isoDate.nullable(),
  pointsClaimed: points.nullable(),
});

export const OpeningBalanceSchema = z.object({
  cycleDueDate: isoDate,
  categoryId: z.string().min(1).max(80),
  points: points,
  attested: z.boolean(),
  note: z.string().max(1000).nullable(),
});

export const CertificationSchema = z.object({
  id: z.string().max(64).optional(),
  packId: z.string().min(1).max(20),
  credentialCode: z.string().min(1).max(20),
  earnedDate: isoDate,
  holderId: z.string().max(40).nullable(),
  createdAt: timestamp.optional(),
  renewals: z.array(RenewalSchema).max(100),
  openingBalances: z.array(OpeningBalanceSchema).max(200),
});

export const EvidenceSchema = z.object({
  id: z.string().max(64).optional(),
  fileName: z.string().min(1).max(255),
  contentType: z.enum(["application/pdf", "image/png", "image/jpeg"]),
  sizeBytes: z.number().int().positive(),
  sha256,
  /** Path of the bytes inside the ZIP export. */
  file: z.string().min(1).max(400),
  createdAt: timestamp.optional(),
});

/** An activity as exported. Its meaning (types, units, details) is checked on import by validateActivity. */
export const ActivitySchema = z.object({
  id: z.string().max(64).optional(),
  packId: z.string().min(1).max(20),
  typeId: z.string().min(1).max(80),
  title: z.string().max(10_000),
  provider: z.string().max(10_000).nullable(),
  startDate: z.string().max(20),
  endDate: z.string().max(20).nullable(),
  quantity: z.number().finite().nullable(),
  details: z.record(z.string(), z.unknown()),
  manualPoints: z.number().finite().nullable(),
  manualReason: z.string().max(10_000).nullable(),
  notes: z.string().max(100_000).nullable(),
  /** Credential codes of this pack's certifications the activity must not count for. */
  excludedFor: z.array(z.string().max(20)).max(50),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
  evidence: z.array(EvidenceSchema).max(100),
});

export const AccountDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `Not a Recert account export (format must be "${EXPORT_FORMAT}").` }),
  version: z.literal(EXPORT_VERSION, { error: `Recert reads version ${EXPORT_VERSION} of the export format.` }),
  exportedAt: timestamp.optional(),
  profile: ProfileSchema,
  certifications: z.array(CertificationSchema).max(100),
  activities: z.array(ActivitySchema).max(100_000),
});

export type AccountDocument = z.infer<typeof AccountDocumentSchema>;
export type ExportedProfile = z.infer<typeof ProfileSchema>;
export type ExportedCertification = z.infer<typeof CertificationSchema>;
export type ExportedActivity = z.infer<typeof ActivitySchema>;
export type ExportedEvidence = z.infer<typeof EvidenceSchema>;

/** Where an evidence file's bytes sit in the ZIP: by content and name, so it survives a round trip. */
export function evidencePath(sha: string, fileName: string): string {
  const safe = fileName.replace(/[\\/\u0000-\u001f\u007f]/g, "_").replace(/^\.+/, "_") || "file";
  return `evidence/${sha}/${safe}`;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A stable key of an activity's content, to order activities that share a date, type and title. */
function activityKey(a: ExportedActivity): string {
  const { id: _i, createdAt: _c, updatedAt: _u, evidence, ...rest } = a;
  return JSON.stringify([rest, evidence.map((e) => [e.sha256, e.fileName])]);
}

/**
 * The canonical order of a document: certifications by pack and credential, renewals and
 * balances by date, activities by date, type, title and content, evidence by hash and name.
 * Export always writes this order, so two exports of equal accounts are equal documents.
 */
export function canonicalOrder(doc: AccountDocument): AccountDocument {
  return {
    ...doc,
    certifications: [...doc.certifications]
      .map((c) => ({
        ...c,
        renewals: [...c.renewals].sort((a, b) => byString(a.dueDate, b.dueDate)),
        openingBalances: [...c.openingBalances].sort(
          (a, b) => byString(a.cycleDueDate, b.cycleDueDate) || byString(a.categoryId, b.categoryId),
        ),
      }))
      .sort((a, b) => byString(a.packId, b.packId) || byString(a.credentialCode, b.credentialCode)),
    activities: [...doc.activities]
      .map((a) => ({
        ...a,
        excludedFor: [...a.excludedFor].sort(byString),
        evidence: [...a.evidence].sort((x, y) => byString(x.sha256, y.sha256) || byString(x.fileName, y.fileName)),
      }))
      .sort(
        (a, b) =>
          byString(a.startDate, b.startDate) ||
          byString(a.typeId, b.typeId) ||
          byString(a.title, b.title) ||
          byString(activityKey(a), activityKey(b)),
      ),
  };
}

/** The document without what an import does not preserve: equal for a faithful round trip. */
export function comparable(doc: AccountDocument): unknown {
  const c = canonicalOrder(doc);
  return {
    format: c.format,
    version: c.version,
    profile: { ...c.profile, email: undefined, createdAt: undefined },
    certifications: c.certifications.map(({ id: _i, createdAt: _c, ...rest }) => rest),
    activities: c.activities.map(({ id: _i, createdAt: _c, updatedAt: _u, evidence, ...rest }) => ({
      ...rest,
      evidence: evidence.map(({ id: _e, createdAt: _ec, ...e }) => e),
    })),
  };
}
