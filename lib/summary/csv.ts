/**
 * CSV as RFC 4180 says: CRLF between records, a field with a comma, a double quote, CR or LF in
 * double quotes, double quotes doubled. Cells that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a CR) get a leading apostrophe (OWASP "CSV injection"), so a title
 * like "=HYPERLINK(...)" shows as text. The file starts with a UTF-8 byte-order mark so Excel
 * reads accented names correctly; RFC 4180 parsers that strip it (papaparse) are unaffected.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Neutralises a text cell a spreadsheet would evaluate. Numbers are written by us and never start with a sign. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutralise(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const BOM = "\uFEFF";

/** One CSV document: a header row then the records, CRLF-terminated, with a BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}
