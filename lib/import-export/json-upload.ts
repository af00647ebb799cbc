import "server-only";
import { ApiError, readBodyLimited } from "@/lib/api/core";
import { type ImportOutcome, MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "./json-account";

const tooLarge = () =>
  new ApiError("payload_too_large", `The file is larger than ${MAX_IMPORT_LABEL}.`, { file: `Choose a file of at most ${MAX_IMPORT_LABEL}.` });

/**
 * The uploaded export: the `file` field of a multipart form (the Settings page), or the raw body
 * sent as application/json or application/zip (scripts).
 */
export async function readImportUpload(request: Request): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type === "application/zip" || type === "application/octet-stream") {
    const bytes = await readBodyLimited(request, MAX_IMPORT_BYTES);
    if (!bytes) throw tooLarge();
    if (bytes.length === 0) throw new ApiError("invalid_file", "The body is empty.", { file: "Send the export file." });
    return bytes;
  }
  if (type !== "multipart/form-data") {
    throw new ApiError("unsupported_media_type", "Send the export as a multipart form field `file`, or as application/json or application/zip.", {
      "content-type": "Use multipart/form-data, application/json or application/zip.",
    });
  }
  // A form upload carries a little more than the file: allow 1 MB of multipart overhead.
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (!Number.isFinite(declared)) throw new ApiError("payload_too_large", "Send a Content-Length with the upload.", { file: "Content-Length is required." });
  if (declared > MAX_IMPORT_BYTES + 1024 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError("invalid_file", "The upload could not be read.", { file: "Choose the file again." });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new ApiError("invalid_file", "Choose an export file first.", { file: "Choose the .json or .zip file of your export." });
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  return new Uint8Array(await file.arrayBuffer());
}

export function importOutcomeError(outcome: Extract<ImportOutcome, { ok: false }>): ApiError {
  if (outcome.code === "not_empty") return new ApiError("not_empty", outcome.message, {});
  if (outcome.code === "invalid_file") return new ApiError("invalid_file", outcome.message, { file: outcome.message });
  return new ApiError("validation_failed", outcome.message, outcome.problems);
}
