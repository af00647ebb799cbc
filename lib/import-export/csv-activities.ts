/**
 * Activities as CSV rows (pure; the import page runs it in the browser for the preview and the
 * server runs it again on every row it imports). The columns are the same for export, import
 * and the template, so an export imports back unchanged. Column guide: docs/csv.md.
 *
 * A row is validated by lib/activities `validateActivity`, the one validation of an activity
 * draft; this module only adds what is specific to a CSV file: the columns, cells that do not
 * apply to the row's type, type names, and designations named by their code.
 */
import { type ActivityDraft, activityTypeOn, validateActivity } from "@/lib/activities/input";
import { getPack, listPacks, type RulePack } from "@/lib/rules";
import type { CsvRecord } from "./csv";

export { IMPORT_BATCH_BYTES, IMPORT_BATCH_ROWS, MAX_CSV_BYTES, MAX_CSV_ROWS } from "./limits";

export type CsvColumn = {
  /** Header name in the file. */
  name: string;
  /** Key of the draft validateActivity reads ("startDate", "details.pages" …). */
  key: string;
  required: boolean;
  help: string;
  example: string;
};

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

const CORE_BEFORE: CsvColumn[] = [
  { name: "issuer", key: "packId", required: false, help: "Issuer scheme: ascm (the default when empty), pmi or isc2.", example: "ascm" },
  { name: "type", key: "typeId", required: true, help: "Activity type id (see the list of types), or its name as Recert shows it.", example: "online_event" },
  { name: "title", key: "title", required: true, help: "What you did, up to 200 characters.", example: "S&OP webinar" },
  { name: "provider", key: "provider", required: false, help: "Who ran or published it.", example: "ASCM" },
  { name: "start_date", key: "startDate", required: true, help: "Date it took place (or started), YYYY-MM-DD.", example: "2024-03-12" },
  { name: "end_date", key: "endDate", required: false, help: "Last day, YYYY-MM-DD, for activities that span days. Empty otherwise.", example: "" },
  { name: "quantity", key: "quantity", required: false, help: "Hours, days, articles or mentees, as the type's unit says. Empty for types that earn fixed points.", example: "1.5" },
];

const CORE_AFTER: CsvColumn[] = [
  { name: "manual_points", key: "manualPoints", required: false, help: "Points you set by hand instead of the computed ones (needs manual_reason).", example: "" },
  { name: "manual_reason", key: "manualReason", required: false, help: "Why the points were set by hand.", example: "" },
  { name: "notes", key: "notes", required: false, help: "Anything else, up to 5,000 characters; line breaks are kept.", example: "" },
  {
    name: "not_counted_for",
    key: "excludedCertificationIds",
    required: false,
    help: "Designations this activity must not count for, by code, separated by semicolons (e.g. CSCP; CLTD). You must hold them.",
    example: "",
  },
];

const DETAIL_HELP: Record<string, string> = {
  eventName: "ASCM conference: the conference's name (days of one conference are capped at 3).",
  creditHours: "College course: credit hours.",
  weeks: "College course: number of weeks.",
  credentialCode: "ASCM exam passed: CPIM, CSCP, CLTD or CTSC.",
  module: "Legacy CPIM module exam: BSCM, DSP, ECO, MPR or SMR.",
  system: "Learning system completed: CPIM, CSCP, CLTD or CTSC.",
  score: "Learning system or exam simulator: your score.",
  endorsement: "Endorsement exam: SCOR-P or other.",
  topic: "Teaching: the topic (the same topic counts once a calendar year).",
  role: "Volunteer service: your role.",
  membershipYear: "Membership: the year it covers.",
  organization: "Related membership: the organisation.",
  pages: "Book: number of pages.",
  projectName: "Project-management work: the project.",
  categoryId: "PMI or ISC2: the category (PMI ways_of_working, power_skills, business_acumen; ISC2 group_a, group_b).",
};

/** Every detail key any pack's activity types read, in a stable order (first appearance). */
function detailKeys(): string[] {
  const keys: string[] = [];
  for (const info of listPacks()) {
    const pack = getPack(info.id);
    for (const v of pack?.versions ?? []) {
      for (const t of v.activityTypes) {
        for (const f of t.fields) if (f.key !== "quantity" && !keys.includes(f.key)) keys.push(f.key);
      }
    }
  }
  return keys;
}

function detailColumn(key: string): CsvColumn {
  return { name: snake(key), key: `details.${key}`, required: false, help: DETAIL_HELP[key] ?? `Detail “${key}” of some activity types.`, example: "" };
}

/** The columns, in file order. */
export const CSV_COLUMNS: readonly CsvColumn[] = [...CORE_BEFORE, ...detailKeys().map(detailColumn), ...CORE_AFTER];
export const CSV_HEADER: readonly string[] = CSV_COLUMNS.map((c) => c.name);
const COLUMN_BY_NAME = new Map(CSV_COLUMNS.map((c) => [c.name, c]));
const COLUMN_BY_KEY = new Map(CSV_COLUMNS.map((c) => [c.key, c]));

/** "Start date", "startDate", "start-date", "details.eventName" → "start_date", "event_name". */
export function normaliseHeaderName(raw: string): string {
  const s = snake(raw.trim())
    .replace(/[\s\-.]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .replace(/^details_/, "")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  const aliases: Record<string, string> = { pack_id: "issuer", pack: "issuer", type_id: "type", date: "start_date", excluded_certification_ids: "not_counted_for" };
  return aliases[s] ?? s;
}

export type HeaderMap = {
  /** For each cell index of a record, the column it holds (null: ignored). */
  columns: (CsvColumn | null)[];
  /** Unknown columns, ignored. */
  ignored: string[];
};

export type HeaderCheck = ({ ok: true } & HeaderMap) | { ok: false; message: string };

export function mapHeader(header: readonly string[] | null): HeaderCheck {
  if (!header) return { ok: false, message: "The file has no rows. The first row must name the columns; download the template to see them." };
  const columns: (CsvColumn | null)[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    const col = COLUMN_BY_NAME.get(normaliseHeaderName(cell)) ?? null;
    if (col) {
      if (seen.has(col.name)) return { ok: false, message: `The column “${col.name}” appears twice in the header row. Keep one.` };
      seen.add(col.name);
    } else if (cell.trim()) {
      ignored.push(cell.trim());
    }
    columns.push(col);
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length) {
    const what = missing.map((m) => `“${m}”`).join(", ");
    const known = seen.size === 0 ? " The first row must name the columns; download the template to see them." : "";
    return { ok: false, message: `The header row has no ${what} column${missing.length > 1 ? "s" : ""}.${known}` };
  }
  return { ok: true, columns, ignored };
}

/** A holder's certification, as a row's not_counted_for codes name it. */
export type CertRef = { id: string; packId: string; credentialCode: string };

export type RowError = { column: string; message: string };
export type RowCheck =
  | { ok: true; line: number; cells: Record<string, string>; value: ActivityDraft; points: number; typeLabel: string; canonical: string }
  | { ok: false; line: number; errors: RowError[] };

function typeDefs(pack: RulePack, typeId: string) {
  return pack.versions.flatMap((v) => v.activityTypes.filter((t) => t.id === typeId));
}

/** A type cell to a type id: the id itself, or a type's name (any letter case). */
function resolveType(pack: RulePack, cell: string): string | null {
  const t = cell.trim();
  const all = pack.versions.flatMap((v) => v.activityTypes);
  if (all.some((x) => x.id === t)) return t;
  const lower = t.toLowerCase();
  return all.find((x) => x.id === lower || x.label.toLowerCase() === lower)?.id ?? null;
}

const CODE_SPLIT = /[;,]/;
const DECIMAL_COMMA = /^-?\d+,\d+$/;

/** The cells of a record by column name (columns missing from the file are empty). */
export function cellsByColumn(record: CsvRecord, header: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  header.columns.forEach((col, i) => {
    if (col) out[col.name] = record.cells[i] ?? "";
  });
  return out;
}

/** Checks one record's cell count, then its cells. */
export function checkRecord(record: CsvRecord, header: HeaderMap, certs: readonly CertRef[]): RowCheck {
  if (record.cells.length !== header.columns.length) {
    return {
      ok: false,
      line: record.line,
      errors: [
        {
          column: "(row)",
          message: `This row has ${record.cells.length} cell${record.cells.length === 1 ? "" : "s"} but the header has ${header.columns.length}. Check for a missing or extra comma, or a quote that is not closed.`,
        },
      ],
    };
  }
  return checkCells(cellsByColumn(record, header), record.line, certs);
}

/**
 * Validates one row given by column name. The server calls this again for every row it imports,
 * so a tampered preview cannot slip anything past validateActivity.
 */
export function checkCells(cells: Record<string, string>, line: number, certs: readonly CertRef[]): RowCheck {
  const errors: RowError[] = [];
  const add = (column: string, message: string) => {
    if (!errors.some((e) => e.column === column)) errors.push({ column, message });
  };
  const get = (name: string) => cells[name] ?? "";
  const raw: Record<string, unknown> = {};
  for (const col of CSV_COLUMNS) if (col.key !== "excludedCertificationIds" && col.key !== "typeId") raw[col.key] = get(col.name);

  const packId = (get("issuer").trim() || "ascm").toLowerCase();
  const pack = getPack(packId);
  if (!pack) add("issuer", `Unknown issuer “${get("issuer").trim()}”. Use ascm, pmi or isc2, or leave it empty for ASCM.`);
  raw.packId = packId;

  const typeCell = get("type").trim();
  let typeId = typeCell;
  let typeLabel = typeCell;
  if (pack && typeCell) {
    const resolved = resolveType(pack, typeCell);
    if (!resolved) {
      const example = pack.versions.at(-1)?.activityTypes[0]?.id ?? "";
      add("type", `Unknown ${pack.issuer} activity type “${typeCell}”. Use a type id from the column guide${example ? `, e.g. ${example}` : ""}.`);
    } else {
      typeId = resolved;
      const defs = typeDefs(pack, typeId);
      const dated = activityTypeOn(packId, typeId, get("end_date").trim() || get("start_date").trim());
      typeLabel = (dated ?? defs[0])?.label ?? typeId;
      // A value in a column this type does not read would be silently lost: say so instead.
      const used = new Set(defs.flatMap((d) => d.fields.map((f) => f.key)));
      const numeric = new Set(["quantity", ...defs.flatMap((d) => d.fields.filter((f) => f.kind === "number" || f.kind === "integer").map((f) => f.key))]);
      for (const key of numeric) {
        const name = key === "quantity" ? "quantity" : snake(key);
        if (DECIMAL_COMMA.test(get(name).trim())) add(name, `Use a dot for decimals: ${get(name).trim().replace(",", ".")}, not ${get(name).trim()}.`);
      }
      for (const col of CSV_COLUMNS) {
        const key = col.key === "quantity" ? "quantity" : col.key.startsWith("details.") ? col.key.slice(8) : null;
        if (key && get(col.name).trim() !== "" && !used.has(key)) {
          add(col.name, key === "quantity" ? `${typeLabel} earns fixed points: leave quantity empty.` : `“${col.name}” does not apply to ${typeLabel}: leave it empty.`);
        }
      }
    }
  }
  raw.typeId = typeId;

  const ownCerts = certs.filter((c) => c.packId === packId);
  const excluded: string[] = [];
  for (const code of get("not_counted_for").split(CODE_SPLIT).map((c) => c.trim()).filter(Boolean)) {
    const cert = ownCerts.find((c) => c.credentialCode.toLowerCase() === code.toLowerCase());
    if (!cert) {
      add("not_counted_for", `You have no ${code} certification${pack ? ` (${pack.issuer})` : ""} to leave this activity out of. Add it on the Certifications page, or clear this cell.`);
    } else if (!excluded.includes(cert.id)) {
      excluded.push(cert.id);
    }
  }
  raw.excludedCertificationIds = excluded;

  if (DECIMAL_COMMA.test(get("manual_points").trim())) add("manual_points", `Use a dot for decimals: ${get("manual_points").trim().replace(",", ".")}, not ${get("manual_points").trim()}.`);
  const result = validateActivity(raw, { certificationIds: certs.map((c) => c.id) });
  if (!result.ok) {
    for (const [key, message] of Object.entries(result.fieldErrors)) add(COLUMN_BY_KEY.get(key)?.name ?? columnFor(key), message);
  }
  if (errors.length > 0 || !result.ok) return { ok: false, line, errors: orderErrors(errors) };
  return { ok: true, line, cells, value: result.value, points: result.score.points, typeLabel, canonical: canonicalActivity(result.value) };
}

function columnFor(key: string): string {
  if (key.startsWith("details.")) return snake(key.slice(8));
  return key === "details" ? "(row)" : snake(key);
}

const ORDER = new Map(CSV_COLUMNS.map((c, i) => [c.name, i]));
function orderErrors(errors: RowError[]): RowError[] {
  return [...errors].sort((a, b) => (ORDER.get(a.column) ?? -1) - (ORDER.get(b.column) ?? -1));
}

/** The normalised content of an activity: what the import key is made of. */
export function canonicalActivity(v: ActivityDraft): string {
  const details = Object.keys(v.details)
    .sort()
    .map((k) => [k, v.details[k]]);
  return JSON.stringify([
    v.packId,
    v.typeId,
    v.title,
    v.provider,
    v.startDate,
    v.endDate,
    v.quantity,
    details,
    v.manualPoints,
    v.manualReason,
    v.notes,
    [...v.excludedCertificationIds].sort(),
  ]);
}

/**
 * For each valid row, how many identical rows came before it in the file: two identical
 * webinars on one day are two activities, and importing the file again still adds nothing.
 */
export function occurrences(canonicals: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return canonicals.map((c) => {
    const n = seen.get(c) ?? 0;
    seen.set(c, n + 1);
    return n;
  });
}

/** What the import key hashes: a version tag, the holder, the row content and its occurrence. */
export function importKeyMaterial(userId: string, canonical: string, occurrence: number): string {
  return `recert-csv-v1\n${userId}\n${canonical}\n${occurrence}`;
}

function numberCell(n: number | null): string {
  return n === null ? "" : String(n);
}

function detailCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number" || typeof v === "string") return String(v);
  return JSON.stringify(v);
}

export type ExportableActivity = Omit<ActivityDraft, "excludedCertificationIds"> & { excludedCertificationIds: readonly string[] };

/** One activity as a record in CSV_COLUMNS order. */
export function activityToRecord(a: ExportableActivity, certs: readonly CertRef[]): string[] {
  const codes = a.excludedCertificationIds
    .map((id) => certs.find((c) => c.id === id)?.credentialCode)
    .filter((c): c is string => Boolean(c))
    .sort();
  return CSV_COLUMNS.map((col) => {
    switch (col.key) {
      case "packId":
        return a.packId;
      case "typeId":
        return a.typeId;
      case "title":
        return a.title;
      case "provider":
        return a.provider ?? "";
      case "startDate":
        return a.startDate;
      case "endDate":
        return a.endDate ?? "";
      case "quantity":
        return numberCell(a.quantity);
      case "manualPoints":
        return numberCell(a.manualPoints);
      case "manualReason":
        return a.manualReason ?? "";
      case "notes":
        return a.notes ?? "";
      case "excludedCertificationIds":
        return codes.join("; ");
      default:
        return col.key.startsWith("details.") ? detailCell(a.details[col.key.slice(8)]) : "";
    }
  });
}

/** The downloadable template: the header and two example rows that import as they are. */
export function templateRecords(): string[][] {
  const rows: Record<string, string>[] = [
    { issuer: "ascm", type: "online_event", title: "Demand planning webinar", provider: "ASCM", start_date: "2024-03-12", quantity: "1.5" },
    {
      issuer: "ascm",
      type: "ascm_conference",
      title: "ASCM Connect",
      provider: "ASCM",
      start_date: "2024-09-16",
      end_date: "2024-09-18",
      quantity: "3",
      event_name: "ASCM Connect 2024",
      notes: "Sessions on S&OP, inventory and network design",
    },
  ];
  return [[...CSV_HEADER], ...rows.map((r) => CSV_HEADER.map((h) => r[h] ?? ""))];
}
