import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { formatPoints } from "@/lib/dates";
import type { SubmissionSummary } from "@/lib/summary/model";
import { buildSummaryPdf, toWinAnsi, wrapText } from "@/lib/summary/pdf";
import { ascmRows, summaryFrom } from "./fixture";
import { pdfPages } from "./pdf-text";

const MADE = { madeOn: "2025-06-01", madeAt: new Date("2025-06-01T10:00:00Z") };
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

async function charset(): Promise<Set<number>> {
  const doc = await PDFDocument.create();
  return new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
}

/** Many activities: enough for several pages of table. */
function bigRows(count: number) {
  const rows = ascmRows();
  const base = rows[0]!;
  const out = [...rows];
  for (let i = 0; i < count; i++) {
    const day = String((i % 27) + 1).padStart(2, "0");
    out.push({ ...base, id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, "0")}`, title: `Webinar number ${i + 1}`, startDate: `2024-03-${day}`, quantity: 0.5 });
  }
  return out;
}

describe("the summary PDF", () => {
  let s: SubmissionSummary;
  let pages: string[];
  beforeAll(async () => {
    s = summaryFrom(ascmRows());
    pages = await pdfPages(await buildSummaryPdf(s, MADE));
  });

  it("holds the holder, issuer id, designation, cycle and due date", () => {
    const first = squash(pages[0]!);
    for (const text of ["Dana Holder", "ASCM customer ID", "1234567", "CPIM, Certified in Planning and Inventory Management", "15 Mar 2021 to 31 Mar 2026", "31 Mar 2026"]) {
      expect(first).toContain(text);
    }
  });

  it("holds each category's total and the total as the form asks", () => {
    const first = squash(pages[0]!);
    expect(first).toContain("Enter on ASCM's form");
    for (const c of s.categories) expect(first).toMatch(new RegExp(`${c.label} (.*? )?${formatPoints(c.counted).replace(".", "\\.")}`));
    expect(first).toContain(`Total ${formatPoints(s.counted)} of 75`);
  });

  it("lists every activity (title cut into lines but complete), with its points", async () => {
    const cs = await charset();
    const all = squash(pages.join(" "));
    for (const line of s.categories.flatMap((c) => c.lines)) {
      for (const word of toWinAnsi(line.title, cs).split(/\s+/)) expect(all).toContain(word);
    }
    expect(all).toContain("Chapter events committee");
    expect(all).toContain("0 of 5"); // the capped service line
  });

  it("puts a header, the date made and 'Page N of M' on every page", () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => {
      expect(p).toContain("Recert · submission summary");
      expect(p).toContain("Dana Holder · CPIM · cycle due 31 Mar 2026");
      expect(p).toContain("Made on 1 Jun 2025");
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("holds the warnings, the fee and the steps", () => {
    const first = squash(pages.join(" "));
    expect(first).toContain("Check before you submit");
    expect(first).toContain("points short of the 75 required");
    expect(first).toContain("2 activities have no evidence attached");
    expect(first).toContain("$75 for ASCM members, $150 for non-members");
    expect(first).toContain("Last confirmed: February 2021");
    expect(first).toContain("How to submit to ASCM");
    expect(first).toContain("Pay the maintenance fee.");
  });

  it("repeats the table's header row on every page the table spans, and every line is there", async () => {
    const big = summaryFrom(bigRows(150));
    const bigPages = await pdfPages(await buildSummaryPdf(big, MADE));
    const tablePages = bigPages.filter((p) => /Webinar number/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const p of tablePages) expect(p).toContain("Rule that scored it");
    const all = bigPages.join("\n");
    for (let i = 1; i <= 150; i++) expect(all).toContain(`Webinar number ${i}\n`.trim());
    expect(bigPages.at(-1)).toContain(`Page ${bigPages.length} of ${bigPages.length}`);
  });

  it("a renewed cycle's PDF is a record: notes instead of checks, no fee or steps", async () => {
    const cert = { id: "c", packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15", holderId: null, renewals: [{ dueDate: "2026-03-31", submittedDate: "2025-05-20", approvedDate: "2025-05-22" }] };
    const past = summaryFrom(ascmRows(), { cert, cycleIndex: 0 });
    const text = squash((await pdfPages(await buildSummaryPdf(past, MADE))).join(" "));
    expect(text).toContain("Renewed: approved on 22 May 2025");
    expect(text).toContain("Submitted 20 May 2025");
    expect(text).toContain("Notes on this cycle");
    expect(text).not.toContain("Check before you submit");
    expect(text).not.toContain("Fee to expect");
    expect(text).not.toContain("How to submit");
    expect(text).toContain(`Total ${formatPoints(past.counted)} of 75`);
  });

  it("never fails on characters the standard fonts lack", async () => {
    const odd = summaryFrom(ascmRows(), { name: "Zoë 王 Holder ✓" });
    const text = (await pdfPages(await buildSummaryPdf(odd, MADE))).join(" ");
    expect(text).toContain("Zoë ? Holder yes");
    expect(text).toContain("Müller & Søn");
    expect(squash(text)).toMatch(/Lódz logistics forum – “Lean” >= 2 days -> notes \?/);
  });
});

describe("toWinAnsi and wrapText", () => {
  it.each([
    ["plain", "Lean 101", "Lean 101"],
    ["Latin-1 accents kept", "Müller Søn café", "Müller Søn café"],
    ["letters outside WinAnsi lose their accents", "Łódź Gdańsk", "Lódz Gdansk"],
    ["symbols spelled out", "≥ 2 → 3 ≤ 4", ">= 2 -> 3 <= 4"],
    ["emoji and CJK become ?", "🚚 王", "? ?"],
    ["newlines become spaces", "a\nb\r\nc", "a b c"],
    ["typographic quotes and dashes kept", "“Lean” – —", "“Lean” – —"],
  ])("%s", async (_l, input, expected) => {
    expect(toWinAnsi(input, await charset())).toBe(expected);
  });

  it("wraps at the width and cuts a word longer than a line", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const lines = wrapText("supercalifragilisticexpialidocious ".repeat(3) + "https://example.com/" + "x".repeat(200), font, 8, 100);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 8)).toBeLessThanOrEqual(100);
    expect(lines.join("").replace(/\s/g, "")).toBe(("supercalifragilisticexpialidocious".repeat(3) + "https://example.com/" + "x".repeat(200)));
    expect(wrapText("", font, 8, 100)).toEqual([""]);
  });
});
