/**
 * Account export document: built from the holder's rows, and read back into an import plan.
 * Pure (no database, no Next): db/queries/account.ts reads and writes, lib/import-export/
 * account.ts ties the two together.
 */
import crypto from "node:crypto";
import type { AccountRows, ImportPlan } from "@/db/queries/account";
import { validateActivity } from "@/lib/activities/input";
import { MAX_FILES_PER_ACTIVITY, sniffEvidence } from "@/lib/evidence/sniff";
import { getPack } from "@/lib/rules";
import {
  type AccountDocument,
  AccountDocumentSchema,
  canonicalOrder,
  evidencePath,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedActivity,
} from "./json-schema";

export function buildAccountDocument(rows: AccountRows, exportedAt: Date): AccountDocument {
  const certCode = new Map(rows.certifications.map((c) => [c.id, c.credentialCode]));
  const excludedFor = new Map<string, string[]>();
  for (const x of rows.exclusions) {
    const code = certCode.get(x.certificationId);
    if (code) excludedFor.set(x.activityId, [...(excludedFor.get(x.activityId) ?? []), code]);
  }
  const filesOf = new Map<string, AccountRows["evidence"]>();
  for (const e of rows.evidence) filesOf.set(e.activityId, [...(filesOf.get(e.activityId) ?? []), e]);

  return canonicalOrder({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    profile: {
      email: rows.profile.email,
      name: rows.profile.name,
      timezone: rows.profile.timezone,
      issuerIds: rows.profile.issuerIds,
      isMember: rows.profile.isMember,
      reminderPrefs: { email: rows.profile.reminderPrefs.email },
      createdAt: rows.profile.createdAt.toISOString(),
    },
    certifications: rows.certifications.map((c) => ({
      id: c.id,
      packId: c.packId,
      credentialCode: c.credentialCode,
      earnedDate: c.earnedDate,
      holderId: c.holderId,
      createdAt: new Date(c.createdAt).toISOString(),
      renewals: c.renewals.map(({ dueDate, submittedDate, approvedDate, pointsClaimed }) => ({ dueDate, submittedDate, approvedDate, pointsClaimed })),
      openingBalances: c.openingBalances.map(({ cycleDueDate, categoryId, points, attested, note }) => ({ cycleDueDate, categoryId, points, attested, note })),
    })),
    activities: rows.activities.map(
      (a): ExportedActivity => ({
        id: a.id,
        packId: a.packId,
        typeId: a.typeId,
        title: a.title,
        provider: a.provider,
        startDate: a.startDate,
        endDate: a.endDate,
        quantity: a.quantity,
        details: a.details,
        manualPoints: a.manualPoints,
        manualReason: a.manualReason,
        notes: a.notes,
        excludedFor: excludedFor.get(a.id) ?? [],
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        evidence: (filesOf.get(a.id) ?? []).map((e) => ({
          id: e.id,
          fileName: e.fileName,
          contentType: e.contentType as "application/pdf" | "image/png" | "image/jpeg",
          sizeBytes: e.sizeBytes,
          sha256: e.sha256,
          file: evidencePath(e.sha256, e.fileName),
          createdAt: e.createdAt.toISOString(),
        })),
      }),
    ),
  });
}

export type ImportProblems = Record<string, string>;
export type PlannedImport =
  | { ok: true; plan: ImportPlan; skippedEvidence: number }
  | { ok: false; message: string; problems: ImportProblems };

/** The most problems reported at once (a broken file would otherwise list thousands). */
const MAX_PROBLEMS = 50;

export function parseAccountDocument(raw: unknown): { ok: true; doc: AccountDocument } | { ok: false; message: string; problems: ImportProblems } {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const head = raw as { format?: unknown; version?: unknown };
    if (head.format !== EXPORT_FORMAT) {
      return { ok: false, message: "This file is not a Recert account export.", problems: { format: `Expected "${EXPORT_FORMAT}".` } };
    }
    if (typeof head.version === "number" && head.version > EXPORT_VERSION) {
      return { ok: false, message: "This export was made by a newer version of Recert; update Recert first.", problems: { version: `Recert reads version ${EXPORT_VERSION}.` } };
    }
  }
  const parsed = AccountDocumentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, doc: parsed.data };
  const problems: ImportProblems = {};
  for (const issue of parsed.error.issues.slice(0, MAX_PROBLEMS)) problems[issue.path.map(String).join(".") || "document"] ??= issue.message;
  return { ok: false, message: "The export file is damaged or incomplete.", problems };
}

function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * Checks a whole document as the app would check each entry (activities through validateActivity,
 * files by their bytes) and resolves it into rows with fresh ids. `files` are the ZIP's entries;
 * null for a bare JSON file, whose evidence is then skipped (and counted).
 */
export function planImport(doc: AccountDocument, files: Map<string, Uint8Array> | null): PlannedImport {
  const problems: ImportProblems = {};
  const fail = (key: string, message: string) => {
    if (Object.keys(problems).length < MAX_PROBLEMS) problems[key] ??= message;
  };

  const plan: ImportPlan = {
    profile: {
      name: doc.profile.name,
      timezone: doc.profile.timezone,
      issuerIds: doc.profile.issuerIds,
      isMember: doc.profile.isMember,
      reminderPrefs: doc.profile.reminderPrefs,
    },
    certifications: [],
    renewals: [],
    openingBalances: [],
    activities: [],
    exclusions: [],
    evidence: [],
  };
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: doc.profile.timezone });
  } catch {
    fail("profile.timezone", "Not a time zone Recert knows.");
  }

  // Certifications, keyed by pack and credential code for the activities' exclusions.
  const certIds = new Map<string, string>();
  doc.certifications.forEach((c, i) => {
    const at = `certifications.${i}`;
    const pack = getPack(c.packId);
    const credential = pack?.credentials.find((x) => x.code === c.credentialCode);
    if (!pack) return fail(`${at}.packId`, `Unknown issuer "${c.packId}".`);
    if (!credential) return fail(`${at}.credentialCode`, `${pack.issuer} has no credential "${c.credentialCode}".`);
    const key = `${c.packId}/${c.credentialCode}`;
    if (certIds.has(key)) return fail(`${at}.credentialCode`, `${c.credentialCode} appears twice.`);
    const id = crypto.randomUUID();
    certIds.set(key, id);
    plan.certifications.push({ id, packId: c.packId, credentialCode: c.credentialCode, earnedDate: c.earnedDate, holderId: c.holderId });
    const dues = new Set<string>();
    c.renewals.forEach((r, j) => {
      if (dues.has(r.dueDate)) return fail(`${at}.renewals.${j}.dueDate`, "Two renewals for the same due date.");
      dues.add(r.dueDate);
      plan.renewals.push({ certificationId: id, ...r });
    });
    const balances = new Set<string>();
    c.openingBalances.forEach((b, j) => {
      const bk = `${b.cycleDueDate}/${b.categoryId}`;
      if (balances.has(bk)) return fail(`${at}.openingBalances.${j}.categoryId`, "Two opening balances for the same cycle and category.");
      balances.add(bk);
      plan.openingBalances.push({ certificationId: id, ...b });
    });
  });

  let skippedEvidence = 0;
  doc.activities.forEach((a, i) => {
    const at = `activities.${i}`;
    const { excludedFor, evidence, id: _id, createdAt: _c, updatedAt: _u, ...draft } = a;
    const checked = validateActivity({ ...draft, excludedCertificationIds: [] });
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.fieldErrors)) fail(`${at}.${field}`, message);
      return;
    }
    const { excludedCertificationIds: _x, ...fields } = checked.value;
    const id = crypto.randomUUID();
    plan.activities.push({ id, ...fields });
    const excluded = new Set<string>();
    excludedFor.forEach((code, j) => {
      const certificationId = certIds.get(`${a.packId}/${code}`);
      if (!certificationId) fail(`${at}.excludedFor.${j}`, `The export has no ${a.packId.toUpperCase()} ${code} certification to exclude.`);
      else if (!excluded.has(certificationId)) {
        excluded.add(certificationId);
        plan.exclusions.push({ activityId: id, certificationId });
      }
    });
    if (evidence.length > MAX_FILES_PER_ACTIVITY) fail(`${at}.evidence`, `An activity holds at most ${MAX_FILES_PER_ACTIVITY} files.`);
    evidence.forEach((e, j) => {
      if (!files) {
        skippedEvidence += 1;
        return;
      }
      const bytes = files.get(e.file);
      const key = `${at}.evidence.${j}.file`;
      if (!bytes) return fail(key, `The ZIP has no file ${e.file}.`);
      if (sha256Hex(bytes) !== e.sha256) return fail(key, `${e.file} does not match its sha256: the ZIP is damaged.`);
      const sniffed = sniffEvidence(bytes, { fileName: e.fileName });
      if (!sniffed.ok) return fail(key, sniffed.message);
      if (sniffed.type.mime !== e.contentType) return fail(key, `${e.file} is a ${sniffed.type.label}, not ${e.contentType}.`);
      plan.evidence.push({ activityId: id, fileName: e.fileName, contentType: e.contentType, sha256: e.sha256, bytes });
    });
  });

  if (Object.keys(problems).length > 0) {
    return { ok: false, message: "Some entries of the export are not valid. Correct them in the file, or export again from the original account.", problems };
  }
  return { ok: true, plan, skippedEvidence };
}
