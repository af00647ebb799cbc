import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, decodeCsvBytes, neutralise, parseCsv, serializeCsv, unneutralise } from "@/lib/import-export/csv";

describe("neutralise", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["'=already", "''=already"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["'quoted", "'quoted"],
    ["", ""],
  ])("%j → %j", (raw, out) => {
    expect(neutralise(raw)).toBe(out);
    expect(unneutralise(out)).toBe(raw);
  });

  it("is undone exactly by unneutralise for any text", () => {
    fc.assert(fc.property(fc.string(), (s) => unneutralise(neutralise(s)) === s));
  });
});

describe("serializeCsv (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line1\nline2", '"line1\nline2"'],
    ["line1\r\nline2", '"line1\r\nline2"'],
    ["=1+2", "'=1+2"],
    ["-5, really", "\"'-5, really\""],
    ["\rstart", "\"'\rstart\""],
    ["", ""],
  ])("field %j → %j", (raw, out) => expect(csvField(raw)).toBe(out));

  it("writes a BOM, CRLF between records and after the last", () => {
    expect(serializeCsv([["a", "b"], ["1", "2"]])).toBe(`${CSV_BOM}a,b\r\n1,2\r\n`);
    expect(serializeCsv([["a"]], { bom: false })).toBe("a\r\n");
  });
});

describe("parseCsv", () => {
  it("keeps the physical line of each record, across quoted newlines and blank lines", () => {
    const text = 'h1,h2\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n"x\ny\nz",5\r\n6,7';
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual(["h1", "h2"]);
    expect(parsed.records).toEqual([
      { line: 2, cells: ["1", "two\r\nlines"] },
      { line: 5, cells: ["3", "4"] },
      { line: 6, cells: ["x\ny\nz", "5"] },
      { line: 9, cells: ["6", "7"] },
    ]);
  });

  it("counts lines in files with LF or CR line ends too", () => {
    expect(parseCsv('h\n"a\nb"\n\nc\n').records).toEqual([
      { line: 2, cells: ["a\nb"] },
      { line: 5, cells: ["c"] },
    ]);
    expect(parseCsv("h\rx\r\ry").records).toEqual([
      { line: 2, cells: ["x"] },
      { line: 4, cells: ["y"] },
    ]);
  });

  it("guesses the delimiter from the header row only", () => {
    expect(parseCsv("a,b\n\"x;y;z\t\t\",2").records).toEqual([{ line: 2, cells: ["x;y;z\t\t", "2"] }]);
  });

  it("skips a BOM, reads semicolons and tabs, and un-neutralises cells", () => {
    expect(parseCsv(`${CSV_BOM}a;b\n'=1;x`).records).toEqual([{ line: 2, cells: ["=1", "x"] }]);
    expect(parseCsv("a\tb\n1\t2").records).toEqual([{ line: 2, cells: ["1", "2"] }]);
  });

  it("reports a quote that is never closed with its line", () => {
    const parsed = parseCsv('a,b\n1,2\n3,"oops\n4,5\n');
    expect(parsed.records).toEqual([{ line: 2, cells: ["1", "2"] }]);
    expect(parsed.problems).toEqual([{ line: 3, message: expect.stringContaining("never closed") }]);
  });

  it("has no header for an empty or blank file", () => {
    expect(parseCsv("").header).toBeNull();
    expect(parseCsv("\n\n  \n").header).toBeNull();
  });

  it("reads back exactly what serializeCsv wrote, for any cells", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", "\r\n", "=", "-", "'", " ", "é", "\t", ";", "@", "+") });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (_n, rows) => {
        const header = ["c1", "c2", "c3", "c4", "c5"];
        // A record of empty cells is a blank-looking line only when it has one column; ours has five.
        const parsed = parseCsv(serializeCsv([header, ...rows]));
        expect(parsed.header).toEqual(header);
        expect(parsed.records.map((r) => r.cells)).toEqual(rows);
        expect(parsed.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("titre,é"))).toEqual({ ok: true, text: "titre,é", encoding: "utf-8" });
  });
  it("falls back to Windows-1252 (older Excel)", () => {
    expect(decodeCsvBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ ok: true, text: "café", encoding: "windows-1252" });
  });
  it.each([
    ["an empty file", new Uint8Array(0), /empty/],
    ["UTF-16 text", Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), /UTF-16/],
    ["an Excel workbook", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /Excel workbook \(\.xlsx\)/],
    ["a binary file", Uint8Array.from([1, 0, 2, 0, 3]), /not a CSV text file/],
  ])("refuses %s", (_l, bytes, message) => {
    const r = decodeCsvBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
