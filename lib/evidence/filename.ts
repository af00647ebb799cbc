/**
 * File names of evidence: kept for display only (storage keys are generated), so they are
 * cleaned of paths, control and direction-override characters and given the extension of the
 * type the bytes proved. Downloads name the file with RFC 6266 / RFC 5987 `filename*`.
 */
import type { EvidenceType } from "./sniff";

const MAX_NAME_LENGTH = 120;
const KNOWN_EXTS: Record<EvidenceType["ext"], string[]> = { pdf: ["pdf"], png: ["png"], jpg: ["jpg", "jpeg"] };
const EVIDENCE_EXTS = new Set(["pdf", "png", "jpg", "jpeg"]);

/** A display name that is safe to show, store and offer for download. */
export function sanitizeFileName(raw: string | null | undefined, type: EvidenceType): string {
  let name = (raw ?? "").normalize("NFC");
  // Keep the last path segment only (browsers on Windows have sent C:\fakepath\x.pdf).
  name = name.split(/[\\/]/).pop() ?? "";
  name = name
    // C0/C1 controls, bidi overrides and isolates (spoof "gpj.exe"), zero-width joiners.
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");

  const m = /^(.*?)(?:\.([^.]{1,8}))?$/.exec(name);
  let base = m?.[1] ?? name;
  const ext = m?.[2]?.toLowerCase();
  if (ext && KNOWN_EXTS[type.ext].includes(ext)) {
    // already the right extension
  } else if (ext && EVIDENCE_EXTS.has(ext)) {
    // a PNG named .pdf: the bytes win
  } else if (ext) {
    base = `${base}.${ext}`;
  }
  base = base.replace(/[.\s]+$/, "").trim() || "evidence";
  const suffix = `.${ext && KNOWN_EXTS[type.ext].includes(ext) ? ext : type.ext}`;
  const chars = [...base];
  if (chars.length + suffix.length > MAX_NAME_LENGTH) base = chars.slice(0, MAX_NAME_LENGTH - suffix.length).join("").trimEnd();
  return `${base}${suffix}`;
}

/** RFC 5987 value-chars: percent-encode everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` so every browser saves rather than opens. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "evidence";
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** "1.2 MB", "340 KB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
