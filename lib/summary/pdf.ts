/**
 * The submission summary as a PDF (pdf-lib, the standard Helvetica fonts: nothing to embed, so a
 * 1,000-activity summary is made in well under a second). US Letter, portrait. Every page has a
 * header (holder, designation, cycle), a footer with the date it was made and "Page N of M";
 * the activity table repeats its header row on every page it spans; long text is wrapped.
 *
 * Drawing: pdf-lib builds the document (pages, the standard fonts, metadata, cross-references);
 * each page's text, rules and boxes are written as ONE content stream of standard operators
 * (BT/Tf/Td/Tj/ET, re/f, m/l/S). pdf-lib's drawText creates several objects per call and adds a
 * font resource on every call, which made a 1,000-line table take seconds; one stream per page
 * takes a fraction of that.
 *
 * Pure: the summary and the date come in, bytes go out.
 */
import { zlibSync } from "fflate";
import { PDFDocument, type PDFFont, type PDFPage, PDFRawStream, rgb, StandardFonts } from "pdf-lib";
import { formatDate } from "@/lib/dates";
import type { SubmissionSummary, SummaryLine } from "./model";
import { cycleLabel, evidenceLabel, feeSentence, formTotalsRows, pts, statusLabel } from "./text";

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN_X = 42;
const CONTENT_TOP = PAGE_H - 64;
const CONTENT_BOTTOM = 56;
const WIDTH = PAGE_W - 2 * MARGIN_X;

const INK = rgb(0.09, 0.125, 0.165);
const MUTED = rgb(0.3, 0.34, 0.4);
const BRAND = rgb(0.07, 0.35, 0.3);
const RULE = rgb(0.8, 0.83, 0.86);
const SHADE = rgb(0.94, 0.96, 0.96);
const WARN = rgb(0.55, 0.3, 0.0);

/** Table columns: widths add up to WIDTH (528). */
const COLS = [
  { key: "no", label: "#", width: 26, align: "left" },
  { key: "date", label: "Date", width: 58, align: "left" },
  { key: "activity", label: "Activity", width: 178, align: "left" },
  { key: "amount", label: "Amount", width: 62, align: "left" },
  { key: "rule", label: "Rule that scored it", width: 124, align: "left" },
  { key: "points", label: "Points", width: 44, align: "right" },
  { key: "evidence", label: "Evidence", width: 36, align: "left" },
] as const;
const CELL_PAD = 3;

type Color = ReturnType<typeof rgb>;
type Fonts = { regular: PDFFont; bold: PDFFont; charset: Set<number> };

/** Per-character widths (font units) and WinAnsi hex codes, cached per font. */
const glyphCache = new WeakMap<PDFFont, { width: Map<string, number>; hex: Map<string, string> }>();
function glyphs(font: PDFFont) {
  let g = glyphCache.get(font);
  if (!g) {
    g = { width: new Map(), hex: new Map() };
    glyphCache.set(font, g);
  }
  return g;
}

/**
 * Text width from cached per-character widths. pdf-lib's widthOfTextAtSize re-encodes the whole
 * string and adds kerning on every call (slow, and the drawn text is not kerned anyway).
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  const cache = glyphs(font).width;
  let total = 0;
  for (const ch of text) {
    let w = cache.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000);
      cache.set(ch, w);
    }
    total += w;
  }
  return (total * size) / 1000;
}

/** The string as a PDF hex string in the font's encoding (text must already be WinAnsi-safe). */
function hexText(font: PDFFont, text: string): string {
  const cache = glyphs(font).hex;
  let out = "<";
  for (const ch of text) {
    let h = cache.get(ch);
    if (h === undefined) {
      h = font.encodeText(ch).asString();
      cache.set(ch, h);
    }
    out += h;
  }
  return `${out}>`;
}

const encoder = new TextEncoder();

/** Numbers in a content stream: two decimals are plenty at 72 dpi. */
const num = (n: number) => String(Math.round(n * 100) / 100);
const colorOps = (c: Color, op: "rg" | "RG") => `${num(c.red)} ${num(c.green)} ${num(c.blue)} ${op}`;

/** One page's drawing, collected as operators and written as one content stream. */
class Canvas {
  private readonly ops: string[] = [];
  private readonly fontNames = new Map<PDFFont, string>();
  private fill = "";
  private font = "";
  constructor(readonly page: PDFPage) {}

  private fontName(font: PDFFont): string {
    let name = this.fontNames.get(font);
    if (!name) {
      name = this.page.node.newFontDictionary(font.name, font.ref).asString();
      this.fontNames.set(font, name);
    }
    return name;
  }

  text(s: string, x: number, y: number, size: number, font: PDFFont, color: Color): void {
    if (!s) return;
    // Fill colour and font persist between text objects (boxes and rules below save/restore
    // the graphics state with q/Q), so they are only written when they change.
    let op = "BT";
    const fill = colorOps(color, "rg");
    if (fill !== this.fill) {
      op += ` ${fill}`;
      this.fill = fill;
    }
    const tf = `${this.fontName(font)} ${num(size)} Tf`;
    if (tf !== this.font) {
      op += ` ${tf}`;
      this.font = tf;
    }
    this.ops.push(`${op} ${num(x)} ${num(y)} Td ${hexText(font, s)} Tj ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Color): void {
    this.ops.push(`q ${num(thickness)} w ${colorOps(color, "RG")} ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }

  rect(x: number, y: number, width: number, height: number, fill: Color, border?: { color: Color; width: number }): void {
    const box = `${num(x)} ${num(y)} ${num(width)} ${num(height)} re`;
    this.ops.push(
      border
        ? `q ${colorOps(fill, "rg")} ${colorOps(border.color, "RG")} ${num(border.width)} w ${box} B Q`
        : `q ${colorOps(fill, "rg")} ${box} f Q`,
    );
  }

  /** Writes the collected operators (ASCII only: hex strings) as the page's deflated content stream. */
  flush(doc: PDFDocument): void {
    const bytes = zlibSync(encoder.encode(this.ops.join("\n")), { level: 6 });
    const stream = PDFRawStream.of(doc.context.obj({ Filter: "FlateDecode", Length: bytes.length }), bytes);
    this.page.node.addContentStream(doc.context.register(stream));
  }
}

const REPLACEMENTS: Record<string, string> = {
  "≥": ">=",
  "≤": "<=",
  "→": "->",
  "←": "<-",
  "−": "-",
  "‑": "-",
  "✓": "yes",
  "✔": "yes",
  "✗": "x",
  "Ł": "L",
  "ł": "l",
  "Đ": "D",
  "đ": "d",
  "Ħ": "H",
  "ħ": "h",
  "ı": "i",
  "\u00a0": " ",
  "\u2009": " ",
  "\u202f": " ",
};

/** Text the standard fonts can draw (WinAnsi): known symbols spelled out, accents kept where possible, the rest "?". */
export function toWinAnsi(text: string, charset: Set<number>): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let out = "";
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
    const cp = ch.codePointAt(0) ?? 63;
    if (charset.has(cp)) {
      out += ch;
      continue;
    }
    const rep = REPLACEMENTS[ch];
    if (rep !== undefined) {
      out += rep;
      continue;
    }
    const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    out += [...base].every((c) => charset.has(c.codePointAt(0) ?? 0)) && base.length > 0 ? base : "?";
  }
  return out;
}

/** Splits text into lines no wider than `width`; a word longer than a line is cut. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [""];
  const space = textWidth(font, " ", size);
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (let word of words) {
    let w = textWidth(font, word, size);
    if (line && lineWidth + space + w <= width) {
      line += ` ${word}`;
      lineWidth += space + w;
      continue;
    }
    if (line) lines.push(line);
    while (w > width && word.length > 1) {
      // Cut the longest prefix that fits (binary search keeps this cheap for long URLs).
      let lo = 1;
      let hi = word.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (textWidth(font, word.slice(0, mid), size) <= width) lo = mid;
        else hi = mid - 1;
      }
      lines.push(word.slice(0, lo));
      word = word.slice(lo);
      w = textWidth(font, word, size);
    }
    line = word;
    lineWidth = w;
  }
  if (line) lines.push(line);
  return lines;
}

class Writer {
  page!: Canvas;
  y = CONTENT_TOP;
  readonly pages: Canvas[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }
  t(text: string): string {
    return toWinAnsi(text, this.fonts.charset);
  }
  newPage(): void {
    this.page = new Canvas(this.doc.addPage([PAGE_W, PAGE_H]));
    this.pages.push(this.page);
    this.y = CONTENT_TOP;
  }
  /** Starts a new page unless `height` still fits on this one. Returns true when it broke. */
  ensure(height: number): boolean {
    if (this.y - height < CONTENT_BOTTOM) {
      this.newPage();
      return true;
    }
    return false;
  }
  text(s: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: Color } = {}): void {
    this.page.text(s, x, y, size, opts.bold ? this.fonts.bold : this.fonts.regular, opts.color ?? INK);
  }
  /** A wrapped paragraph at the cursor. */
  paragraph(s: string, size: number, opts: { bold?: boolean; color?: Color; indent?: number; gap?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const leading = size * 1.3;
    for (const line of wrapText(this.t(s), font, size, WIDTH - indent)) {
      this.ensure(leading);
      this.y -= leading;
      this.text(line, MARGIN_X + indent, this.y + size * 0.25, size, opts);
    }
    this.y -= opts.gap ?? 0;
  }
  heading(s: string, size = 12): void {
    this.ensure(size * 3);
    this.y -= size * 0.8;
    this.paragraph(s, size, { bold: true, color: BRAND, gap: 4 });
  }
  hr(): void {
    this.page.line(MARGIN_X, this.y, PAGE_W - MARGIN_X, this.y, 0.5, RULE);
  }
}

type Cell = { lines: string[]; bold?: boolean; size: number; color?: Color; extra?: { lines: string[]; size: number; color: Color } };

function rowCells(w: Writer, line: SummaryLine): Cell[] {
  const { regular, bold } = w.fonts;
  const wrap = (s: string, font: PDFFont, size: number, width: number) => wrapText(w.t(s), font, size, width - 2 * CELL_PAD);
  const widths = COLS.map((c) => c.width);
  const sub = [line.provider, line.subCategoryLabel, line.manual ? `Manual points: ${line.manual.reason}` : null].filter(Boolean).join(" · ");
  const points = line.counted < line.points ? `${pts(line.counted)} of ${pts(line.points)}` : pts(line.counted);
  const dates = line.endDate && line.endDate !== line.startDate ? `${formatDate(line.startDate)} – ${formatDate(line.endDate)}` : formatDate(line.date);
  return [
    { lines: [String(line.lineNo)], size: 8 },
    { lines: wrap(dates, regular, 8, widths[1]!), size: 8 },
    {
      lines: wrap(line.title, bold, 8, widths[2]!),
      bold: true,
      size: 8,
      extra: sub ? { lines: wrap(sub, regular, 7, widths[2]!), size: 7, color: MUTED } : undefined,
    },
    { lines: wrap(line.amount, regular, 8, widths[3]!), size: 8 },
    {
      lines: wrap(line.typeLabel, regular, 7.5, widths[4]!),
      size: 7.5,
      extra: {
        lines: wrap(`${line.explanation}${line.trimmedBy ? `. Trimmed by the limit: ${line.trimmedBy}.` : ""}`, regular, 7, widths[4]!),
        size: 7,
        color: MUTED,
      },
    },
    { lines: [points], size: 8, bold: true },
    { lines: wrap(evidenceLabel(line), regular, 8, widths[6]!), size: 8, color: line.evidence.length ? INK : WARN },
  ];
}

function cellHeight(c: Cell): number {
  return c.lines.length * c.size * 1.25 + (c.extra ? c.extra.lines.length * c.extra.size * 1.25 + 1 : 0);
}

function drawHeaderRow(w: Writer): void {
  const h = 16;
  w.page.rect(MARGIN_X, w.y - h, WIDTH, h, SHADE);
  let x = MARGIN_X;
  for (const col of COLS) {
    const tw = textWidth(w.fonts.bold, col.label, 7.5);
    const tx = col.align === "right" ? x + col.width - CELL_PAD - tw : x + CELL_PAD;
    w.text(col.label, tx, w.y - h + 5, 7.5, { bold: true, color: MUTED });
    x += col.width;
  }
  w.y -= h;
}

function drawRow(w: Writer, cells: Cell[], height: number): void {
  let x = MARGIN_X;
  const top = w.y - CELL_PAD;
  cells.forEach((cell, i) => {
    const col = COLS[i]!;
    let y = top;
    const font = cell.bold ? w.fonts.bold : w.fonts.regular;
    for (const l of cell.lines) {
      y -= cell.size * 1.25;
      const tx = col.align === "right" ? x + col.width - CELL_PAD - textWidth(font, l, cell.size) : x + CELL_PAD;
      w.text(l, tx, y + cell.size * 0.25, cell.size, { bold: cell.bold, color: cell.color });
    }
    if (cell.extra) {
      y -= 1;
      for (const l of cell.extra.lines) {
        y -= cell.extra.size * 1.25;
        w.text(l, x + CELL_PAD, y + cell.extra.size * 0.25, cell.extra.size, { color: cell.extra.color });
      }
    }
    x += col.width;
  });
  w.y -= height;
  w.hr();
}

export interface PdfOptions {
  /** The holder's calendar date when the PDF was made. */
  madeOn: string;
  /** The moment, for the document's metadata. */
  madeAt: Date;
}

export async function buildSummaryPdf(s: SubmissionSummary, opts: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const fonts: Fonts = { regular, bold, charset: new Set(regular.getCharacterSet()) };
  const title = `${s.issuer} certification maintenance: submission summary`;
  doc.setTitle(`${s.credentialCode} submission summary, cycle due ${s.cycle.dueDate}`);
  doc.setAuthor(toWinAnsi(s.holder.name, fonts.charset));
  doc.setSubject(title);
  doc.setCreator("Recert");
  doc.setProducer("Recert (pdf-lib)");
  doc.setCreationDate(opts.madeAt);
  doc.setModificationDate(opts.madeAt);

  const w = new Writer(doc, fonts);

  // Title and who / what / when.
  w.paragraph(title, 16, { bold: true, gap: 2 });
  w.paragraph(`${s.credentialName} (${s.credentialCode})`, 11, { color: MUTED, gap: 8 });
  const facts: [string, string][] = [
    ["Holder", s.holder.name],
    [s.holder.issuerIdLabel, s.holder.issuerId ?? "not recorded (add it in Settings)"],
    ["Designation", `${s.credentialCode}, ${s.credentialName}`],
    ["Cycle", cycleLabel(s)],
    ["Due date", formatDate(s.cycle.dueDate)],
    ["Status", statusLabel(s)],
  ];
  if (s.renewal?.submittedDate) facts.push(["Submitted", formatDate(s.renewal.submittedDate)]);
  if (s.renewal?.approvedDate) facts.push(["Approved", formatDate(s.renewal.approvedDate)]);
  for (const [k, v] of facts) {
    const lines = wrapText(w.t(v), regular, 9.5, WIDTH - 130);
    w.ensure(lines.length * 12.5);
    lines.forEach((l, i) => {
      w.y -= 12.5;
      if (i === 0) w.text(w.t(k), MARGIN_X, w.y + 2.5, 9.5, { bold: true, color: MUTED });
      w.text(l, MARGIN_X + 130, w.y + 2.5, 9.5);
    });
  }

  // The figures to type.
  w.heading(`Enter on ${s.issuer}'s form`);
  w.paragraph(s.formPrompt, 9, { color: MUTED, gap: 4 });
  const rows = formTotalsRows(s);
  const boxH = rows.length * 16 + 8;
  w.ensure(boxH);
  w.page.rect(MARGIN_X, w.y - boxH, WIDTH, boxH, SHADE, { color: RULE, width: 0.5 });
  w.y -= 4;
  for (const r of rows) {
    w.y -= 16;
    const size = r.kind === "total" ? 11 : r.kind === "child" ? 9 : 10.5;
    const font = r.kind === "child" ? regular : bold;
    const x = MARGIN_X + 10 + (r.kind === "child" ? 14 : 0);
    w.text(w.t(r.label), x, w.y + 5, size, { bold: r.kind !== "child", color: r.kind === "child" ? MUTED : INK });
    const value = w.t(r.value);
    w.page.text(value, PAGE_W - MARGIN_X - 10 - textWidth(font, value, size), w.y + 5, size, font, INK);
    if (r.note) {
      const note = w.t(r.note);
      const nw = textWidth(regular, note, 8);
      w.text(note, PAGE_W - MARGIN_X - 70 - nw, w.y + 5, 8, { color: MUTED });
    }
  }
  w.y -= 6;

  if (s.openingBalances.length) {
    w.heading("Opening balance", 11);
    w.paragraph("Points earned before you started tracking in Recert, entered by you:", 9, { color: MUTED });
    for (const b of s.openingBalances) {
      w.paragraph(
        `${b.categoryLabel}: ${pts(b.points)} ${b.points === 1 ? s.unit.one : s.unit.many}${b.attested ? " (attested)" : " (not attested)"}${b.note ? `: ${b.note}` : ""}`,
        9,
        { indent: 10 },
      );
    }
  }

  if (s.warnings.length) {
    w.heading(s.cycle.closed ? "Notes on this cycle" : "Check before you submit", 11);
    for (const warning of s.warnings) {
      w.paragraph(`• ${warning.title}`, 9, { bold: true, color: WARN });
      for (const d of warning.details) w.paragraph(d, 8.5, { indent: 10 });
    }
  }

  // The fee and the steps are for a cycle still to submit; a renewed cycle's summary is a record.
  if (s.fee && !s.cycle.closed) {
    w.heading("Fee to expect", 11);
    w.paragraph(feeSentence(s), 9);
    w.paragraph(`Source: ${s.fee.source.title}, ${s.fee.source.url}`, 7.5, { color: MUTED });
  }

  if (s.steps.length && !s.cycle.closed) {
    w.heading(`How to submit to ${s.issuer}`, 11);
    s.steps.forEach((step, i) => w.paragraph(`${i + 1}. ${step}`, 9, { indent: 4 }));
  }

  // Every activity, grouped by category, in a table whose header repeats on each page.
  w.newPage();
  w.paragraph("Activities", 14, { bold: true, color: BRAND, gap: 2 });
  w.paragraph(
    `${s.lineCount} ${s.lineCount === 1 ? "activity" : "activities"} count for this cycle. The rule column names the ${s.issuer} rule and how it scored each one; the line number is the one used in the audit pack.`,
    8.5,
    { color: MUTED, gap: 4 },
  );
  if (s.lineCount === 0) w.paragraph("No activities are logged in this cycle yet.", 9);
  for (const cat of s.categories) {
    if (cat.lines.length === 0) continue;
    const catTitle = `${cat.label}: ${pts(cat.counted)} counted${cat.trimmed > 0 ? ` (${pts(cat.earned)} earned)` : ""}`;
    const firstCells = rowCells(w, cat.lines[0]!);
    const firstH = Math.max(...firstCells.map(cellHeight)) + 2 * CELL_PAD;
    w.ensure(30 + 16 + firstH);
    w.y -= 10;
    w.paragraph(catTitle, 10.5, { bold: true, gap: 3 });
    drawHeaderRow(w);
    for (const line of cat.lines) {
      const cells = rowCells(w, line);
      const h = Math.max(...cells.map(cellHeight)) + 2 * CELL_PAD;
      if (w.ensure(h + 16)) {
        w.paragraph(`${cat.label} (continued)`, 9, { bold: true, color: MUTED, gap: 3 });
        drawHeaderRow(w);
      }
      drawRow(w, cells, h);
    }
  }

  w.y -= 14;
  w.paragraph(
    `Rule versions used: ${s.ruleVersions.map((v) => v.label).join("; ") || "none"}. Recert scores every activity by the ${s.issuer} rules in force on its date; where a rule could not be confirmed with the issuer it says so above.`,
    7.5,
    { color: MUTED },
  );

  // Header and footer last, when the page count is known.
  const total = w.pages.length;
  const headerLeft = toWinAnsi(`${s.holder.name} · ${s.credentialCode} · cycle due ${formatDate(s.cycle.dueDate)}`, fonts.charset);
  const footerLeft = `Made on ${formatDate(opts.madeOn)} by Recert from your activity log.`;
  w.pages.forEach((page, i) => {
    page.text("Recert · submission summary", MARGIN_X, PAGE_H - 36, 8.5, bold, BRAND);
    page.text(headerLeft, PAGE_W - MARGIN_X - textWidth(regular, headerLeft, 8.5), PAGE_H - 36, 8.5, regular, MUTED);
    page.line(MARGIN_X, PAGE_H - 44, PAGE_W - MARGIN_X, PAGE_H - 44, 0.75, RULE);
    page.line(MARGIN_X, 40, PAGE_W - MARGIN_X, 40, 0.75, RULE);
    page.text(footerLeft, MARGIN_X, 28, 7.5, regular, MUTED);
    const label = `Page ${i + 1} of ${total}`;
    page.text(label, PAGE_W - MARGIN_X - textWidth(regular, label, 7.5), 28, 7.5, regular, MUTED);
    page.flush(doc);
  });

  return doc.save();
}
