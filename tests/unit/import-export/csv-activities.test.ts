import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, serializeCsv } from "@/lib/import-export/csv";
import {
  activityToRecord,
  type CertRef,
  checkCells,
  checkRecord,
  CSV_COLUMNS,
  CSV_HEADER,
  mapHeader,
  normaliseHeaderName,
  occurrences,
  templateRecords,
} from "@/lib/import-export/csv-activities";

const CSCP: CertRef = { id: "6f1c2b1e-9a55-4c1e-8a57-1f0a3c2b4d5e", packId: "ascm", credentialCode: "CSCP" };
const CPIM: CertRef = { id: "0b7e3a52-3c1d-4f7e-9d7a-2e6b8c9d0a1f", packId: "ascm", credentialCode: "CPIM" };
const CERTS = [CSCP, CPIM];

const base = { type: "online_event", title: "Webinar", start_date: "2024-03-12", quantity: "1" };

type Case = [label: string, cells: Record<string, string>, column: string, message: RegExp];

/** Each row differs from a valid webinar in one way and must be refused on the right column with the right words. */
const malformed: Case[] = [
  ["no type", { type: "" }, "type", /Choose the kind of activity/],
  ["an unknown type", { type: "webinars" }, "type", /Unknown ASCM activity type “webinars”.*e\.g\./],
  ["an ASCM type under PMI", { issuer: "pmi" }, "type", /Unknown PMI activity type “online_event”/],
  ["an unknown issuer", { issuer: "apics" }, "issuer", /Unknown issuer “apics”\. Use ascm, pmi or isc2/],
  ["no title", { title: "" }, "title", /Give the activity a title/],
  ["a title of blanks", { title: "   " }, "title", /Give the activity a title/],
  ["a title over 200 characters", { title: "t".repeat(201) }, "title", /200 characters or fewer/],
  ["a provider over 200 characters", { provider: "p".repeat(201) }, "provider", /provider to 200 characters/],
  ["notes over 5,000 characters", { notes: "n".repeat(5001) }, "notes", /notes to 5000 characters/],
  ["no start date", { start_date: "" }, "start_date", /Enter the date of the activity/],
  ["a US date", { start_date: "03/12/2024" }, "start_date", /YYYY-MM-DD/],
  ["a date without leading zeros", { start_date: "2024-3-12" }, "start_date", /YYYY-MM-DD/],
  ["30 February", { start_date: "2024-02-30" }, "start_date", /real date/],
  ["month 13", { start_date: "2024-13-01" }, "start_date", /real date/],
  ["a year out of range", { start_date: "1800-01-01" }, "start_date", /real date/],
  ["an end date that is not a date", { end_date: "soon" }, "end_date", /YYYY-MM-DD, or leave it empty/],
  ["an end before the start", { end_date: "2024-03-01" }, "end_date", /cannot be before the start date/],
  ["quantity that is not a number", { quantity: "abc" }, "quantity", /Enter a number/],
  ["a decimal comma", { quantity: "1,5" }, "quantity", /Use a dot for decimals: 1\.5, not 1,5/],
  ["hours missing", { quantity: "" }, "quantity", /Enter the hours/],
  ["hours off the half-hour step", { quantity: "1.25" }, "quantity", /steps of 0\.5; you entered 1\.25/],
  ["negative hours", { quantity: "-2" }, "quantity", /more than 0; you entered -2/],
  ["too many hours", { quantity: "9999" }, "quantity", /at most 500 .*9999/],
  ["a quantity for a fixed-points type", { type: "publication", quantity: "1" }, "quantity", /earns fixed points: leave quantity empty/],
  ["a detail the type does not use", { pages: "250" }, "pages", /“pages” does not apply to Webinar or webcast/],
  ["a topic on a webinar", { topic: "S&OP" }, "topic", /“topic” does not apply/],
  ["a book without pages", { type: "book", quantity: "" }, "pages", /Pages is required/],
  ["a short book", { type: "book", quantity: "", pages: "100" }, "pages", /only from 200 pages/],
  ["pages in words", { type: "book", quantity: "", pages: "many" }, "pages", /Pages: enter a number/],
  ["half a page", { type: "book", quantity: "", pages: "250.5" }, "pages", /Pages: enter a whole number/],
  ["a book read before 2018", { type: "book", quantity: "", pages: "300", start_date: "2016-05-01" }, "start_date", /counts only from 2018-01-04/],
  ["an exam without its credential", { type: "ascm_exam", quantity: "" }, "credential_code", /Exam is required/],
  ["an exam for an unknown credential", { type: "ascm_exam", quantity: "", credential_code: "XYZ" }, "credential_code", /must be one of CPIM, CSCP, CLTD, CTSC/],
  ["a conference without its name", { type: "ascm_conference", quantity: "2" }, "event_name", /Conference name is required/],
  ["half a conference day", { type: "ascm_conference", quantity: "1.5", event_name: "Connect" }, "quantity", /whole number; you entered 1\.5/],
  ["20 conference days", { type: "ascm_conference", quantity: "20", event_name: "Connect" }, "quantity", /at most 14/],
  ["a course without credit hours", { type: "college_course", quantity: "", weeks: "10" }, "credit_hours", /Credit hours is required/],
  ["a quarter credit hour", { type: "college_course", quantity: "", weeks: "10", credit_hours: "0.25" }, "credit_hours", /at least 0\.5/],
  ["weeks with decimals", { type: "college_course", quantity: "", weeks: "1.5", credit_hours: "3" }, "weeks", /Weeks: enter a whole number/],
  ["a learning-system score in words", { type: "learning_system", quantity: "", system: "CPIM", score: "high" }, "score", /enter a number/],
  ["a score over 100", { type: "learning_system", quantity: "", system: "CPIM", score: "150" }, "score", /at most 100/],
  ["an unknown endorsement", { type: "endorsement_exam", quantity: "", endorsement: "XYZ" }, "endorsement", /must be one of SCOR-P, other/],
  ["an unknown CPIM module", { type: "cpim_module_exam", quantity: "", module: "ABC" }, "module", /must be one of BSCM, DSP, ECO, MPR, SMR/],
  ["a related membership without organisation", { type: "related_membership", quantity: "" }, "organization", /Organisation is required/],
  ["a membership year with decimals", { type: "related_membership", quantity: "", organization: "CSCMP", membership_year: "2023.5" }, "membership_year", /whole number/],
  ["a membership year before ASCM existed", { type: "ascm_membership", quantity: "", membership_year: "1900" }, "membership_year", /at least 1957/],
  ["half a mentee", { type: "mentor", quantity: "1.5" }, "quantity", /Mentees must be a whole number/],
  ["zero articles", { type: "article_read", quantity: "0" }, "quantity", /more than 0/],
  ["a volunteer role over 200 characters", { type: "volunteer_service", quantity: "", role: "r".repeat(201) }, "role", /200 characters or fewer/],
  ["PMI without its talent area", { issuer: "pmi", type: "course_training" }, "category_id", /Pick the talent area/],
  ["PMI with an unknown talent area", { issuer: "pmi", type: "course_training", category_id: "bogus" }, "category_id", /"bogus" is not a talent area/],
  ["manual points in words", { manual_points: "ten", manual_reason: "x" }, "manual_points", /Enter the points as a number/],
  ["manual points with a decimal comma", { manual_points: "2,5", manual_reason: "x" }, "manual_points", /Use a dot for decimals: 2\.5/],
  ["manual points without a reason", { manual_points: "5" }, "manual_reason", /Say why you set the points by hand/],
  ["a reason without manual points", { manual_reason: "because" }, "manual_points", /Enter the points this reason is for/],
  ["negative manual points", { manual_points: "-1", manual_reason: "x" }, "manual_points", /cannot be negative/],
  ["too many manual points", { manual_points: "2000", manual_reason: "x" }, "manual_points", /at most 1000/],
  ["manual points with three decimals", { manual_points: "1.234", manual_reason: "x" }, "manual_points", /two decimals/],
  ["a designation the holder does not have", { not_counted_for: "CLTD" }, "not_counted_for", /You have no CLTD certification \(ASCM\)/],
  ["a designation of another issuer", { issuer: "pmi", type: "course_training", category_id: "power_skills", not_counted_for: "CSCP" }, "not_counted_for", /You have no CSCP certification \(PMI\)/],
];

describe("malformed CSV rows: each refused on its column with its reason", () => {
  it("has at least 40 malformed rows", () => expect(malformed.length).toBeGreaterThanOrEqual(40));
  it.each(malformed)("%s", (_label, cells, column, message) => {
    const r = checkCells({ ...base, ...cells }, 7, CERTS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(7);
    const err = r.errors.find((e) => e.column === column);
    expect(err, JSON.stringify(r.errors)).toBeDefined();
    expect(err?.message).toMatch(message);
  });
});

describe("rows that are fine", () => {
  it.each([
    ["a webinar", {}, 1],
    ["the type by its name", { type: "Webinar or webcast" }, 1],
    ["the type by its name in capitals", { type: "WEBINAR OR WEBCAST" }, 1],
    ["a book", { type: "book", quantity: "", pages: "320" }, 5],
    ["a conference", { type: "ascm_conference", quantity: "3", event_name: "Connect" }, 24],
    ["an issuer in capitals", { issuer: "ASCM" }, 1],
    ["an excluded designation by code, any case", { not_counted_for: "cscp; CPIM" }, 1],
    ["manual points with a reason", { manual_points: "2.5", manual_reason: "Agreed with ASCM" }, 2.5],
  ])("%s", (_label, cells, points) => {
    const r = checkCells({ ...base, ...cells }, 2, CERTS);
    expect(r.ok ? r.points : r.errors).toBe(points);
  });

  it("maps excluded designation codes to the holder's certification ids", () => {
    const r = checkCells({ ...base, not_counted_for: "CPIM;CSCP" }, 2, CERTS);
    expect(r.ok && [...r.value.excludedCertificationIds].sort()).toEqual([CPIM.id, CSCP.id].sort());
  });
});

describe("records and headers", () => {
  const header = mapHeader(CSV_HEADER);
  if (!header.ok) throw new Error("header");

  it("refuses a record with too few or too many cells, naming the counts", () => {
    const short = checkRecord({ line: 4, cells: ["ascm", "online_event"] }, header, []);
    expect(short).toMatchObject({ ok: false, line: 4, errors: [{ column: "(row)", message: expect.stringMatching(/has 2 cells but the header has \d+/) }] });
    const long = checkRecord({ line: 5, cells: [...CSV_HEADER.map(() => ""), "extra"] }, header, []);
    expect(long).toMatchObject({ ok: false, errors: [{ column: "(row)" }] });
  });

  it.each([
    ["no header at all", null, /no rows/],
    ["a header without type", ["title", "start_date"], /no “type” column/],
    ["a header of data instead of names", ["2024-01-01", "Webinar", "1"], /no “type”, “title”, “start_date” columns\. The first row must name the columns/],
    ["the same column twice", ["type", "title", "start_date", "Title"], /“title” appears twice/],
  ])("refuses %s", (_l, h, message) => {
    const r = mapHeader(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("accepts headers in other spellings and ignores unknown columns", () => {
    const r = mapHeader(["Type", "Title", "Start date", "details.eventName", "My own column", "notes"]);
    expect(r.ok && r.columns.map((c) => c?.name ?? null)).toEqual(["type", "title", "start_date", "event_name", null, "notes"]);
    expect(r.ok && r.ignored).toEqual(["My own column"]);
    expect(normaliseHeaderName("startDate")).toBe("start_date");
    expect(normaliseHeaderName(" Not counted for ")).toBe("not_counted_for");
  });
});

describe("occurrences", () => {
  it("numbers identical rows so both are imported, and a second import matches them again", () => {
    expect(occurrences(["a", "b", "a", "a", "b"])).toEqual([0, 0, 1, 2, 1]);
  });
});

function importText(text: string, certs: CertRef[]) {
  const parsed = parseCsv(text);
  const header = mapHeader(parsed.header);
  if (!header.ok) throw new Error(header.message);
  return parsed.records.map((r) => checkRecord(r, header, certs));
}

describe("round trip: export → import → export is identical", () => {
  const activities = [
    { packId: "ascm", typeId: "online_event", title: "=HYPERLINK(\"http://evil\")", provider: "-ASCM", startDate: "2024-01-05", endDate: null, quantity: 1.5, details: {}, manualPoints: null, manualReason: null, notes: "line one\nline two, with a comma and \"quotes\"", excludedCertificationIds: [CSCP.id] },
    { packId: "ascm", typeId: "book", title: "The Goal", provider: null, startDate: "2024-02-01", endDate: "2024-02-20", quantity: null, details: { pages: 384 }, manualPoints: null, manualReason: null, notes: null, excludedCertificationIds: [] },
    { packId: "ascm", typeId: "ascm_conference", title: "Connect; day 1–3", provider: "ASCM", startDate: "2024-09-16", endDate: "2024-09-18", quantity: 3, details: { eventName: "@Connect 2024" }, manualPoints: 20, manualReason: "+4 agreed", notes: "'=already quoted", excludedCertificationIds: [CPIM.id, CSCP.id] },
    { packId: "ascm", typeId: "college_course", title: "Operations — Müller Universität", provider: "Uni", startDate: "2023-09-01", endDate: "2023-12-15", quantity: null, details: { creditHours: 3, weeks: 15 }, manualPoints: null, manualReason: null, notes: null, excludedCertificationIds: [] },
    { packId: "pmi", typeId: "course_training", title: "Agile", provider: "PMI", startDate: "2024-04-04", endDate: null, quantity: 7.5, details: { categoryId: "ways_of_working" }, manualPoints: null, manualReason: null, notes: null, excludedCertificationIds: [] },
  ];

  it("gives back the same activities and the same bytes", () => {
    const first = serializeCsv([[...CSV_HEADER], ...activities.map((a) => activityToRecord(a, CERTS))]);
    expect(first).toContain("'=HYPERLINK");
    expect(first).toContain("'-ASCM");
    expect(first).toContain("'@Connect 2024");
    expect(first).toContain("''=already quoted");
    const checked = importText(first, CERTS);
    const values = checked.map((c) => (c.ok ? c.value : c.errors));
    expect(values).toEqual(activities.map((a) => ({ ...a, excludedCertificationIds: expect.arrayContaining(a.excludedCertificationIds) })));
    const second = serializeCsv([[...CSV_HEADER], ...checked.map((c) => (c.ok ? activityToRecord(c.value, CERTS) : []))]);
    expect(second).toBe(first);
  });

  it("template rows import as they are", () => {
    const results = importText(serializeCsv(templateRecords()), []);
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe("docs/csv.md", () => {
  it("documents every column", () => {
    const doc = fs.readFileSync(path.join(process.cwd(), "docs", "csv.md"), "utf8");
    for (const c of CSV_COLUMNS) expect(doc, c.name).toContain(`\`${c.name}\``);
  });
});
