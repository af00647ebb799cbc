/**
 * The itemised CSV of a summary, the audit pack's file names and its index CSV. Pure.
 */
import type { SubmissionSummary, SummaryEvidence, SummaryLine } from "./model";
import { toCsv } from "./csv";

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The summary's itemised list: one row per activity line, then one per opening-balance line. */
export function summaryCsv(s: SubmissionSummary): string {
  const header = [
    "Line",
    "Kind",
    "Category",
    "Sub-category",
    "Date",
    "Start date",
    "End date",
    "Title",
    "Provider",
    "Activity type",
    "Amount",
    `Points earned`,
    `Points counted`,
    "Trimmed by",
    "Rule",
    "How it was scored",
    "Rule source",
    "Rule confidence",
    "Evidence files",
    "Evidence file names",
  ];
  const rows: (string | number | null)[][] = [];
  for (const cat of s.categories) {
    for (const l of cat.lines) {
      rows.push([
        l.lineNo,
        "Activity",
        cat.label,
        l.subCategoryLabel,
        l.date,
        l.startDate,
        l.endDate,
        l.title,
        l.provider,
        l.typeLabel,
        l.amount,
        round2(l.points),
        round2(l.counted),
        l.trimmedBy,
        l.ruleId,
        l.manual ? `${l.explanation} Manual points: ${l.manual.reason}` : l.explanation,
        l.source.url,
        l.source.confidence,
        l.evidence.length,
        l.evidence.map((e) => e.fileName).join("; "),
      ]);
    }
  }
  for (const b of s.openingBalances) {
    rows.push([
      null,
      "Opening balance",
      b.categoryLabel,
      null,
      null,
      null,
      null,
      b.note ?? "Points earned before tracking in Recert",
      null,
      null,
      null,
      round2(b.points),
      null,
      null,
      null,
      b.attested ? "Attested by the holder" : "Not attested",
      null,
      null,
      null,
      null,
    ]);
  }
  return toCsv(header, rows);
}

/** Lower-case ASCII words joined by "-", at most `max` characters: "Conference Certificate (1).PDF" → "conference-certificate-1". */
const LETTERS: Record<string, string> = { ł: "l", đ: "d", ø: "o", ß: "ss", æ: "ae", œ: "oe", þ: "th", ð: "d", ħ: "h", ı: "i" };

export function slug(text: string, max = 60): string {
  const s = text
    .toLowerCase()
    .replace(/[łđøßæœþðħı]/g, (c) => LETTERS[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s.slice(0, max).replace(/-+$/, "") || "evidence";
}

const EXT_BY_TYPE: Record<string, string> = { "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg" };

function extension(e: Pick<SummaryEvidence, "fileName" | "contentType">): string {
  const byType = EXT_BY_TYPE[e.contentType];
  if (byType) return byType;
  const m = /\.([a-z0-9]{1,8})$/i.exec(e.fileName);
  return m?.[1]?.toLowerCase() ?? "bin";
}

export interface PackFile {
  /** Path inside the ZIP, e.g. "evidence/012-conference-certificate.pdf". */
  path: string;
  line: SummaryLine;
  evidence: SummaryEvidence;
}

/**
 * The name of every evidence file in the audit pack: its line number in the summary (zero-padded
 * to 3 digits, more when there are 1,000 lines or more), then the file's own name as a slug, with
 * the extension of the type its bytes proved. A line with several files numbers them "012-1-…",
 * "012-2-…". Names are unique.
 */
export function auditPackFiles(s: SubmissionSummary): PackFile[] {
  const lines = s.categories.flatMap((c) => c.lines);
  const width = Math.max(3, String(s.lineCount).length);
  const used = new Set<string>();
  const out: PackFile[] = [];
  for (const line of lines) {
    const no = String(line.lineNo).padStart(width, "0");
    line.evidence.forEach((e, i) => {
      const base = `${no}${line.evidence.length > 1 ? `-${i + 1}` : ""}-${slug(e.fileName.replace(/\.[a-z0-9]{1,8}$/i, ""))}`;
      const ext = extension(e);
      let name = `${base}.${ext}`;
      for (let k = 2; used.has(name); k++) name = `${base}-${k}.${ext}`;
      used.add(name);
      out.push({ path: `evidence/${name}`, line, evidence: e });
    });
  }
  return out;
}

export function summaryFileBase(s: Pick<SubmissionSummary, "credentialCode" | "cycle">): string {
  return `${slug(s.credentialCode, 20)}-summary-due-${s.cycle.dueDate}`;
}

/** The audit pack's index: every line of the summary with its files, their sizes and SHA-256. */
export function auditIndexCsv(s: SubmissionSummary, files: PackFile[], pdfName: string, missing: PackFile[] = []): string {
  const header = ["File", "Line", "Date", "Title", "Provider", "Category", "Points counted", "Original file name", "Type", "Size (bytes)", "SHA-256"];
  const byLine = new Map<number, PackFile[]>();
  for (const f of files) byLine.set(f.line.lineNo, [...(byLine.get(f.line.lineNo) ?? []), f]);
  const missingPaths = new Set(missing.map((f) => f.path));
  for (const f of missing) byLine.set(f.line.lineNo, [...(byLine.get(f.line.lineNo) ?? []), f]);
  const rows: (string | number | null)[][] = [[pdfName, null, null, "Submission summary (this pack's PDF)", null, null, null, null, "application/pdf", null, null]];
  for (const cat of s.categories) {
    for (const line of cat.lines) {
      const mine = byLine.get(line.lineNo) ?? [];
      const base = [line.lineNo, line.date, line.title, line.provider, cat.label, Math.round(line.counted * 100) / 100] as const;
      if (mine.length === 0) rows.push(["(no evidence attached)", ...base, null, null, null, null]);
      for (const f of mine) {
        // A file the store could not return is listed, never silently dropped.
        const file = missingPaths.has(f.path) ? `MISSING (could not be read): ${f.path}` : f.path;
        rows.push([file, ...base, f.evidence.fileName, f.evidence.contentType, f.evidence.sizeBytes, f.evidence.sha256]);
      }
    }
  }
  return toCsv(header, rows);
}
