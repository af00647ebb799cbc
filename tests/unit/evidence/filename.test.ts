import { describe, expect, it } from "vitest";
import { contentDisposition, formatBytes, sanitizeFileName } from "@/lib/evidence/filename";
import { EVIDENCE_TYPES } from "@/lib/evidence/sniff";

const { pdf, png, jpeg } = EVIDENCE_TYPES;

describe("sanitizeFileName", () => {
  it.each([
    ["keeps a plain name", "Certificate 2024.pdf", pdf, "Certificate 2024.pdf"],
    ["drops a Unix path", "../../etc/passwd.pdf", pdf, "passwd.pdf"],
    ["drops a Windows path", "C:\\fakepath\\scan.PNG", png, "scan.png"],
    ["removes control characters", "a\u0000b\r\nc.pdf", pdf, "abc.pdf"],
    ["removes a right-to-left override (spoofed extension)", "invoice\u202Efdp.exe", pdf, "invoicefdp.exe.pdf"],
    ["replaces reserved characters", 'a<b>:c"d|e?f*.pdf', pdf, "a_b__c_d_e_f_.pdf"],
    ["strips leading dots", "...hidden.pdf", pdf, "hidden.pdf"],
    ["gives a nameless file a name", "", jpeg, "evidence.jpg"],
    ["gives a file of dots a name", "....", pdf, "evidence.pdf"],
    ["appends the proven extension", "certificate.html", pdf, "certificate.html.pdf"],
    ["appends an extension to a bare name", "scan", png, "scan.png"],
    ["corrects a wrong evidence extension", "photo.png", jpeg, "photo.jpg"],
    ["keeps .jpeg for a JPEG", "photo.JPEG", jpeg, "photo.jpeg"],
    ["keeps non-Latin names", "Zertifikat – Müller 証明書.pdf", pdf, "Zertifikat – Müller 証明書.pdf"],
    ["collapses whitespace", "  my   file \t name .pdf", pdf, "my file name.pdf"],
  ])("%s", (_label, raw, type, expected) => {
    expect(sanitizeFileName(raw, type)).toBe(expected);
  });

  it("keeps names to 120 characters with the extension", () => {
    const name = sanitizeFileName(`${"x".repeat(300)}.pdf`, pdf);
    expect(name.length).toBe(120);
    expect(name.endsWith(".pdf")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("is an attachment with an ASCII fallback and an RFC 5987 filename*", () => {
    expect(contentDisposition("Müller's report (1).pdf")).toBe(
      "attachment; filename=\"M_ller's report (1).pdf\"; filename*=UTF-8''M%C3%BCller%27s%20report%20%281%29.pdf",
    );
  });
  it("never lets a quote or backslash end the quoted fallback", () => {
    expect(contentDisposition('a"b\\c.pdf')).toBe("attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf");
  });
});

describe("formatBytes", () => {
  it.each([
    [512, "512 bytes"],
    [2048, "2 KB"],
    [1536 * 1024, "1.5 MB"],
    [10 * 1024 * 1024, "10 MB"],
  ])("%i → %s", (n, s) => expect(formatBytes(n)).toBe(s));
});
