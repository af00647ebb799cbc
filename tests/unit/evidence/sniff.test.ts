import { describe, expect, it } from "vitest";
import { MAX_EVIDENCE_BYTES, sniffEvidence } from "@/lib/evidence/sniff";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[] | Uint8Array)[]) => {
  const arrays = parts.map((p) => (typeof p === "string" ? enc(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
};

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = bytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = bytes(PNG_SIG, [0, 0, 0, 13], "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0], [0x1f, 0x15, 0xc4, 0x89]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

describe("sniffEvidence accepts what the bytes prove", () => {
  it.each([
    ["a PDF", PDF, "report.pdf", "application/pdf"],
    ["a PNG", PNG, "scan.png", "image/png"],
    ["a JPEG", JPEG, "photo.jpg", "image/jpeg"],
    ["a PDF named .txt (the name is ignored)", PDF, "notes.txt", "application/pdf"],
    ["a PNG without a name", PNG, undefined, "image/png"],
    ["a JPEG named .pdf", JPEG, "certificate.pdf", "image/jpeg"],
    ["a PDF of exactly 10 MB", bytes(PDF.subarray(0, PDF.length - 7), new Uint8Array(MAX_EVIDENCE_BYTES - PDF.length), "\n%%EOF\n"), "big.pdf", "application/pdf"],
  ])("%s", (_label, data, fileName, mime) => {
    const r = sniffEvidence(data, { fileName });
    expect(r.ok && r.type.mime).toBe(mime);
  });
});

type Bad = [label: string, data: Uint8Array, fileName: string | undefined, code: string, status: number, message: RegExp];

const badUploads: Bad[] = [
  ["an empty file", new Uint8Array(0), "empty.pdf", "empty_file", 400, /The file is empty \(0 bytes\)/],
  ["a file over 10 MB", bytes(PDF, new Uint8Array(MAX_EVIDENCE_BYTES)), "huge.pdf", "too_large", 413, /larger than 10 MB/],
  ["HTML named .pdf", enc("<!DOCTYPE html><html><body>Certificate</body></html>"), "certificate.pdf", "html_file", 415, /named \.pdf but is a web page \(HTML\)/],
  ["HTML with a BOM and blanks named .pdf", bytes([0xef, 0xbb, 0xbf], "\n  <html><script>alert(1)</script></html>"), "x.pdf", "html_file", 415, /named \.pdf but is a web page \(HTML\)/],
  ["HTML in UTF-16 named .pdf", bytes([0xff, 0xfe], new Uint8Array(Buffer.from("<html><body>x</body></html>", "utf16le"))), "x.pdf", "html_file", 415, /web page \(HTML\)/],
  ["a bare <script> named .png", enc("<script>alert(document.cookie)</script>"), "x.png", "html_file", 415, /named \.png but is a web page \(HTML\)/],
  ["an HTML comment first", enc("<!-- saved from url --><html></html>"), "page.pdf", "html_file", 415, /web page \(HTML\)/],
  ["SVG named .pdf", enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "badge.pdf", "svg_file", 415, /named \.pdf but is an SVG drawing, which can carry scripts/],
  ["SVG with an XML declaration named .png", enc('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), "badge.png", "svg_file", 415, /named \.png but is an SVG drawing/],
  ["SVG without a name", enc("<svg></svg>"), undefined, "svg_file", 415, /^This file is an SVG drawing/],
  ["XML that is not SVG", enc('<?xml version="1.0"?><note/>'), "x.pdf", "xml_file", 415, /an XML document/],
  ["a PDF header followed by HTML (polyglot)", enc("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"), "x.pdf", "pdf_with_markup", 415, /contains web-page markup/],
  ["a PDF header followed by SVG", enc("%PDF-1.4\n<svg onload=alert(1)>\n%%EOF"), "x.pdf", "pdf_with_markup", 415, /contains web-page markup/],
  ["a truncated PDF", enc("%PDF-1.7\n1 0 obj << >> endobj\n"), "cut.pdf", "pdf_incomplete", 400, /incomplete or damaged \(its end marker is missing\)/],
  ["only the PDF magic", enc("%PDF-"), "x.pdf", "pdf_incomplete", 400, /PDF is incomplete/],
  ["a PNG signature without IHDR", bytes(PNG_SIG, [0, 0, 0, 0]), "x.png", "png_incomplete", 400, /PNG image is incomplete or damaged/],
  ["wrong magic: PNG signature with one byte changed", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00], "....IHDR"), "x.png", "unsupported_type", 415, /named \.png but its content is not a PNG/],
  ["wrong magic: JPEG missing its third byte", bytes([0xff, 0xd8, 0x00, 0xe0], "garbage"), "photo.jpg", "unsupported_type", 415, /named \.jpg but its content is not a JPEG/],
  ["wrong magic: PDF with a space before %PDF", enc(" %PDF-1.4\n%%EOF"), "x.pdf", "text_file", 415, /named \.pdf but is plain text/],
  ["random binary", Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256), "data.bin", "unsupported_type", 415, /This kind of file cannot be attached/],
  ["a GIF", enc("GIF89a\x01\x00\x01\x00"), "anim.gif", "gif_file", 415, /a GIF image\. Save it as PNG or JPEG/],
  ["a WebP named .jpg", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), "x.jpg", "webp_file", 415, /named \.jpg but is a WebP image/],
  ["an iPhone HEIC", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0]), "IMG_0001.HEIC", "heic_file", 415, /HEIC\/AVIF photo/],
  ["a TIFF", bytes([0x49, 0x49, 0x2a, 0x00], [8, 0, 0, 0]), "scan.tif", "tiff_file", 415, /a TIFF image/],
  ["a BMP", bytes("BM", new Uint8Array(20)), "x.bmp", "bmp_file", 415, /a BMP image/],
  ["a Word document (docx)", bytes([0x50, 0x4b, 0x03, 0x04], new Uint8Array(26), "word/document.xml"), "cert.docx", "office_file", 415, /Word, Excel, PowerPoint or OpenDocument file\. Save it as PDF/],
  ["an old .doc", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(8)), "cert.doc", "office_file", 415, /older Word, Excel or PowerPoint/],
  ["a ZIP named .pdf", bytes([0x50, 0x4b, 0x03, 0x04], new Uint8Array(26), "certs/a.pdf"), "all.pdf", "zip_file", 415, /named \.pdf but is a ZIP archive/],
  ["a Windows program named .pdf", bytes("MZ", new Uint8Array(60)), "invoice.pdf", "executable_file", 415, /named \.pdf but is a program or script/],
  ["an ELF program", bytes([0x7f, 0x45, 0x4c, 0x46], new Uint8Array(12)), "run", "executable_file", 415, /a program or script/],
  ["a shell script named .png", enc("#!/bin/sh\nrm -rf /\n"), "x.png", "executable_file", 415, /program or script/],
  ["plain text named .pdf", enc("Certificate of completion\nDana Holder\n8 hours\n"), "cert.pdf", "text_file", 415, /named \.pdf but is plain text\. Print it to PDF/],
];

describe("sniffEvidence refuses everything else, each with its own message", () => {
  it("has at least 20 bad uploads", () => {
    expect(badUploads.length).toBeGreaterThanOrEqual(20);
  });
  it.each(badUploads)("%s", (_label, data, fileName, code, status, message) => {
    const r = sniffEvidence(data, { fileName });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.status).toBe(status);
    expect(r.message).toMatch(message);
  });
  it("refuses by declared size without looking at the bytes", () => {
    const r = sniffEvidence(PDF, { size: MAX_EVIDENCE_BYTES + 1 });
    expect(r).toMatchObject({ ok: false, code: "too_large", status: 413 });
  });
});
