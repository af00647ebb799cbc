/**
 * What kind of file an upload is, decided from its bytes only. The file name and the browser's
 * Content-Type are claims anyone can forge; the magic bytes are what a viewer will act on.
 * Accepted: PDF (%PDF-), PNG (\x89PNG\r\n\x1a\n + IHDR) and JPEG (\xFF\xD8\xFF), up to 10 MB.
 * Everything else gets a message that says what the file is and what to do instead.
 */

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_LABEL = "10 MB";
/** An activity holds at most this many files (keeps a page and an export bounded). */
export const MAX_FILES_PER_ACTIVITY = 20;

export type EvidenceType = {
  mime: "application/pdf" | "image/png" | "image/jpeg";
  ext: "pdf" | "png" | "jpg";
  label: "PDF" | "PNG" | "JPEG";
};

export const EVIDENCE_TYPES = {
  pdf: { mime: "application/pdf", ext: "pdf", label: "PDF" },
  png: { mime: "image/png", ext: "png", label: "PNG" },
  jpeg: { mime: "image/jpeg", ext: "jpg", label: "JPEG" },
} as const satisfies Record<string, EvidenceType>;

export type UploadErrorCode =
  | "empty_file"
  | "too_large"
  | "html_file"
  | "svg_file"
  | "xml_file"
  | "pdf_with_markup"
  | "pdf_incomplete"
  | "png_incomplete"
  | "jpeg_incomplete"
  | "office_file"
  | "zip_file"
  | "gif_file"
  | "webp_file"
  | "heic_file"
  | "tiff_file"
  | "bmp_file"
  | "executable_file"
  | "text_file"
  | "unsupported_type";

export type SniffResult =
  | { ok: true; type: EvidenceType }
  | { ok: false; code: UploadErrorCode; message: string; status: 400 | 413 | 415 };

const ACCEPTED = "Attach a PDF, PNG or JPEG file.";

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  const end = Math.min(bytes.length, to);
  for (let i = Math.max(0, from); i < end; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

/** The text at the start of a file decoded as UTF-8/UTF-16 (BOMs and leading blanks removed), lowercased. */
function leadingText(bytes: Uint8Array, max = 1024): string {
  const head = bytes.subarray(0, max);
  let text: string;
  if (startsWith(head, [0xff, 0xfe])) text = new TextDecoder("utf-16le").decode(head.subarray(2));
  else if (startsWith(head, [0xfe, 0xff])) text = new TextDecoder("utf-16be").decode(head.subarray(2));
  else text = new TextDecoder("utf-8").decode(head);
  return text.replace(/^\uFEFF/, "").trimStart().toLowerCase();
}

/** What the file's name claims it is, to say "named .pdf but …" when it lies. */
function claimedLabel(fileName: string | undefined): string | null {
  const m = /\.([a-z0-9]{1,5})$/i.exec(fileName ?? "");
  const ext = m?.[1]?.toLowerCase();
  if (ext === "pdf") return "PDF";
  if (ext === "png") return "PNG";
  if (ext === "jpg" || ext === "jpeg") return "JPEG";
  return null;
}

function refuse(code: UploadErrorCode, message: string, status: 400 | 413 | 415 = 415): SniffResult {
  return { ok: false, code, message, status };
}

const MARKUP_IN_PDF = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed)\b/i;

/**
 * Checks size and content. `size` is the byte count (bytes.length unless the caller already knows
 * the file is bigger than what it buffered).
 */
export function sniffEvidence(bytes: Uint8Array, opts: { fileName?: string; size?: number } = {}): SniffResult {
  const size = opts.size ?? bytes.length;
  if (size === 0) return refuse("empty_file", "The file is empty (0 bytes). Choose the file again; it may not have finished downloading.", 400);
  if (size > MAX_EVIDENCE_BYTES) {
    return refuse("too_large", `The file is larger than ${MAX_EVIDENCE_LABEL}. Compress it or split it into smaller files.`, 413);
  }
  const claimed = claimedLabel(opts.fileName);
  const dressed = (what: string) => (claimed ? `This file is named .${claimed === "JPEG" ? "jpg" : claimed.toLowerCase()} but is ${what}` : `This file is ${what}`);

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    // %PDF-: also refuse HTML/SVG polyglots that start like a PDF, and truncated files.
    if (MARKUP_IN_PDF.test(ascii(bytes, 0, 1024))) {
      return refuse("pdf_with_markup", "This PDF contains web-page markup at its start and cannot be accepted. Print the document to a new PDF and attach that.");
    }
    if (!ascii(bytes, bytes.length - 1024, bytes.length).includes("%%EOF")) {
      return refuse("pdf_incomplete", "This PDF is incomplete or damaged (its end marker is missing). Download or export it again.", 400);
    }
    return { ok: true, type: EVIDENCE_TYPES.pdf };
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (ascii(bytes, 12, 16) !== "IHDR") return refuse("png_incomplete", "This PNG image is incomplete or damaged. Export it again.", 400);
    return { ok: true, type: EVIDENCE_TYPES.png };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    if (bytes.length < 4) return refuse("jpeg_incomplete", "This JPEG image is incomplete or damaged. Export it again.", 400);
    return { ok: true, type: EVIDENCE_TYPES.jpeg };
  }

  const text = leadingText(bytes);
  if (text.startsWith("<")) {
    if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg")) || /^<!doctype svg/.test(text)) {
      return refuse("svg_file", `${dressed("an SVG drawing")}, which can carry scripts. Export it as PNG or PDF and attach that.`);
    }
    if (/^<(?:!doctype html|html|head|body|script|iframe|meta|title|div|p\b|a\b|!--)/.test(text)) {
      return refuse("html_file", `${dressed("a web page (HTML)")}. Open it in your browser, print it to PDF, and attach the PDF.`);
    }
    if (text.startsWith("<?xml")) return refuse("xml_file", `${dressed("an XML document")}. ${ACCEPTED}`);
    return refuse("html_file", `${dressed("markup (HTML or XML)")}. Print it to PDF and attach the PDF.`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return refuse("office_file", `${dressed("an older Word, Excel or PowerPoint document")}. Save it as PDF and attach the PDF.`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const head = ascii(bytes, 0, 2048);
    if (/word\/|xl\/|ppt\/|\[content_types\]\.xml|opendocument/i.test(head)) {
      return refuse("office_file", `${dressed("a Word, Excel, PowerPoint or OpenDocument file")}. Save it as PDF and attach the PDF.`);
    }
    return refuse("zip_file", `${dressed("a ZIP archive")}. Unpack it and attach each PDF, PNG or JPEG file.`);
  }
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") {
    return refuse("gif_file", `${dressed("a GIF image")}. Save it as PNG or JPEG and attach that.`);
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return refuse("webp_file", `${dressed("a WebP image")}. Save it as PNG or JPEG and attach that.`);
  }
  if (ascii(bytes, 4, 8) === "ftyp" && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)/.test(ascii(bytes, 8, 12))) {
    return refuse("heic_file", `${dressed("an HEIC/AVIF photo")} (the iPhone's default). Export or share it as JPEG and attach that.`);
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return refuse("tiff_file", `${dressed("a TIFF image")}. Save it as PNG, JPEG or PDF and attach that.`);
  }
  if (ascii(bytes, 0, 2) === "BM" && bytes.length >= 14) {
    return refuse("bmp_file", `${dressed("a BMP image")}. Save it as PNG or JPEG and attach that.`);
  }
  if (ascii(bytes, 0, 2) === "MZ" || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || ascii(bytes, 0, 2) === "#!") {
    return refuse("executable_file", `${dressed("a program or script")}, which cannot be attached. ${ACCEPTED}`);
  }
  if (isMostlyText(bytes)) {
    return refuse("text_file", `${dressed("plain text")}. Print it to PDF and attach the PDF.`);
  }
  return refuse(
    "unsupported_type",
    claimed ? `This file is named .${claimed === "JPEG" ? "jpg" : claimed.toLowerCase()} but its content is not a ${claimed}. ${ACCEPTED}` : `This kind of file cannot be attached. ${ACCEPTED}`,
  );
}

function isMostlyText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  return printable / head.length > 0.95 && !head.includes(0);
}
