/**
 * Evidence upload, download and delete, as the route handlers call them. Route handlers stay
 * thin: session → these functions → a Response.
 */
import "server-only";
import crypto from "node:crypto";
import type { Database } from "@/db/client";
import { createEvidence, deleteEvidence, type EvidenceMeta, readEvidenceFile } from "@/db/queries/evidence";
import type { BlobStore } from "./blob-store";
import { contentDisposition, sanitizeFileName } from "./filename";
import { apiError, declaredLength, readLimited } from "./http";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_LABEL, MAX_FILES_PER_ACTIVITY, sniffEvidence } from "./sniff";

/** Room for the multipart boundaries and part headers around one 10 MB file. */
const MULTIPART_OVERHEAD = 64 * 1024;
export const MAX_UPLOAD_BODY = MAX_EVIDENCE_BYTES + MULTIPART_OVERHEAD;

export type UploadFailure = { ok: false; status: number; code: string; message: string; fields: Record<string, string> };
export type ParsedUpload = { ok: true; activityId: string; fileName: string; bytes: Uint8Array };

function fail(status: number, code: string, message: string, field?: string): UploadFailure {
  return { ok: false, status, code, message, fields: field ? { [field]: message } : {} };
}

export function failureResponse(f: UploadFailure): Response {
  return apiError(f.status, f.code, f.message, f.fields);
}

const TOO_LARGE = `The file is larger than ${MAX_EVIDENCE_LABEL}. Compress it or split it into smaller files.`;

/**
 * Reads `multipart/form-data` with one `file` part. The declared size is checked before a
 * byte is read, and the stream is cut off past the limit when no size was declared.
 */
export async function parseEvidenceUpload(request: Request, activityId: string | null): Promise<ParsedUpload | UploadFailure> {
  if (!activityId) return fail(400, "missing_activity", "Say which activity the file belongs to (activityId).", "activityId");
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(type)) {
    return fail(415, "not_multipart", "Send the file as multipart/form-data in a field named “file”.", "file");
  }
  const declared = declaredLength(request.headers);
  if (declared !== null && declared > MAX_UPLOAD_BODY) return fail(413, "too_large", TOO_LARGE, "file");
  const body = await readLimited(request.body, MAX_UPLOAD_BODY);
  if (!body.ok) {
    return body.reason === "too_large" ? fail(413, "too_large", TOO_LARGE, "file") : fail(400, "no_file", "Choose a file to attach.", "file");
  }
  let form: FormData;
  try {
    form = await new Request("http://upload.invalid/", { method: "POST", body: body.bytes, headers: { "content-type": type } }).formData();
  } catch {
    return fail(400, "bad_multipart", "The upload could not be read. Choose the file and try again.", "file");
  }
  const files = form.getAll("file");
  const file = files[0];
  if (!file || typeof file === "string") return fail(400, "no_file", "Choose a file to attach.", "file");
  if (files.length > 1) return fail(400, "one_file", "Attach one file at a time.", "file");
  if (file.size > MAX_EVIDENCE_BYTES) return fail(413, "too_large", TOO_LARGE, "file");
  return { ok: true, activityId, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export type AttachResult = { ok: true; evidence: EvidenceMeta } | UploadFailure;

/** Checks the bytes, then stores blob and metadata in one transaction. */
export async function attachEvidence(
  db: Database,
  userId: string,
  upload: Omit<ParsedUpload, "ok">,
  opts: { store?: (tx: Database) => BlobStore } = {},
): Promise<AttachResult> {
  const sniffed = sniffEvidence(upload.bytes, { fileName: upload.fileName });
  if (!sniffed.ok) return fail(sniffed.status, sniffed.code, sniffed.message, "file");
  const result = await createEvidence(
    db,
    userId,
    {
      activityId: upload.activityId,
      fileName: sanitizeFileName(upload.fileName, sniffed.type),
      contentType: sniffed.type.mime,
      sha256: crypto.createHash("sha256").update(upload.bytes).digest("hex"),
      bytes: upload.bytes,
    },
    { maxFilesPerActivity: MAX_FILES_PER_ACTIVITY, store: opts.store },
  );
  if (result.status === "activity_not_found") return fail(404, "not_found", "That activity does not exist.");
  if (result.status === "too_many_files") {
    return fail(409, "too_many_files", `An activity holds at most ${result.limit} files. Delete one before adding another.`, "file");
  }
  return { ok: true, evidence: result.evidence };
}

/** The owner's file as a download that no browser will render in our origin. */
export async function evidenceDownload(db: Database, userId: string, id: string): Promise<Response> {
  const file = await readEvidenceFile(db, userId, id);
  if (!file) return apiError(404, "not_found", "That file does not exist.");
  return new Response(Buffer.from(file.bytes), {
    status: 200,
    headers: {
      "content-type": file.meta.contentType,
      "content-length": String(file.bytes.byteLength),
      "content-disposition": contentDisposition(file.meta.fileName),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}

export async function removeEvidence(db: Database, userId: string, id: string): Promise<EvidenceMeta | null> {
  return deleteEvidence(db, userId, id);
}
