/**
 * The ONE validation of an activity draft: the web form, the CSV import, the JSON import and the
 * API all call `validateActivity`, so a draft is accepted or refused the same way everywhere and
 * every refusal names the field it is about.
 *
 * Pure: no database, no Next, no clock. Strings from forms and CSV cells are coerced (numbers,
 * booleans); type-specific rules (quantity steps, pages of a book, the exam taken …) come from
 * lib/rules `scoreActivity`, whose errors are mapped to the same field keys the form uses:
 * `quantity`, `details.<key>`, `startDate` …
 */
import type { ActivityFields } from "@/db/queries/activities";
import { getPack, scoreActivity, type ActivityInput, type ActivityScore, type FieldSpec, type RulePack } from "@/lib/rules";
import { isIsoDate } from "@/lib/dates";

export type { ActivityFields } from "@/db/queries/activities";

export type ActivityDraft = ActivityFields & { excludedCertificationIds: string[] };
export type OkScore = Extract<ActivityScore, { ok: true }>;
export type ValidatedActivity = { ok: true; value: ActivityDraft; score: OkScore } | { ok: false; fieldErrors: Record<string, string> };

export const LIMITS = {
  title: 200,
  provider: 200,
  notes: 5000,
  manualReason: 500,
  manualPointsMax: 1000,
  detailText: 200,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The version of `pack` in force on `date` (the latest when the date is unknown). */
function versionOn(pack: RulePack, date: string | null) {
  const versions = pack.versions;
  if (date) {
    for (let i = versions.length - 1; i >= 0; i--) {
      const v = versions[i];
      if (v && date >= v.effectiveFrom) return v;
    }
    return versions[0] ?? null;
  }
  return versions[versions.length - 1] ?? null;
}

/** The activity type as the form should show it on `date` (the version in force then), or null. */
export function activityTypeOn(packId: string, typeId: string, date?: string | null) {
  const pack = getPack(packId);
  if (!pack) return null;
  const onDate = versionOn(pack, date && isIsoDate(date) ? date : null)?.activityTypes.find((t) => t.id === typeId);
  if (onDate) return onDate;
  // A type that only exists in another version (e.g. a book before 2018): still show its fields.
  for (let i = pack.versions.length - 1; i >= 0; i--) {
    const t = pack.versions[i]?.activityTypes.find((x) => x.id === typeId);
    if (t) return t;
  }
  return null;
}

/** The inputs of an activity type's form, from the pack (quantity, details …), or [] for an unknown type. */
export function activityFormFields(packId: string, typeId: string, date?: string | null): FieldSpec[] {
  return activityTypeOn(packId, typeId, date)?.fields ?? [];
}

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** A trimmed string, or null when absent or empty. `false` when the value is not text at all. */
function text(v: unknown): string | null | false {
  if (v === undefined || v === null) return null;
  const s = str(v);
  if (s === null) return false;
  const t = s.trim();
  return t === "" ? null : t;
}

/** A finite number from a number or a numeric string; null when empty, false when not a number. */
export function coerceNumber(v: unknown): number | null | false {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : false;
  if (typeof v !== "string") return false;
  const t = v.trim();
  if (t === "") return null;
  if (!NUMBER.test(t)) return false;
  const n = Number(t);
  return Number.isFinite(n) ? n : false;
}

/** true/false from a boolean, a checkbox ("on") or words; null when empty, "bad" otherwise. */
export function coerceBoolean(v: unknown): boolean | null | "bad" {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : "bad";
  if (typeof v !== "string") return "bad";
  const t = v.trim().toLowerCase();
  if (t === "") return null;
  if (["true", "on", "yes", "y", "1"].includes(t)) return true;
  if (["false", "off", "no", "n", "0"].includes(t)) return false;
  return "bad";
}

/** The type's details from `raw.details` (an object) and/or flat `details.<key>` entries (forms, CSV). */
function rawDetails(raw: Record<string, unknown>): Record<string, unknown> | false {
  const out: Record<string, unknown> = {};
  const nested = raw.details;
  if (nested !== undefined && nested !== null && nested !== "") {
    if (typeof nested !== "object" || Array.isArray(nested)) return false;
    Object.assign(out, nested as Record<string, unknown>);
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith("details.") && k.length > 8 && v !== undefined) out[k.slice(8)] = v;
  }
  return out;
}

function idList(v: unknown): string[] | false {
  if (v === undefined || v === null || v === "") return [];
  const parts = Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : null;
  if (parts === null) return false;
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p !== "string") return false;
    const t = p.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

const TOP_LEVEL_FIELDS = new Set(["packId", "typeId", "title", "provider", "startDate", "endDate", "quantity", "manualPoints", "manualReason", "notes"]);

/** Maps an engine error's field to the key the form and the API use. */
function fieldKey(field: string, detailKeys: Set<string>): string {
  if (TOP_LEVEL_FIELDS.has(field) || field.startsWith("details.")) return field;
  if (field === "date") return "startDate";
  if (field === "categoryId" || detailKeys.has(field)) return `details.${field}`;
  if (field === "manualPoints.points") return "manualPoints";
  if (field === "manualPoints.reason") return "manualReason";
  return field || "typeId";
}

/**
 * Validates and normalises one activity draft. On success the value is ready for
 * createActivity/updateActivity and `score` is what lib/rules gives it on its own (before caps).
 */
export function validateActivity(raw: Record<string, unknown>, ctx: { certificationIds?: string[] } = {}): ValidatedActivity {
  const errors: Record<string, string> = {};
  const fail = (key: string, message: string) => {
    errors[key] ??= message;
  };

  // Issuer and type
  const packText = text(raw.packId);
  const packId = packText === null ? "ascm" : packText === false ? "" : packText.toLowerCase();
  const pack = packId ? getPack(packId) : null;
  if (!pack) fail("packId", "Choose an issuer Recert knows (ASCM, PMI or ISC2).");

  const typeText = text(raw.typeId);
  const typeId = typeText || "";
  if (!typeId) fail("typeId", "Choose the kind of activity.");

  // Title, provider, notes
  const title = text(raw.title);
  if (title === null || title === false) fail("title", "Give the activity a title.");
  else if (title.length > LIMITS.title) fail("title", `Keep the title to ${LIMITS.title} characters or fewer.`);

  const provider = text(raw.provider);
  if (provider === false) fail("provider", "The provider must be text.");
  else if (provider !== null && provider.length > LIMITS.provider) fail("provider", `Keep the provider to ${LIMITS.provider} characters or fewer.`);

  const notes = text(raw.notes);
  if (notes === false) fail("notes", "Notes must be text.");
  else if (notes !== null && notes.length > LIMITS.notes) fail("notes", `Keep the notes to ${LIMITS.notes} characters or fewer.`);

  // Dates
  const startText = text(raw.startDate);
  let startDate: string | null = null;
  if (startText === null) fail("startDate", "Enter the date of the activity.");
  else if (startText === false || !isIsoDate(startText)) fail("startDate", "Enter a real date as YYYY-MM-DD.");
  else startDate = startText;

  const endText = text(raw.endDate);
  let endDate: string | null = null;
  if (endText === false || (endText !== null && !isIsoDate(endText))) fail("endDate", "Enter a real date as YYYY-MM-DD, or leave it empty.");
  else if (endText !== null) {
    if (startDate && endText < startDate) fail("endDate", "The end date cannot be before the start date.");
    else endDate = endText;
  }

  // Quantity
  const quantity = coerceNumber(raw.quantity);
  if (quantity === false) fail("quantity", "Enter a number.");

  // Type-specific details, coerced by the type's form fields
  const typeDef = pack && typeId ? activityTypeOn(packId, typeId, endDate ?? startDate) : null;
  if (pack && typeId && !typeDef) fail("typeId", `Choose one of the ${pack.issuer} activity types.`);
  const specs = typeDef?.fields ?? [];
  const detailKeys = new Set(specs.filter((f) => f.key !== "quantity").map((f) => f.key));
  const details: Record<string, unknown> = {};
  const rawDet = rawDetails(raw);
  if (rawDet === false) fail("details", "Details must be an object of named values.");
  else {
    for (const spec of specs) {
      if (spec.key === "quantity") continue;
      const key = `details.${spec.key}`;
      const v = rawDet[spec.key];
      if (spec.kind === "number" || spec.kind === "integer") {
        const n = coerceNumber(v);
        if (n === false) fail(key, `${spec.label}: enter a number.`);
        else if (n !== null) {
          if (spec.kind === "integer" && !Number.isInteger(n)) fail(key, `${spec.label}: enter a whole number.`);
          else details[spec.key] = n;
        }
      } else if (spec.kind === "boolean") {
        const b = coerceBoolean(v);
        if (b === "bad") fail(key, `${spec.label}: answer yes or no.`);
        else if (b !== null) details[spec.key] = b;
      } else {
        const t = text(v);
        if (t === false) fail(key, `${spec.label}: enter text.`);
        else if (t !== null) {
          if (spec.kind === "text" && t.length > LIMITS.detailText) fail(key, `${spec.label}: keep it to ${LIMITS.detailText} characters or fewer.`);
          else details[spec.key] = t;
        }
      }
    }
  }

  // Points set by hand
  const manualPoints = coerceNumber(raw.manualPoints);
  const manualReason = text(raw.manualReason);
  if (manualPoints === false) fail("manualPoints", "Enter the points as a number, or leave it empty.");
  else if (manualPoints !== null) {
    if (manualPoints < 0) fail("manualPoints", "Points cannot be negative.");
    else if (manualPoints > LIMITS.manualPointsMax) fail("manualPoints", `Enter at most ${LIMITS.manualPointsMax} points.`);
    else if (Math.round(manualPoints * 100) !== manualPoints * 100) fail("manualPoints", "Use at most two decimals.");
    if (manualReason === null || manualReason === false) fail("manualReason", "Say why you set the points by hand.");
  } else if (manualReason) {
    fail("manualPoints", "Enter the points this reason is for, or clear the reason.");
  }
  if (manualReason === false) fail("manualReason", "The reason must be text.");
  else if (manualReason && manualReason.length > LIMITS.manualReason) fail("manualReason", `Keep the reason to ${LIMITS.manualReason} characters or fewer.`);

  // Designations this activity must not count for
  const excluded = idList(raw.excludedCertificationIds);
  if (excluded === false) fail("excludedCertificationIds", "List certification ids separated by commas.");
  else {
    const known = ctx.certificationIds;
    const bad = excluded.find((id) => !UUID.test(id) || (known !== undefined && !known.includes(id)));
    if (bad !== undefined) fail("excludedCertificationIds", "One of the excluded certifications is not yours or does not exist.");
  }

  if (Object.keys(errors).length > 0 || !pack || !startDate || typeof title !== "string") return { ok: false, fieldErrors: errors };

  const value: ActivityDraft = {
    packId,
    typeId,
    title,
    provider: provider || null,
    startDate,
    endDate,
    quantity: typeof quantity === "number" ? quantity : null,
    details,
    manualPoints: typeof manualPoints === "number" ? manualPoints : null,
    manualReason: typeof manualPoints === "number" && manualReason ? manualReason : null,
    notes: notes || null,
    excludedCertificationIds: excluded === false ? [] : excluded,
  };

  const input: ActivityInput = {
    id: "draft",
    packId: value.packId,
    typeId: value.typeId,
    title: value.title,
    startDate: value.startDate,
    endDate: value.endDate,
    quantity: value.quantity,
    details: value.details,
    manualPoints: value.manualPoints === null ? null : { points: value.manualPoints, reason: value.manualReason ?? "" },
    excludedCertificationIds: value.excludedCertificationIds,
  };
  const score = scoreActivity(input);
  if (!score.ok) {
    for (const e of score.errors) fail(fieldKey(e.field, detailKeys), e.message);
    if (Object.keys(errors).length === 0) fail("typeId", "This activity cannot be scored.");
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, value, score };
}
