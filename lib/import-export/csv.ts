/**
 * The CSV file format itself (pure; runs in the browser for the import preview and on the server
 * for the export): RFC 4180 writing with formula neutralisation, papaparse reading with the line
 * number of every record, and text decoding of an uploaded file.
 *
 * Neutralisation (OWASP "CSV injection"): a cell that starts with =, +, -, @, tab or CR would be
 * run as a formula by a spreadsheet, so the export prefixes it with an apostrophe. To keep the
 * round trip exact, a value that already starts with apostrophes followed by one of those
 * characters gets one more, and the import removes exactly one.
 */
import Papa from "papaparse";

const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function unneutralise(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  const v = neutralise(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const CSV_BOM = "\uFEFF";

/**
 * RFC 4180 text: CRLF between records and after the last one. The UTF-8 byte order mark makes
 * Excel read accents correctly; every reader Recert knows skips it.
 */
export function serializeCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(csvField).join(",")).join("\r\n");
  return `${opts.bom === false ? "" : CSV_BOM}${body}${rows.length ? "\r\n" : ""}`;
}

export type CsvRecord = { line: number; cells: string[] };
export type CsvParseProblem = { line: number; message: string };
export type ParsedCsv = {
  /** The first non-empty record (cells as written). */
  header: string[] | null;
  headerLine: number;
  records: CsvRecord[];
  /** Records papaparse could not read (an unclosed quote); they are not in `records`. */
  problems: CsvParseProblem[];
  delimiter: string;
};

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * The delimiter, from the header row only: cells below may hold any number of semicolons or
 * tabs (notes), but column names do not. Comma unless the header has more semicolons or tabs.
 */
export function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates: [string, number][] = [
    [",", count(",")],
    [";", count(";")],
    ["\t", count("\t")],
  ];
  let best: [string, number] = [",", 0];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  return best[0];
}

/**
 * Parses CSV text with papaparse, record by record, keeping the physical line on which each
 * record starts (a quoted cell may span lines). Blank lines are skipped. Comma, semicolon
 * (European Excel) and tab are recognised as delimiters (see guessDelimiter). Cells are un-neutralised.
 */
export function parseCsv(text: string): ParsedCsv {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvParseProblem[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  let start = 0;
  let line = 1;
  const delimiterGuess = guessDelimiter(input);
  Papa.parse<string[]>(input, {
    delimiter: delimiterGuess,
    skipEmptyLines: false,
    step: (result) => {
      const end = typeof result.meta.cursor === "number" ? result.meta.cursor : input.length;
      const recordLine = line;
      const quoteError = result.errors.find((e) => e.type === "Quotes");
      const cells = result.data;
      const blank = cells.length === 1 && (cells[0] ?? "").trim() === "";
      if (quoteError) {
        problems.push({ line: recordLine, message: "A quoted cell is never closed: a double quote (\") is missing." });
      } else if (!blank) {
        if (header === null) {
          header = cells;
          headerLine = recordLine;
        } else {
          records.push({ line: recordLine, cells: cells.map(unneutralise) });
        }
      }
      line = recordLine + countLineBreaks(input, start, end);
      start = end;
    },
  });
  return { header, headerLine, records, problems, delimiter: delimiterGuess };
}

export type DecodedText = { ok: true; text: string; encoding: "utf-8" | "windows-1252" } | { ok: false; message: string };

/**
 * Text of an uploaded CSV file. UTF-8 (with or without BOM) is expected; a file that is not
 * valid UTF-8 is read as Windows-1252 (what older Excel saves as "CSV"). Binary files are refused.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    return {
      ok: false,
      message: utf16
        ? "This file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8 (comma delimited)” and choose it again."
        : "This is not a CSV text file (it looks like a spreadsheet or another binary file). In your spreadsheet choose Save As → CSV UTF-8.",
    };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, message: "This is an Excel workbook (.xlsx), not a CSV file. In Excel choose Save As → CSV UTF-8 (comma delimited)." };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { ok: true, text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}
