import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { auditIndexCsv, auditPackFiles, slug, summaryCsv } from "@/lib/summary/exports";
import type { SubmissionSummary } from "@/lib/summary/model";
import { auditPackChunks } from "@/lib/summary/zip";
import { ascmRows, summaryFrom } from "./fixture";

function parse(csv: string): Record<string, string>[] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const r = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, newline: "\r\n", skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

describe("the itemised CSV", () => {
  const s = summaryFrom(ascmRows());
  const rows = parse(summaryCsv(s));

  it("has one row per activity line with the report's points and rule", () => {
    const lines = s.categories.flatMap((c) => c.lines);
    expect(rows).toHaveLength(lines.length);
    rows.forEach((r, i) => {
      const l = lines[i]!;
      expect(r.Line).toBe(String(l.lineNo));
      expect(r["Points earned"]).toBe(String(l.points));
      expect(r["Points counted"]).toBe(String(l.counted));
      expect(r.Rule).toBe(l.ruleId);
      expect(r["Evidence files"]).toBe(String(l.evidence.length));
    });
    const capped = rows.find((r) => r.Title === "Chapter events committee");
    expect(capped).toMatchObject({ Category: "Service", "Points earned": "5", "Points counted": "0", "Trimmed by": "Service: at most 5 a calendar year" });
  });

  it("neutralises formula cells and keeps Unicode", () => {
    expect(rows.find((r) => r.Title?.includes("HYPERLINK"))).toMatchObject({ Title: `'=HYPERLINK("http://evil")`, Provider: "'@attacker" });
    expect(rows.map((r) => r.Title)).toContain("Łódź logistics forum – “Lean” ≥ 2 days → notes 🚚");
  });

  it("adds opening balance lines", () => {
    const withBalance = summaryFrom(ascmRows(), {
      cert: { id: "c", packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15", holderId: null, openingBalances: [{ categoryId: "education", points: 12, attested: true, cycleDueDate: "2026-03-31" }] },
    });
    const last = parse(summaryCsv(withBalance)).at(-1);
    expect(last).toMatchObject({ Kind: "Opening balance", Category: "Education", "Points earned": "12", "How it was scored": "Attested by the holder" });
  });
});

describe("audit pack file names", () => {
  it.each([
    ["Conference Certificate", "conference-certificate"],
    ["  Été 2024 / Zertifikat (1).pdf", "ete-2024-zertifikat-1-pdf"],
    ["王.pdf", "pdf"],
    ["Łódź Straße Søn", "lodz-strasse-son"],
    ["", "evidence"],
    ["a".repeat(100), "a".repeat(60)],
  ])("slug(%j) = %j", (input, expected) => {
    expect(slug(input)).toBe(expected);
  });

  it("names each file by its summary line, e.g. 002-conference-certificate.pdf, unique, numbered when a line has several", () => {
    const s = summaryFrom(ascmRows());
    const files = auditPackFiles(s);
    const paths = files.map((f) => f.path);
    expect(paths).toContain("evidence/002-conference-certificate.pdf");
    expect(new Set(paths).size).toBe(paths.length);
    for (const f of files) expect(f.path.startsWith(`evidence/${String(f.line.lineNo).padStart(3, "0")}-`)).toBe(true);

    const line = s.categories[0]!.lines[0]!;
    line.evidence = [
      { id: "e1", fileName: "scan.png", contentType: "image/png", sizeBytes: 1, sha256: "x" },
      { id: "e2", fileName: "scan.png", contentType: "image/png", sizeBytes: 1, sha256: "y" },
      { id: "e3", fileName: "receipt.jpeg", contentType: "image/jpeg", sizeBytes: 1, sha256: "z" },
    ];
    expect(auditPackFiles(s).filter((f) => f.line === line).map((f) => f.path)).toEqual([
      "evidence/001-1-scan.png",
      "evidence/001-2-scan.png",
      "evidence/001-3-receipt.jpg",
    ]);
  });

  it("pads line numbers to 4 digits from 1,000 lines", () => {
    const s = summaryFrom(ascmRows());
    const fake = { ...s, lineCount: 1200 } as SubmissionSummary;
    expect(auditPackFiles(fake)[0]!.path).toMatch(/^evidence\/0001-/);
  });
});

describe("the audit pack ZIP", () => {
  const s = summaryFrom(ascmRows());
  const bytesOf = (id: string) => new TextEncoder().encode(`%PDF-1.4 evidence ${id}`);

  async function collect(readEvidence: (id: string) => Promise<Uint8Array | null>): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const c of auditPackChunks({ summary: s, pdf: new TextEncoder().encode("%PDF-summary"), pdfName: "cpim-summary.pdf", readEvidence })) chunks.push(c);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    return out;
  }

  it("holds the PDF, every evidence file with its bytes, and an index naming each with its SHA-256", async () => {
    const zip = unzipSync(await collect(async (id) => bytesOf(id)));
    const files = auditPackFiles(s);
    expect(Object.keys(zip).sort()).toEqual(["cpim-summary.pdf", "index.csv", ...files.map((f) => f.path)].sort());
    expect(new TextDecoder().decode(zip["cpim-summary.pdf"])).toBe("%PDF-summary");
    for (const f of files) expect(zip[f.path]).toEqual(bytesOf(f.evidence.id));
    const index = parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(zip["index.csv"]));
    expect(index[0]).toMatchObject({ File: "cpim-summary.pdf" });
    for (const f of files) expect(index.find((r) => r.File === f.path)).toMatchObject({ Line: String(f.line.lineNo), "SHA-256": f.evidence.sha256 });
    const noEvidence = s.categories.flatMap((c) => c.lines).filter((l) => l.evidence.length === 0);
    expect(index.filter((r) => r.File === "(no evidence attached)").map((r) => r.Line)).toEqual(noEvidence.map((l) => String(l.lineNo)));
  });

  it("lists a file the store cannot return as missing instead of dropping it silently", async () => {
    const files = auditPackFiles(s);
    const gone = files[0]!;
    const zip = unzipSync(await collect(async (id) => (id === gone.evidence.id ? null : bytesOf(id))));
    expect(zip[gone.path]).toBeUndefined();
    const index = parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(zip["index.csv"]));
    expect(index.some((r) => r.File === `MISSING (could not be read): ${gone.path}`)).toBe(true);
  });

  it("index rows carry real hashes when given them", () => {
    const sha = createHash("sha256").update("x").digest("hex");
    const files = auditPackFiles(s).map((f) => ({ ...f, evidence: { ...f.evidence, sha256: sha } }));
    expect(auditIndexCsv(s, files, "a.pdf")).toContain(sha);
  });
});
