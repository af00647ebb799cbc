/**
 * Scoring one activity. `scoreInto` is the hot path evaluate calls for every activity in a
 * cycle's window: it reads the precompiled type (numbers already unwrapped), checks the input
 * with plain comparisons and writes into a reused scratch object. `scoreActivity` is the public,
 * allocation-happy wrapper for the activity form.
 */
import {
  KIND_FIXED,
  KIND_PER_UNIT,
  KIND_PRODUCT,
  KIND_TIERS,
  compiledPack,
  versionOn,
  type CompiledField,
  type CompiledPack,
  type CompiledType,
} from "./compile";
import { diffDays, isISODate, yearOf } from "./dates";
import type { ActivityInput, ActivityScore, FieldError, ISODate } from "./types";
import { asText } from "./text";

/** Formats a number of points or units: at most two decimals, no trailing zeros. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Largest manual override accepted (a typo guard, not an issuer rule). */
export const MAX_MANUAL_POINTS = 1000;
const MAX_TEXT = 300;

export interface Scratch {
  /** Points before any limit (manual points when overridden). */
  raw: number;
  /** Points after the per-event limit one activity can hit alone. */
  points: number;
  categoryId: string;
  explanation: string;
  /** Per-event cap key: the normalized event name (null when the type has no per-event cap), and its year. */
  eventKey: string | null;
  eventYear: number;
  /** Once-per key: set when `once` is true; year is 0 for a once-per-cycle rule, b is "" for a one-field key. */
  once: boolean;
  onceYear: number;
  onceA: unknown;
  onceB: unknown;
  manual: boolean;
  /** Value of the type's own-credential field (the exam's credential), or null. */
  credential: string | null;
}

export function newScratch(): Scratch {
  return {
    raw: 0,
    points: 0,
    categoryId: "",
    explanation: "",
    eventKey: null,
    eventYear: 0,
    once: false,
    onceYear: 0,
    onceA: "",
    onceB: "",
    manual: false,
    credential: null,
  };
}

function isMultiple(q: number, step: number): boolean {
  const r = q / step;
  return Math.abs(r - Math.round(r)) < 1e-9;
}

function points(t: CompiledType, n: number): string {
  return `${fmt(n)} ${n === 1 ? t.pointOne : t.pointMany}`;
}

function units(t: CompiledType, q: number): string {
  return `${fmt(q)} ${q === 1 ? t.unit : t.unitPlural}`;
}

/** Lower-cases the first letter for use mid-sentence, but leaves acronyms ("CPE group") alone. */
function lower(label: string): string {
  const second = label.charAt(1);
  return second !== "" && second === second.toUpperCase() && second !== second.toLowerCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/** Returned by checkField for a value that is not acceptable. */
const BAD = Symbol("bad");

/**
 * Checks one detail field; returns its value (the default, or null, when empty) or BAD. The
 * error message is only built when `errors` is given (the hot path calls again to get it).
 */
function checkField(f: CompiledField, v: unknown, date: ISODate, manual: boolean, errors: FieldError[] | null): unknown {
  if (!present(v)) {
    if (f.defaultsToYearOfDate) return yearOf(date);
    if (f.required && !manual) {
      errors?.push({ field: f.key, message: `${f.label} is required.` });
      return BAD;
    }
    return null;
  }
  switch (f.kind) {
    case "number":
    case "integer": {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        errors?.push({ field: f.key, message: `${f.label} must be a number.` });
        return BAD;
      }
      if (f.kind === "integer" && !Number.isInteger(v)) {
        errors?.push({ field: f.key, message: `${f.label} must be a whole number.` });
        return BAD;
      }
      if (f.min !== null && v < f.min) {
        errors?.push({
          field: f.key,
          message: f.minMessage !== null ? `${f.minMessage} You entered ${fmt(v)}.` : `${f.label} must be at least ${fmt(f.min)}.`,
        });
        return BAD;
      }
      if (f.max !== null && v > f.max) {
        errors?.push({ field: f.key, message: `${f.label} can be at most ${fmt(f.max)}.` });
        return BAD;
      }
      if (f.step !== null && !isMultiple(v, f.step)) {
        errors?.push({ field: f.key, message: `${f.label} goes in steps of ${fmt(f.step)}.` });
        return BAD;
      }
      return v;
    }
    case "select":
      if (typeof v !== "string" || f.options === null || !f.options.has(v)) {
        errors?.push({ field: f.key, message: `${f.label} must be one of ${f.optionList.join(", ")}.` });
        return BAD;
      }
      return v;
    case "boolean":
      if (typeof v !== "boolean") {
        errors?.push({ field: f.key, message: `${f.label} must be yes or no.` });
        return BAD;
      }
      return v;
    case "text":
      if (typeof v !== "string") {
        errors?.push({ field: f.key, message: `${f.label} must be text.` });
        return BAD;
      }
      if (v.trim() === "") {
        if (f.required && !manual) {
          errors?.push({ field: f.key, message: `${f.label} is required.` });
          return BAD;
        }
        return null;
      }
      if (v.length > MAX_TEXT) {
        errors?.push({ field: f.key, message: `${f.label} can be at most ${MAX_TEXT} characters.` });
        return BAD;
      }
      return v;
  }
}

const NORMALIZED = new Map<string, string>();

/** A key value as compared for caps: text trimmed, lower-cased, spaces collapsed (memoized; bounded). */
function keyPart(v: unknown): unknown {
  if (typeof v !== "string") return v;
  let n = NORMALIZED.get(v);
  if (n === undefined) {
    n = v.trim().toLowerCase().replace(/\s+/g, " ");
    if (NORMALIZED.size > 20_000) NORMALIZED.clear();
    NORMALIZED.set(v, n);
  }
  return n;
}

const EMPTY: Record<string, unknown> = {};
/** Detail values of the activity being scored (reused: scoring is synchronous and not reentrant). */
const VALUES: unknown[] = [];

/**
 * The common case of scoreInto, without its general path: a plain type (CompiledType.plain), no
 * manual points, a valid quantity whose explanation is already memoized. Writes exactly what
 * scoreInto would and returns true; returns false (out untouched) when scoreInto must decide.
 */
export function scorePlain(a: ActivityInput, t: CompiledType, out: Scratch): boolean {
  if (!t.plain) return false;
  const q = a.quantity;
  const m = a.manualPoints;
  const d = a.details;
  if ((m !== undefined && m !== null) || typeof q !== "number" || !(q > 0) || q > t.maxQuantity) return false;
  if (d !== undefined && d !== null && (typeof d !== "object" || Array.isArray(d))) return false;
  const r = q / t.increment;
  const step = Math.round(r);
  if (Math.abs(r - step) >= 1e-9 || step >= 4000) return false;
  const e = t.explainSteps[step];
  if (e === undefined) return false;
  const raw = q * t.rate;
  out.raw = raw;
  out.points = raw;
  out.categoryId = t.categoryId as string;
  out.explanation = e;
  out.manual = false;
  out.eventKey = null;
  out.eventYear = 0;
  out.once = false;
  out.credential = null;
  return true;
}

/**
 * Scores `a` under type `t` (the version in force on `date`) into `out`.
 * Returns null when the activity is valid, else the field errors.
 */
export function scoreInto(a: ActivityInput, t: CompiledType, date: ISODate, out: Scratch): FieldError[] | null {
  let errors: FieldError[] | null = null;
  const d = a.details;
  let details = EMPTY;
  if (d !== undefined && d !== null) {
    if (typeof d !== "object" || Array.isArray(d)) return [{ field: "details", message: "Details must be an object of named values." }];
    details = d as Record<string, unknown>;
  }

  // Category: fixed, or picked by the holder (PMI talent area, ISC2 group).
  if (t.categoryChoices !== null) {
    const c = details.categoryId;
    if (typeof c !== "string" || !t.categoryChoices.has(c)) {
      (errors ??= []).push({
        field: "categoryId",
        message: present(c)
          ? `"${asText(c)}" is not a ${lower(t.categoryChoiceLabel)} for ${t.label}. Pick one of: ${t.categoryChoiceList.join(", ")}.`
          : `Pick the ${lower(t.categoryChoiceLabel)} for ${t.label}: ${t.categoryChoiceList.join(", ")}.`,
      });
    } else out.categoryId = c;
  } else out.categoryId = t.categoryId as string;

  // Manual override: points and a reason; quantity and details are not required.
  const m = a.manualPoints;
  const manual = m !== undefined && m !== null;
  out.manual = manual;
  if (manual) {
    if (typeof m !== "object" || typeof m.points !== "number" || !Number.isFinite(m.points) || m.points < 0 || m.points > MAX_MANUAL_POINTS) {
      (errors ??= []).push({ field: "manualPoints", message: `Manual points must be a number from 0 to ${MAX_MANUAL_POINTS}.` });
    } else if (typeof m.reason !== "string" || m.reason.trim() === "") {
      (errors ??= []).push({ field: "manualPoints", message: "Say why the points are set by hand (a reason is required)." });
    }
  }

  // Quantity.
  const q = a.quantity;
  let quantity = 1;
  if (t.kind === KIND_PER_UNIT || t.kind === KIND_TIERS) {
    if (q === undefined || q === null) {
      if (!manual) (errors ??= []).push({ field: "quantity", message: `Enter the ${lower(t.quantityLabel)}.` });
    } else if (typeof q !== "number" || !Number.isFinite(q)) {
      (errors ??= []).push({ field: "quantity", message: `${t.quantityLabel} must be a number.` });
    } else if (q <= 0) {
      (errors ??= []).push({ field: "quantity", message: `${t.quantityLabel} must be more than 0; you entered ${fmt(q)}.` });
    } else if (q > t.maxQuantity) {
      (errors ??= []).push({ field: "quantity", message: `${t.quantityLabel} can be at most ${fmt(t.maxQuantity)} for one activity; you entered ${fmt(q)}.` });
    } else if (!isMultiple(q, t.increment)) {
      (errors ??= []).push({
        field: "quantity",
        message:
          t.increment === 1
            ? `${t.quantityLabel} must be a whole number; you entered ${fmt(q)}.`
            : `${t.quantityLabel} go in steps of ${fmt(t.increment)}; you entered ${fmt(q)}.`,
      });
    } else quantity = q;
    if (t.unit === "day" && quantity > 1 && isISODate(a.endDate) && isISODate(a.startDate)) {
      const span = daySpan(a.startDate, a.endDate);
      if (quantity > span)
        (errors ??= []).push({ field: "quantity", message: `You logged ${fmt(quantity)} days but the dates span ${span} ${span === 1 ? "day" : "days"}.` });
    }
  } else if (q !== undefined && q !== null && q !== 1) {
    (errors ??= []).push({ field: "quantity", message: `Log one ${t.unit} per activity (the quantity is 1); you entered ${asText(q)}.` });
  }

  // Detail fields.
  const fields = t.fields;
  let eventKey: string | null = null;
  let credential: string | null = null;
  const values = VALUES;
  if (fields.length > 0) {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as CompiledField;
      const raw = details[f.key];
      let v = checkField(f, raw, date, manual, null);
      if (v === BAD) {
        checkField(f, raw, date, manual, (errors ??= []));
        v = null;
      }
      values[i] = v;
    }
    if (t.perEvent !== null && !manual) {
      const v = values[t.perEventIndex];
      if (v !== null && v !== undefined) eventKey = keyPart(v) as string;
    }
    if (t.ownCredentialIndex >= 0) {
      const v = values[t.ownCredentialIndex];
      if (typeof v === "string") credential = v;
    }
  }
  let once = false;
  if (t.oncePer !== null) {
    const ix = t.onceIndexes;
    const a0 = ix.length > 0 ? values[ix[0] as number] : "";
    const b0 = ix.length > 1 ? values[ix[1] as number] : "";
    if (a0 !== null && a0 !== undefined && b0 !== null && b0 !== undefined) {
      once = true;
      out.onceYear = t.oncePer.perYear ? yearOf(date) : 0;
      out.onceA = keyPart(a0);
      out.onceB = keyPart(b0);
    }
  }
  if (errors !== null) return errors;

  out.eventKey = eventKey;
  out.eventYear = eventKey === null ? 0 : yearOf(date);
  out.once = once;
  out.credential = credential;

  if (manual) {
    out.raw = out.points = m.points;
    out.explanation = `Manual points: ${points(t, m.points)} (${m.reason.trim()})`;
    return null;
  }

  switch (t.kind) {
    case KIND_PER_UNIT: {
      const raw = quantity * t.rate;
      out.raw = raw;
      const step = Math.round(quantity / t.increment);
      let e = step < 4000 ? t.explainSteps[step] : undefined;
      if (e === undefined) {
        e = `${units(t, quantity)} × ${points(t, t.rate)} per ${t.unit} = ${points(t, raw)}`;
        if (step < 4000) t.explainSteps[step] = e;
      }
      if (t.perEvent !== null && raw > t.perEvent.capPoints) {
        out.points = t.perEvent.capPoints;
        let capped = step < 4000 ? t.explainCapped[step] : undefined;
        if (capped === undefined) {
          capped = `${e}; ${t.perEvent.label} at most: ${points(t, t.perEvent.capPoints)}`;
          if (step < 4000) t.explainCapped[step] = capped;
        }
        out.explanation = capped;
      } else {
        out.points = raw;
        out.explanation = e;
      }
      return null;
    }
    case KIND_FIXED: {
      out.raw = out.points = t.fixedPoints;
      let e = t.explainSteps[0];
      if (e === undefined) {
        e = `${points(t, t.fixedPoints)} per ${t.unit}`;
        t.explainSteps[0] = e;
      }
      out.explanation = e;
      return null;
    }
    case KIND_PRODUCT: {
      let p = t.rate;
      let key = "";
      for (const f of t.factors) {
        const v = values[t.fields.indexOf(f)] as number;
        p *= v;
        key = key === "" ? String(v) : `${key}|${v}`;
      }
      out.raw = out.points = p;
      let e = t.explainProduct.get(key);
      if (e === undefined) {
        e = `${t.factors.map((f) => `${fmt(values[t.fields.indexOf(f)] as number)} ${lower(f.label)}`).join(" × ")} = ${points(t, p)} (${t.formula})`;
        if (t.explainProduct.size < 4000) t.explainProduct.set(key, e);
      }
      out.explanation = e;
      return null;
    }
    default: {
      // KIND_TIERS: the highest tier the quantity reaches.
      let tier: CompiledType["tiers"][number] | null = null;
      for (const x of t.tiers) if (quantity >= x.from) tier = x;
      const first = t.tiers[0] as CompiledType["tiers"][number];
      if (tier === null) {
        return [
          {
            field: "quantity",
            message: `${t.label} counts from ${units(t, first.from)}; you entered ${units(t, quantity)}.`,
          },
        ];
      }
      out.raw = out.points = tier.points;
      const step = Math.round(quantity / t.increment);
      let e = step < 4000 ? t.explainSteps[step] : undefined;
      if (e === undefined) {
        e = `${units(t, quantity)}: ${tier.label} (${units(t, tier.from)} or more) = ${points(t, tier.points)}`;
        if (step < 4000) t.explainSteps[step] = e;
      }
      out.explanation = e;
      return null;
    }
  }
}

/** Inclusive count of calendar days from start to end. */
function daySpan(start: ISODate, end: ISODate): number {
  return diffDays(start, end) + 1;
}

/** The date that places an activity: its start for memberships and service years, else its end (or start). */
export function activityDate(cp: CompiledPack, a: ActivityInput): ISODate {
  if (cp.startBasis.has(a.typeId)) return a.startDate;
  const e = a.endDate;
  return e === undefined || e === null ? a.startDate : e;
}

/** Checks the parts every activity shares (dates, type) and finds the scoring type. */
export function resolveActivity(
  cp: CompiledPack,
  a: ActivityInput,
): { ok: true; type: CompiledType; date: ISODate } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof a.id !== "string" || a.id === "") errors.push({ field: "id", message: "The activity has no id." });
  if (!isISODate(a.startDate)) errors.push({ field: "startDate", message: "The start date must be a real date written YYYY-MM-DD." });
  const end = a.endDate;
  if (end !== undefined && end !== null) {
    if (!isISODate(end)) errors.push({ field: "endDate", message: "The end date must be a real date written YYYY-MM-DD." });
    else if (isISODate(a.startDate) && end < a.startDate) errors.push({ field: "endDate", message: "The end date is before the start date." });
  }
  const versions = typeof a.typeId === "string" ? cp.typeVersions.get(a.typeId) : undefined;
  if (versions === undefined) {
    errors.push({ field: "typeId", message: `"${asText(a.typeId)}" is not an activity type of ${cp.pack.issuer}.` });
  }
  if (errors.length > 0 || versions === undefined) return { ok: false, errors };
  const date = activityDate(cp, a);
  const version = versionOn(cp, date);
  const type = version?.types.get(a.typeId);
  if (version === null || type === undefined) {
    const first = versions[0];
    const label = first?.types.get(a.typeId)?.label ?? a.typeId;
    const from = first?.effectiveFrom ?? "";
    const last = versions[versions.length - 1];
    const message =
      version === null || (first !== undefined && date < first.effectiveFrom)
        ? `${label} counts only from ${from} (${first?.label ?? ""}); this activity is dated ${date}.`
        : `${label} no longer counts under ${version.label}; it counted until ${last?.effectiveUntil ?? ""}.`;
    return { ok: false, errors: [{ field: date === a.startDate ? "startDate" : "endDate", message }] };
  }
  return { ok: true, type, date };
}

/**
 * Scores one activity on its own (the activity form's live preview): its points, category,
 * the rule and source that produced them, and warnings. Never throws; bad input gives field
 * errors. Certification-specific rules (the exam that earned a designation, caps across
 * activities) are applied by `evaluate`; the warnings say when they may apply.
 */
export function scoreActivity(a: ActivityInput): ActivityScore {
  if (a === null || typeof a !== "object") return { ok: false, errors: [{ field: "activity", message: "An activity is required." }] };
  const cp = typeof a.packId === "string" ? compiledPack(a.packId) : null;
  if (cp === null) return { ok: false, errors: [{ field: "packId", message: `Unknown issuer rules "${asText(a.packId)}". Known: ascm, pmi, isc2.` }] };
  const r = resolveActivity(cp, a);
  if (!r.ok) return r;
  const t = r.type;
  const out = newScratch();
  const errors = scoreInto(a, t, r.date, out);
  if (errors !== null) return { ok: false, errors };
  const warnings: string[] = [];
  const unconfirmedRules: string[] = [];
  if (out.manual) warnings.push(`Points set by hand (${fmt(out.raw)}) instead of the rule; an auditor may ask why.`);
  else
    for (const w of t.weak) {
      warnings.push(`Unconfirmed rule: ${w.message}.`);
      unconfirmedRules.push(w.id);
    }
  if (t.perEvent !== null && out.points < out.raw)
    warnings.push(`${t.label}: ${t.perEvent.label} at most, so ${fmt(out.raw - out.points)} of ${fmt(out.raw)} points do not count.`);
  else if (t.perEvent !== null && out.eventKey !== null)
    warnings.push(`Days of the same conference in the same year are added up: ${t.perEvent.label} at most.`);
  if (out.credential !== null && t.ownCredentialField !== null)
    warnings.push(`This exam does not count for the ${out.credential} designation it earned; it counts for your other ${cp.pack.issuer} designations.`);
  return {
    ok: true,
    points: round2(out.points),
    rawPoints: round2(out.raw),
    categoryId: out.categoryId,
    typeId: t.id,
    ruleId: t.ruleId,
    ruleVersion: t.versionId,
    date: r.date,
    explanation: out.explanation,
    source: t.source,
    warnings,
    unconfirmedRules,
  };
}
