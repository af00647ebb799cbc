import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { BOM, csvCell, neutralise, toCsv } from "@/lib/summary/csv";

describe("csvCell (RFC 4180 and formula neutralisation)", () => {
  it.each([
    ["plain text", "Webinar", "Webinar"],
    ["comma is quoted", "Smith, J.", '"Smith, J."'],
    ["quote is doubled and quoted", 'The "Lean" book', '"The ""Lean"" book"'],
    ["LF is quoted", "line1\nline2", '"line1\nline2"'],
    ["CR LF is quoted", "a\r\nb", '"a\r\nb"'],
    ["= formula neutralised", "=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+ neutralised", "+1 555", "'+1 555"],
    ["- neutralised", "-2+3", "'-2+3"],
    ["@ neutralised", "@SUM(A1)", "'@SUM(A1)"],
    ["tab neutralised", "\tcmd", "'\tcmd"],
    ["CR neutralised and quoted", "\rcmd", "\"'\rcmd\""],
    ["a number is written as is", 12.5, "12.5"],
    ["null is empty", null, ""],
    ["undefined is empty", undefined, ""],
    ["= in the middle is fine", "a=b", "a=b"],
  ])("%s", (_label, input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("neutralise leaves safe text alone", () => {
    expect(neutralise("Lean 101")).toBe("Lean 101");
    expect(neutralise("'already")).toBe("'already");
  });
});

describe("toCsv", () => {
  it("writes a BOM, CRLF records and round-trips through an RFC 4180 parser", () => {
    const rows = [
      ["1", 'Title with "quotes", commas\nand a newline', 8],
      ["2", "=cmd|' /C calc'!A0", 0.5],
    ];
    const csv = toCsv(["Line", "Title", "Points"], rows);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toBe("Line,Title,Points");
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: "\r\n", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ["Line", "Title", "Points"],
      ["1", 'Title with "quotes", commas\nand a newline', "8"],
      ["2", "'=cmd|' /C calc'!A0", "0.5"],
    ]);
  });
});
