/**
 * evaluate(): one certification's progress in one cycle, as of a date.
 *
 * The hot path is the loop over activities: a string compare for the pack, the window and the
 * version, a Map lookup for the type, plain arithmetic for the points. Caps are applied after
 * the loop, and only the (small) groups of activities a cap touches are sorted, by date then id,
 * so which activity a cap trims never depends on the order of the input.
 */
import { Chunked } from "./chunked";
import { ContributionList, type ContributionColumns } from "./contributions";
import { compiledPack, isWeak, versionOn, type CompiledCategory, type CompiledPack, type CompiledType, type CompiledVersion } from "./compile";
import { checkCertification, cyclesFor } from "./cycle";
import { DAYS_PER_MONTH, addDays, addMonths, anniversary, dateNumber, dayNumberOf, diffDays, isISODate, longDate } from "./dates";
import { activityDate, fmt, newScratch, resolveActivity, round2, type Scratch, scoreInto, scorePlain } from "./score";
import type { SourcedNumber } from "./schema";
import type {
  ActivityInput,
  CarryOver,
  CategoryLimit,
  CategoryLine,
  CategoryYear,
  CertificationInput,
  Cycle,
  FieldError,
  ISODate,
  PackCredential,
  ProgressReport,
  ReportStatus,
  ReportWarning,
} from "./types";
import { asText } from "./text";

export interface EvaluateInput {
  certification: CertificationInput;
  activities: ActivityInput[];
  asOf: ISODate;
  /** A cycle from cyclesOf(certification, asOf) to evaluate instead of the current one (past cycles). */
  cycle?: Cycle;
}

/** Days at the start of a cycle during which nobody is "behind" (the straight line is still near 0). */
export const BEHIND_GRACE_DAYS = 30;
/** Due within this many days and not complete → "due_soon". */
export const DUE_SOON_DAYS = 90;
const MAX_OPENING_BALANCE = 1000;

interface WeakUse {
  message: string;
  count: number;
}

/**
 * Orders a report's contributions (by index k) by date, then activity id, reading the prepared
 * typed arrays (src: k → prepared index) instead of the contribution objects.
 */
function byDateThenId(pa: PreparedActivities, src: Int32Array) {
  const day = pa.day;
  const ids = pa.ids;
  return (x: number, y: number): number => {
    const i = src[x] as number;
    const j = src[y] as number;
    const d = (day[i] as number) - (day[j] as number);
    if (d !== 0) return d;
    const a = ids.get(i);
    const b = ids.get(j);
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

function emptyReport(cert: CertificationInput | undefined, asOf: ISODate, errors: FieldError[]): ProgressReport {
  const d = isISODate(asOf) ? asOf : "1970-01-01";
  const first = errors[0] as FieldError;
  return {
    certificationId: typeof cert?.id === "string" ? cert.id : "",
    packId: typeof cert?.packId === "string" ? cert.packId : "",
    credentialCode: typeof cert?.credentialCode === "string" ? cert.credentialCode : "",
    credentialName: typeof cert?.credentialCode === "string" ? cert.credentialCode : "",
    cycle: {
      index: 0,
      start: d,
      dueDate: d,
      suspensionEnd: d,
      expiryDate: d,
      state: "active",
      daysToDue: 0,
      countsFrom: d,
      countsUntil: d,
      closed: false,
      submittedDate: null,
      approvedDate: null,
      ruleVersion: "",
      error: first,
    },
    asOf: d,
    required: 0,
    earned: 0,
    counted: 0,
    openingBalance: 0,
    carriedIn: 0,
    remaining: 0,
    daysLeft: 0,
    pace: { neededPerMonth: 0, achievedPerMonth: 0, monthsLeft: 0, monthsElapsed: 0 },
    projectedCompletion: null,
    status: "behind",
    statusReason: `Cannot evaluate this certification: ${errors.map((e) => e.message).join(" ")}`,
    categories: [],
    contributions: ContributionList.empty(),
    outsideWindow: [],
    future: [],
    excluded: [],
    invalid: [],
    warnings: errors.map((e) => ({ code: "certification", message: e.message })),
    unconfirmedRulesUsed: [],
    creditShared: false,
    errors,
  };
}

/**
 * The progress report of one certification as of a date: points earned and counted after caps,
 * per category, pace, status and why, warnings, and each activity's contribution. Activities of
 * other packs are ignored; activities of this pack count when their date falls in the cycle's
 * window (credit sharing: the same activity counts for every designation of the issuer whose
 * window holds it, unless the holder excluded it). Never throws: bad certification input
 * gives `errors`, a bad activity gives an invalid_activity warning and counts nothing.
 * For several certifications over the same activities, evaluateEach (or evaluateAll) gives the
 * same reports but scores each activity only once.
 */
export function evaluate(input: EvaluateInput): ProgressReport {
  return evaluateOne(input?.certification, input?.activities, input?.asOf, input?.cycle);
}

/**
 * One report per certification, each equal to evaluate({certification, activities, asOf}), but
 * every activity is validated and scored once per pack (prepareActivities) and only counted per
 * designation. The reports' contribution lists share the pack's columns (ids, dates, points before
 * caps), which nothing writes once made; each report has its own points after caps.
 */
export function evaluateEach(input: { certifications: CertificationInput[]; activities: ActivityInput[]; asOf: ISODate }): ProgressReport[] {
  return evaluateEachWith(input, new Map());
}

/** evaluateEach, leaving the activities prepared per pack in `byPack` (evaluateAll reads them again). */
export function evaluateEachWith(
  input: { certifications: CertificationInput[]; activities: ActivityInput[]; asOf: ISODate },
  byPack: Map<string, PreparedActivities>,
): ProgressReport[] {
  const certs = Array.isArray(input?.certifications) ? input.certifications : [];
  const activities = input?.activities;
  const asOf = input?.asOf;
  const plans = certs.map((cert) => planOf(cert, activities, asOf, undefined));
  // Score only what some designation's windows can hold: one range per pack.
  const ranges = new Map<string, [number, number]>();
  for (const p of plans) {
    if (p.kind === "error" || byPack.has(p.cp.id)) continue;
    const r = ranges.get(p.cp.id);
    if (r === undefined) ranges.set(p.cp.id, [p.from, p.until]);
    else ranges.set(p.cp.id, [Math.min(r[0], p.from), Math.max(r[1], p.until)]);
  }
  for (const p of plans)
    if (p.kind === "ok" && !byPack.has(p.cp.id)) {
      const [from, until] = ranges.get(p.cp.id) as [number, number];
      byPack.set(p.cp.id, prepareActivities(p.cp, activities as ActivityInput[], asOf as ISODate, from, until));
    }
  return plans.map((p) => (p.kind === "error" ? p.report : evaluatePlan(p, byPack.get(p.cp.id) as PreparedActivities)));
}

/** What evaluating one certification needs, checked; or the report of why it cannot be evaluated. */
type Plan =
  | { kind: "error"; report: ProgressReport }
  | {
      kind: "ok";
      cp: CompiledPack;
      cert: CertificationInput;
      cred: PackCredential;
      cycles: Cycle[];
      cycle: Cycle;
      /** Evaluate the earlier cycles first, for the points they carry over. */
      carry: boolean;
      /** The dates (dateNumber) whose activities these cycles can count: the range prepareActivities must score. */
      from: number;
      until: number;
    };

function planOf(cert: CertificationInput | undefined, activities: ActivityInput[] | undefined, asOf: ISODate | undefined, requested: Cycle | undefined): Plan {
  const errors = cert === undefined || cert === null ? [{ field: "certification", message: "A certification is required." }] : checkCertification(cert);
  if (!isISODate(asOf)) errors.push({ field: "asOf", message: "asOf must be a date written YYYY-MM-DD." });
  if (!Array.isArray(activities)) errors.push({ field: "activities", message: "Activities must be a list." });
  const cp = errors.length === 0 ? compiledPack((cert as CertificationInput).packId) : null;
  const cred = cp?.credentials.get((cert as CertificationInput).credentialCode);
  if (cp === null || cred === undefined || errors.length > 0) return { kind: "error", report: emptyReport(cert, asOf as ISODate, errors) };
  const c = cert as CertificationInput;
  const cycles = cyclesFor(cp, c, asOf as ISODate);
  const cycle = requested ?? (cycles[cycles.length - 1] as Cycle);
  const carry = cycle.index > 0 && cp.versions.some((v) => v.data.carryOver.allowed.value);
  let from = dateNumber(cycle.countsFrom);
  let until = dateNumber(cycle.countsUntil);
  if (carry)
    for (const prev of cycles) {
      if (prev.index >= cycle.index) break;
      from = Math.min(from, dateNumber(prev.countsFrom));
      until = Math.max(until, dateNumber(prev.countsUntil));
    }
  return { kind: "ok", cp, cert: c, cred, cycles, cycle, carry, from, until };
}

function evaluateOne(
  cert: CertificationInput | undefined,
  activities: ActivityInput[] | undefined,
  asOf: ISODate | undefined,
  requested: Cycle | undefined,
): ProgressReport {
  const p = planOf(cert, activities, asOf, requested);
  if (p.kind === "error") return p.report;
  return evaluatePlan(p, prepareActivities(p.cp, activities as ActivityInput[], asOf as ISODate, p.from, p.until));
}

function evaluatePlan(p: Extract<Plan, { kind: "ok" }>, pa: PreparedActivities): ProgressReport {
  const { cp, cert, cred, cycles, cycle } = p;
  let carryIn: CarryOver | null = null;
  if (p.carry) {
    for (const prev of cycles) {
      if (prev.index >= cycle.index) break;
      carryIn = evaluateCycle(cp, cert, cred, prev, cycles, pa, carryIn).carryOver ?? null;
    }
  }
  return evaluateCycle(cp, cert, cred, cycle, cycles, pa, carryIn);
}

function policyVersion(cp: CompiledPack, date: ISODate): CompiledVersion {
  return versionOn(cp, date) ?? (cp.versions[0] as CompiledVersion);
}

/** An activity of the pack whose dates are not valid: invalid wherever it is. */
const BAD_DATES = 0;
/** Valid dates, but the type (on that date) or the details are not: invalid when it falls in a window and is not in the future. */
const BAD_SCORE = 1;
const SCORED = 2;
/** Valid dates outside the range prepareActivities scores: outside every window it was asked for, or in the future. */
const UNSCORED = 3;

/**
 * What an activity needs beyond the plain case (scored, not excluded, no manual points, no exam
 * credential, evidence attached, a pack with credit sharing): kept for the few activities that
 * need it, so the counting pass reads typed arrays for all the others (cap groups included).
 */
interface Prepared extends Pick<Scratch, "manual" | "credential"> {
  kind: number;
  /** The date that places the activity ("" for BAD_DATES). */
  date: ISODate;
  excluded: string[] | null;
  /** For BAD_DATES and BAD_SCORE: the invalid_activity warning, built when first needed. */
  invalidWarning: ReportWarning | null;
  scoreErrors: FieldError[] | null;
  manualWarning: ReportWarning | null;
  /** True when the activity has no evidence attached (a report that counts it says so in its missing_evidence warning). */
  noEvidence: boolean;
}

/**
 * The activities of one pack, validated and scored once (prepareActivities), for any number of
 * its designations: nothing here depends on the certification. Index i is the pack's i-th
 * activity in input order. The columns (ids, dates, points before caps, types, explanations)
 * are what every report's ContributionList reads: reports share them and never write them, so
 * one report never changes another.
 */
export interface PreparedActivities {
  cp: CompiledPack;
  asOf: ISODate;
  activities: ActivityInput[];
  /** The date that places each activity as yyyymmdd (dateNumber), 0 when its dates are invalid. */
  day: Int32Array;
  /** Category index of the points (-1 unless scored). */
  cat: Int32Array;
  /** Points before caps (0 unless scored), and the activity ids: read without touching the objects. */
  points: Float64Array;
  ids: Chunked<string>;
  /** Ordinal (cp.allTypes) of the scoring type, -1 unless scored. */
  typeOf: Int32Array;
  /** The columns the reports' contribution lists read (ids, day, points, cat and typeOf are the arrays above). */
  columns: ContributionColumns;
  /**
   * Index in richList of each activity's Prepared, plus 1; 0 (as the array starts, so nothing is
   * written) for a plain activity (see Prepared) and for an unscored one (typeOf[i] −1) that is not
   * excluded anywhere.
   */
  richAt: Int32Array;
  richList: Prepared[];
  /**
   * The plain activities (richAt 0) that have no evidence attached, by index, ascending: a report
   * counts them after its pass for its one missing_evidence warning (rich ones say so in Prepared).
   */
  noEvidence: number[];
  /** Each activity's per-event and once-per cap group: its id (see eventTypes, onceTypes) + 1, or 0 for none. */
  eventOf: Int32Array;
  onceOf: Int32Array;
  /** future_activity warnings, built once per activity when first needed. */
  futureWarnings: Map<number, ReportWarning>;
  /**
   * The type of each per-event group (same type, year and event) and each once-per group (same
   * type, year and key): the groups are found once here, so a designation only buckets by id.
   */
  eventTypes: CompiledType[];
  onceTypes: CompiledType[];
}

function prepared(kind: number, date: ISODate, excluded: string[] | null): Prepared {
  return {
    kind,
    date,
    excluded,
    invalidWarning: null,
    scoreErrors: null,
    manual: false,
    credential: null,
    manualWarning: null,
    noEvidence: false,
  };
}

/**
 * The designation-independent pass: validates and scores every activity of the pack once (the
 * version in force on its date, its type, points, explanation, category, cap keys, the exam's
 * credential). Activities of other packs are left out. Kept in its own small function so V8
 * optimizes this loop on its own.
 */
export function prepareActivities(cp: CompiledPack, activities: ActivityInput[], asOf: ISODate, from = 0, until = 99_999_999): PreparedActivities {
  const packId = cp.id;
  // Activities dated outside [from, until], or after asOf, are never counted, so never scored.
  const last = Math.min(until, dateNumber(asOf));
  const versions = cp.versions;
  const singleVersion = versions.length === 1 ? (versions[0] as CompiledVersion) : null;
  const startBasis = cp.startBasisByKey;
  const sharing = cp.pack.creditSharing.value;
  const s = newScratch();
  const n = activities.length;
  // `mine` stays the input list while every activity is of this pack.
  let mine: ActivityInput[] | null = null;
  const day = new Int32Array(n);
  const cat = new Int32Array(n);
  const points = new Float64Array(n);
  const ids = new Chunked<string>(n);
  const typeOf = new Int32Array(n);
  const explanations = new Chunked<string>(n);
  const richAt = new Int32Array(n);
  const richList: Prepared[] = [];
  // Plain activities without evidence (few).
  const noEvidence: number[] = [];
  const eventOf = new Int32Array(n);
  const onceOf = new Int32Array(n);
  // cat and typeOf are −1 for an activity not scored (written only then: most are scored).
  const unscored = (j: number): void => {
    cat[j] = -1;
    typeOf[j] = -1;
  };
  const rich = (j: number, p: Prepared): void => {
    richAt[j] = richList.push(p);
  };
  // Grouped activities, given their group ids after the loop (assignGroups).
  const event: unknown[] = [];
  const once: unknown[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const a = activities[i];
    if (a === undefined || a === null || typeof a !== "object" || a.packId !== packId) {
      if (mine === null) mine = activities.slice(0, i);
      continue;
    }
    if (mine !== null) mine.push(a);
    ids.set(j, a.id);
    const ex = a.excludedCertificationIds;
    const excluded = ex !== undefined && ex !== null && ex.length !== 0 ? ex : null;
    const start = a.startDate;
    const end = a.endDate;
    // The date that places the activity: its end date, or its start date for the types that say so.
    let d = dayNumberOf(start);
    let date = start;
    if (end !== undefined && end !== null && d !== 0) {
      const e = dayNumberOf(end);
      if (e === 0 || e < d) d = 0;
      else if (typeof a.typeId !== "string" || startBasis[a.typeId] !== true) {
        d = e;
        date = end;
      }
    }
    if (d === 0) {
      unscored(j);
      rich(j++, prepared(BAD_DATES, "", excluded));
      continue;
    }
    day[j] = d;
    if (d < from || d > last) {
      unscored(j);
      if (excluded === null && sharing) j++;
      else rich(j++, prepared(UNSCORED, date, excluded));
      continue;
    }
    let t: CompiledType | undefined;
    // A string, or no type (a key of any other kind could throw when converted).
    const typeId = typeof a.typeId === "string" ? a.typeId : "";
    if (singleVersion !== null) {
      if (d >= singleVersion.from) t = singleVersion.typeByKey[typeId];
    } else {
      for (let v = versions.length - 1; v >= 0; v--) {
        const ver = versions[v] as CompiledVersion;
        if (d >= ver.from) {
          t = ver.typeByKey[typeId];
          break;
        }
      }
    }
    const errs = t === undefined || scorePlain(a, t, s) ? null : scoreInto(a, t, date, s);
    if (t === undefined || errs !== null) {
      unscored(j);
      const p = prepared(BAD_SCORE, date, excluded);
      p.scoreErrors = errs;
      rich(j++, p);
      continue;
    }
    cat[j] = t.categoryIdx >= 0 ? t.categoryIdx : (cp.categoryIndex.get(s.categoryId) as CompiledCategory).index;
    points[j] = s.raw;
    typeOf[j] = t.ordinal;
    explanations.set(j, s.explanation);
    if (s.eventKey !== null) event.push(j, t, s.eventYear, s.eventKey);
    if (s.once) once.push(j, t, s.onceYear, s.onceA, s.onceB);
    if (excluded === null && sharing && !s.manual && s.credential === null) {
      if (a.hasEvidence === false) noEvidence.push(j);
      j++;
      continue;
    }
    rich(j++, scoredRich(a, s, date, excluded));
  }
  const { eventTypes, onceTypes } = assignGroups(event, once, eventOf, onceOf);
  ids.shorten(j);
  explanations.shorten(j);
  const categoryIds = cp.categories.map((c) => c.id);
  return {
    cp,
    asOf,
    activities: mine ?? activities,
    day,
    cat,
    points,
    ids,
    typeOf,
    columns: { ids, day, points, cat, typeOf, types: cp.allTypes, explanations, categoryIds },
    richAt,
    richList,
    noEvidence,
    eventOf,
    onceOf,
    futureWarnings: new Map(),
    eventTypes,
    onceTypes,
  };
}



function invalidWarning(cp: CompiledPack, a: ActivityInput, p: Prepared): ReportWarning {
  if (p.invalidWarning === null) {
    const errors = p.scoreErrors ?? rejection(cp, a);
    p.invalidWarning = {
      code: "invalid_activity",
      activityId: a.id,
      message: `${label(a)} is not counted: ${errors.map((e) => `${e.message}`).join(" ")}`,
    };
  }
  return p.invalidWarning;
}

/** The Prepared of a scored activity that is not plain (see Prepared). */
function scoredRich(a: ActivityInput, s: Scratch, date: ISODate, excluded: string[] | null): Prepared {
  const p = prepared(SCORED, date, excluded);
  p.manual = s.manual;
  p.credential = s.credential;
  if (s.manual) p.manualWarning = { code: "manual_points", activityId: a.id, message: `${label(a)}: points set by hand (${fmt(s.raw)}) instead of the rule.` };
  p.noEvidence = a.hasEvidence === false;
  return p;
}

/** Titles named in the missing_evidence warning before "and N more". */
const EVIDENCE_NAMED = 3;

/**
 * A report's one missing_evidence warning, for the activities it counts that have no evidence
 * (prepared indices, ascending): named by title, the first few when there are many, with every
 * id in activityIds (activityId too when there is only one).
 */
function evidenceWarning(pa: PreparedActivities, list: number[]): ReportWarning {
  const n = list.length;
  const first = pa.activities[list[0] as number] as ActivityInput;
  if (n === 1) return { code: "missing_evidence", activityId: first.id, activityIds: [first.id], message: `${label(first)} has no evidence attached; an auditor may ask for it.` };
  const named = list.slice(0, EVIDENCE_NAMED).map((i) => label(pa.activities[i] as ActivityInput));
  const more = n - named.length;
  const names = more > 0 ? `${named.join(", ")} and ${fmt(more)} more` : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
  const ids: string[] = [];
  for (let x = 0; x < n; x++) ids.push(pa.ids.get(list[x] as number));
  return {
    code: "missing_evidence",
    activityIds: ids,
    message: `${fmt(n)} counted activities have no evidence attached (${names}); an auditor may ask for proof of each.`,
  };
}

function futureWarning(pa: PreparedActivities, i: number, date: ISODate): ReportWarning {
  let w = pa.futureWarnings.get(i);
  if (w === undefined) {
    const a = pa.activities[i] as ActivityInput;
    w = { code: "future_activity", activityId: a.id, message: `${label(a)} is dated ${date}, after ${pa.asOf}: it counts once that day has come.` };
    pa.futureWarnings.set(i, w);
  }
  return w;
}

/** What one counting pass over the prepared activities found for one designation, before caps. */
interface Scan {
  ownEarned: Float64Array;
  /** The number of contributions (k = 0 … nc − 1, in input order). */
  nc: number;
  /** Points after caps of contribution k (before caps until the caps run), and its prepared index (its category is pa.cat[contribSrc[k]]). */
  counted: Float64Array;
  contribSrc: Int32Array;
  /** k → explanation, for the exam that earned this designation (worth nothing here). */
  zeroed: Map<number, string> | null;
  attribution: (number[] | null)[];
  /** Contribution indexes by per-event / once-per group id (see PreparedActivities.eventTypes). */
  eventGroups: (number[] | undefined)[] | null;
  onceGroups: (number[] | undefined)[] | null;
  warnings: ReportWarning[];
  outsideWindow: string[];
  future: string[];
  excluded: string[];
  invalid: string[];
  graceCounted: number;
  /** How many contributions of each type (ordinal) count, manual points and the own exam left out: for the unconfirmed-rule warnings. */
  typeCounts: Int32Array;
  outsideAll: number;
  outsideFirst: string;
}

/**
 * The per-designation pass over the prepared activities: exclusions, the cycle's window, future
 * dates, the exam that earned this designation, and the sums the caps start from. Plain
 * activities take the short branch (integer date compares, typed arrays, the shared contribution).
 */
function scan(pa: PreparedActivities, cert: CertificationInput, cycle: Cycle, cycles: Cycle[]): Scan {
  const cp = pa.cp;
  const certId = cert.id;
  const code = cert.credentialCode;
  const from = dateNumber(cycle.countsFrom);
  const until = dateNumber(cycle.countsUntil);
  const firstFrom = dateNumber(cycles[0]?.countsFrom ?? cycle.countsFrom);
  const lastUntil = dateNumber(cycles[cycles.length - 1]?.countsUntil ?? cycle.countsUntil);
  const asOf = dateNumber(pa.asOf);
  const due = dateNumber(cycle.dueDate);
  const sharing = cp.pack.creditSharing.value;
  const cats = cp.categories;
  const nCat = cats.length;
  const ownEarned = new Float64Array(nCat);
  const counted = new Float64Array(pa.activities.length);
  let nc = 0;
  const contribSrc = new Int32Array(pa.activities.length);
  const attribution: (number[] | null)[] = cats.map((c) => (c.needsAttribution ? [] : null));
  let eventGroups: (number[] | undefined)[] | null = null;
  let onceGroups: (number[] | undefined)[] | null = null;
  const warnings: ReportWarning[] = [];
  const outsideWindow: string[] = [];
  const future: string[] = [];
  const excluded: string[] = [];
  const invalid: string[] = [];
  let graceCounted = 0;
  const typeCounts = new Int32Array(cp.allTypes.length);
  let outsideAll = 0;
  let outsideFirst = "";
  let zeroed: Map<number, string> | null = null;
  // Counted activities without evidence (prepared indices): rich ones here, plain ones after the loop.
  let noEvidence: number[] | null = null;

  const { day, cat, points, ids, typeOf, richAt, richList, eventOf, onceOf, activities } = pa;
  const n = activities.length;
  for (let i = 0; i < n; i++) {
    const d = day[i] as number;
    const r = richAt[i] as number;
    const p = r === 0 ? null : (richList[r - 1] as Prepared);
    if (p === null) {
      // The plain case: scored, and nothing about it depends on the designation but its date.
      if (d < from || d > until) {
        const id = ids.get(i);
        outsideWindow.push(id);
        if (d <= asOf && (d < firstFrom || d > lastUntil) && outsideAll++ === 0) outsideFirst = id;
        continue;
      }
      if (d <= asOf) {
        const ci = cat[i] as number;
        const k = nc++;
        const pts = points[i] as number;
        counted[k] = pts;
        contribSrc[k] = i;
        ownEarned[ci] = (ownEarned[ci] as number) + pts;
        const att = attribution[ci];
        if (att !== null && att !== undefined) att.push(k);
        const o = typeOf[i] as number;
        typeCounts[o] = (typeCounts[o] as number) + 1;
        const eg = eventOf[i] as number;
        if (eg !== 0) bucket((eventGroups ??= new Array(pa.eventTypes.length)), eg - 1, k);
        const og = onceOf[i] as number;
        if (og !== 0) bucket((onceGroups ??= new Array(pa.onceTypes.length)), og - 1, k);
        if (d > due) graceCounted++;
        continue;
      }
    }
    // The activity object itself is read only where a warning needs it.
    const id = ids.get(i);
    if (p !== null && p.excluded !== null && p.excluded.includes(certId)) {
      excluded.push(id);
      continue;
    }
    if (!sharing && !((activities[i] as ActivityInput).certificationIds ?? []).includes(certId)) {
      excluded.push(id);
      continue;
    }
    const kind = p === null ? SCORED : p.kind;
    if (kind === BAD_DATES) {
      invalid.push(id);
      warnings.push(invalidWarning(cp, activities[i] as ActivityInput, p as Prepared));
      continue;
    }
    if (d < from || d > until) {
      outsideWindow.push(id);
      if (d <= asOf && (d < firstFrom || d > lastUntil) && outsideAll++ === 0) outsideFirst = id;
      continue;
    }
    if (d > asOf) {
      future.push(id);
      warnings.push(futureWarning(pa, i, p !== null ? p.date : activityDate(cp, activities[i] as ActivityInput)));
      continue;
    }
    /* c8 ignore next -- never: prepareActivities scores every date a window of this designation holds up to asOf */
    if (kind === UNSCORED) continue;
    if (kind === BAD_SCORE) {
      invalid.push(id);
      warnings.push(invalidWarning(cp, activities[i] as ActivityInput, p as Prepared));
      continue;
    }
    let pts = points[i] as number;
    const k = nc++;
    if (p !== null && p.manual) warnings.push(p.manualWarning as ReportWarning);
    else if (p !== null && p.credential === code) {
      // The exam that earned this designation: this report's own copy, worth nothing here.
      const explanation = `The ${code} exam earned this ${code} designation, so it does not count for ${code} (initial exams are not eligible); it counts for your other ${cp.pack.issuer} designations.`;
      pts = 0;
      (zeroed ??= new Map()).set(k, explanation);
      warnings.push({ code: "own_exam", activityId: id, message: `${label(activities[i] as ActivityInput)}: ${explanation}` });
    } else {
      const o = typeOf[i] as number;
      typeCounts[o] = (typeCounts[o] as number) + 1;
    }
    const ci = cat[i] as number;
    counted[k] = pts;
    contribSrc[k] = i;
    ownEarned[ci] = (ownEarned[ci] as number) + pts;
    const att = attribution[ci];
    if (att !== null && att !== undefined) att.push(k);
    const eg = eventOf[i] as number;
    if (eg !== 0) bucket((eventGroups ??= new Array(pa.eventTypes.length)), eg - 1, k);
    const og = onceOf[i] as number;
    if (og !== 0) bucket((onceGroups ??= new Array(pa.onceTypes.length)), og - 1, k);
    if (p !== null && p.noEvidence) (noEvidence ??= []).push(i);
    if (d > due) graceCounted++;
  }
  // The plain activities without evidence that this report counts (in its window, not future).
  const plainNoEvidence = pa.noEvidence;
  if (plainNoEvidence.length !== 0) {
    const rich = noEvidence;
    noEvidence = [];
    for (let x = 0; x < plainNoEvidence.length; x++) {
      const i = plainNoEvidence[x] as number;
      const d = day[i] as number;
      if (d >= from && d <= until && d <= asOf) noEvidence.push(i);
    }
    if (rich !== null) {
      noEvidence.push(...rich);
      noEvidence.sort((x, y) => x - y);
    }
  }
  if (noEvidence !== null && noEvidence.length !== 0) warnings.push(evidenceWarning(pa, noEvidence));
  return {
    ownEarned,
    nc,
    counted,
    contribSrc,
    zeroed,
    attribution,
    eventGroups,
    onceGroups,
    warnings,
    outsideWindow,
    future,
    excluded,
    invalid,
    graceCounted,
    typeCounts,
    outsideAll,
    outsideFirst,
  };
}

function evaluateCycle(
  cp: CompiledPack,
  cert: CertificationInput,
  cred: PackCredential,
  cycle: Cycle,
  cycles: Cycle[],
  pa: PreparedActivities,
  carryIn: CarryOver | null,
): ProgressReport {
  const asOf = pa.asOf;
  const packId = cp.id;
  const certId = cert.id;
  const code = cert.credentialCode;
  const required = cred.requiredPoints;
  const from = cycle.countsFrom;
  const until = cycle.countsUntil;
  const firstFrom = cycles[0]?.countsFrom ?? from;
  const lastUntil = cycles[cycles.length - 1]?.countsUntil ?? until;
  const sharing = cp.pack.creditSharing.value;
  const versions = cp.versions;
  const cats = cp.categories;
  const nCat = cats.length;
  const due = cycle.dueDate;
  const weakUsed = new Map<string, WeakUse>();
  const noteWeak = (id: string, message: string) => {
    const w = weakUsed.get(id);
    if (w === undefined) weakUsed.set(id, { message, count: 1 });
    else w.count++;
  };
  const found = scan(pa, cert, cycle, cycles);
  const { ownEarned, nc, counted: contribCounted, contribSrc, zeroed, attribution, eventGroups, onceGroups, warnings, outsideWindow, future, excluded, invalid, graceCounted, typeCounts, outsideAll, outsideFirst } =
    found;
  const actIds = pa.ids;
  /** Points before caps of contribution k. */
  const pointsOf = (k: number): number => (zeroed !== null && zeroed.has(k) ? 0 : (pa.points[contribSrc[k] as number] as number));

  // The unconfirmed rules of the types counted (a type with none has an empty `weak`).
  for (let o = 0; o < typeCounts.length; o++) {
    const count = typeCounts[o] as number;
    if (count === 0) continue;
    for (const wr of (cp.allTypes[o] as CompiledType).weak) {
      const w = weakUsed.get(wr.id);
      if (w === undefined) weakUsed.set(wr.id, { message: wr.message, count });
      else w.count += count;
    }
  }
  if (outsideAll > 0)
    warnings.push({
      code: "outside_window",
      activityId: outsideAll === 1 ? outsideFirst : undefined,
      message: `${outsideAll} ${outsideAll === 1 ? "activity is" : "activities are"} dated outside every cycle of ${code} (${firstFrom} to ${lastUntil}): ${outsideAll === 1 ? "it does" : "they do"} not count for ${code}${sharing ? " (they may count for your other designations)" : ""}.`,
    });

  const ownCounted = Float64Array.from(ownEarned);
  const cmp = byDateThenId(pa, contribSrc);
  // The rule that trimmed contribution k: trimRules[trimmedBy[k] − 1] (0: none).
  let trimmedBy: Int32Array | null = null;
  const trimRules: string[] = [];
  const trim = (k: number, to: number, by: string) => {
    const ci = pa.cat[contribSrc[k] as number] as number;
    ownCounted[ci] = (ownCounted[ci] as number) - ((contribCounted[k] as number) - to);
    contribCounted[k] = to;
    let r = trimRules.length - 1;
    while (r >= 0 && trimRules[r] !== by) r--;
    if (r < 0) r = trimRules.push(by) - 1;
    (trimmedBy ??= new Int32Array(nc))[k] = r + 1;
  };

  // Once per key (membership year, same teaching topic in a year): one activity counts, the one
  // worth most (the earliest of equals), so adding an activity never lowers the total.
  if (onceGroups !== null) {
    for (let g = 0; g < onceGroups.length; g++) {
      const idx = onceGroups[g];
      if (idx === undefined || idx.length < 2) continue;
      const t = pa.onceTypes[g] as CompiledType;
      const once = t.oncePer as NonNullable<CompiledType["oncePer"]>;
      let best = idx[0] as number;
      for (let j = 1; j < idx.length; j++) {
        const k = idx[j] as number;
        const d = (contribCounted[k] as number) - (contribCounted[best] as number);
        if (d > 0 || (d === 0 && cmp(k, best) < 0)) best = k;
      }
      for (const k of idx) {
        if (k === best || (contribCounted[k] as number) <= 0) continue;
        if (once.weak !== null) noteWeak(once.weak.id, once.weak.message);
        trim(k, 0, once.ruleId);
        warnings.push({ code: "cap_reached", activityId: actIds.get(contribSrc[k] as number), ruleId: once.ruleId, message: once.message });
      }
    }
  }

  // Per event (ASCM conference: 3 days per conference, summed over its activities).
  if (eventGroups !== null) {
    for (let g = 0; g < eventGroups.length; g++) {
      const idx = eventGroups[g];
      if (idx === undefined) continue;
      const t = pa.eventTypes[g] as CompiledType;
      const pe = t.perEvent as NonNullable<CompiledType["perEvent"]>;
      const trimmed = allocate(idx, pe.capPoints, contribCounted, cmp, trim, pe.ruleId);
      if (trimmed > 0) {
        const lastK = idx[idx.length - 1] as number;
        warnings.push({
          code: "cap_reached",
          activityId: actIds.get(contribSrc[lastK] as number),
          ruleId: pe.ruleId,
          message: `${t.label}: ${pe.label} at most (${fmt(pe.capPoints)} points); ${fmt(trimmed)} points of this conference do not count.`,
        });
      }
    }
  }

  // Opening balances and points carried in from the previous cycle.
  const balEarned = new Float64Array(nCat);
  const carEarned = new Float64Array(nCat);
  let openingBalance = 0;
  (cert.openingBalances ?? []).forEach((b, i) => {
    const forThis = b.cycleDueDate === undefined || b.cycleDueDate === null ? cycle.index === cycles[cycles.length - 1]?.index : b.cycleDueDate === cycle.dueDate;
    if (!forThis) return;
    const cat = typeof b.categoryId === "string" ? cp.categoryIndex.get(b.categoryId) : undefined;
    if (cat === undefined || typeof b.points !== "number" || !Number.isFinite(b.points) || b.points < 0 || b.points > MAX_OPENING_BALANCE) {
      warnings.push({
        code: "opening_balance",
        categoryId: typeof b.categoryId === "string" ? b.categoryId : undefined,
        message:
          cat === undefined
            ? `Opening balance ${i + 1} names an unknown category "${asText(b.categoryId)}"; it is not counted.`
            : `Opening balance ${i + 1} must be a number of points from 0 to ${MAX_OPENING_BALANCE}; it is not counted.`,
      });
      return;
    }
    balEarned[cat.index] = (balEarned[cat.index] as number) + b.points;
    openingBalance += b.points;
    if (b.attested !== true)
      warnings.push({
        code: "opening_balance",
        categoryId: cat.id,
        message: `The opening balance of ${fmt(b.points)} points in ${cat.label} is not marked as attested; confirm you can document it.`,
      });
  });
  let carriedIn = 0;
  if (carryIn !== null) {
    for (const b of carryIn.byCategory) {
      const cat = cp.categoryIndex.get(b.categoryId);
      if (cat === undefined) continue;
      carEarned[cat.index] = (carEarned[cat.index] as number) + b.points;
      carriedIn += b.points;
    }
    if (carriedIn > 0)
      warnings.push({
        code: "carry_over",
        message: `${fmt(carriedIn)} ${cp.pack.unit.many} carried over from the cycle that ended before ${cycle.start}.`,
      });
  }
  const balCounted = Float64Array.from(balEarned);
  const carCounted = Float64Array.from(carEarned);

  // Per calendar year caps (ASCM service: 5 points a year).
  const years = new Map<number, CategoryYear[]>();
  for (const cat of cats) {
    const capY = cat.def.capPerCalendarYear;
    const list = attribution[cat.index];
    if (capY === undefined || list === null || list === undefined) continue;
    const byYear = new Map<number, number[]>();
    for (const k of list) {
      const y = ((pa.day[contribSrc[k] as number] as number) / 10_000) | 0;
      const g = byYear.get(y);
      if (g === undefined) byYear.set(y, [k]);
      else g.push(k);
    }
    const lines: CategoryYear[] = [];
    const ruleId = `${cat.versionId}/cap/${cat.id}/per_calendar_year`;
    for (const [year, idx] of [...byYear.entries()].sort((x, y) => x[0] - y[0])) {
      let earned = 0;
      for (const k of idx) earned += pointsOf(k);
      let before = 0;
      for (const k of idx) before += contribCounted[k] as number;
      const trimmed = allocate(idx, capY.value, contribCounted, cmp, trim, ruleId);
      const counted = before - trimmed;
      lines.push({ year, earned: round2(earned), counted: round2(counted), cap: capY.value });
      if (counted >= capY.value) {
        warnings.push({
          code: "cap_reached",
          categoryId: cat.id,
          ruleId,
          message: `${cat.label}: at most ${fmt(capY.value)} points a calendar year; ${year} has reached it${earned > counted ? ` and ${fmt(earned - counted)} points do not count` : ""}.`,
        });
        if (isWeak(capY.confidence)) noteWeak(ruleId, `${cat.label}: ${describe(capY, "cap per calendar year")}`);
      }
    }
    years.set(cat.index, lines);
  }

  // Cycle caps, deepest categories first (PMI: Working as a practitioner 8 inside Giving Back 25).
  const children = new Map<number, number[]>();
  for (const c of cats) {
    if (c.parentId === null) continue;
    const p = cp.categoryIndex.get(c.parentId);
    if (p === undefined) continue;
    const list = children.get(p.index);
    if (list === undefined) children.set(p.index, [c.index]);
    else list.push(c.index);
  }
  const subtree = (ci: number, out: number[] = []): number[] => {
    out.push(ci);
    for (const ch of children.get(ci) ?? []) subtree(ch, out);
    return out;
  };
  const sum = (arr: Float64Array, ids: number[]) => ids.reduce((acc, i) => acc + (arr[i] as number), 0);
  const capOf = new Map<number, { value: number; kind: "cycle" | "share_of_required"; limits: CategoryLimit[] }>();
  for (const cat of [...cats].sort((x, y) => y.depth - x.depth)) {
    const def = cat.def;
    const limits: CategoryLimit[] = [];
    let value = Infinity;
    let kind: "cycle" | "share_of_required" = "cycle";
    let weak: { id: string; n: SourcedNumber; what: string } | null = null;
    if (def.cap !== undefined) {
      value = def.cap.value;
      limits.push({ kind: "cycle_cap", value, source: cp.sourceRef(def.cap), label: `at most ${fmt(value)} per cycle` });
      if (isWeak(def.cap.confidence)) weak = { id: `${cat.versionId}/cap/${cat.id}`, n: def.cap, what: "cap per cycle" };
    }
    if (def.capShareOfRequired !== undefined) {
      const share = def.capShareOfRequired.byCredential?.[code] ?? def.capShareOfRequired.share;
      const v = round2(share.value * required);
      limits.push({ kind: "share_of_required", value: v, source: cp.sourceRef(share), label: `at most ${fmt(share.value * 100)}% of the ${fmt(required)} required` });
      if (v < value) {
        value = v;
        kind = "share_of_required";
        weak = isWeak(share.confidence) ? { id: `${cat.versionId}/cap/${cat.id}/share`, n: share, what: `share of the required total for ${code}` } : null;
      }
    }
    if (value === Infinity) continue;
    capOf.set(cat.index, { value, kind, limits });
    const ids = subtree(cat.index);
    const total = sum(ownCounted, ids) + sum(balCounted, ids) + sum(carCounted, ids);
    if (weak !== null && total > 0) noteWeak(weak.id, `${cat.label}: ${describe(weak.n, weak.what)}`);
    if (total < value) continue;
    let excess = total - value;
    const ruleId = kind === "share_of_required" ? `${cat.versionId}/cap/${cat.id}/share` : `${cat.versionId}/cap/${cat.id}`;
    if (excess > 0) {
      const idx: number[] = [];
      for (const ci of ids) for (const k of attribution[ci] ?? []) if ((contribCounted[k] as number) > 0) idx.push(k);
      idx.sort(cmp);
      for (let j = idx.length - 1; j >= 0 && excess > 1e-9; j--) {
        const k = idx[j] as number;
        const c = contribCounted[k] as number;
        const cut = c < excess ? c : excess;
        trim(k, c - cut, ruleId);
        excess -= cut;
      }
      for (const arr of [carCounted, balCounted])
        for (const ci of ids) {
          if (excess <= 1e-9) break;
          const cut = Math.min(arr[ci] as number, excess);
          arr[ci] = (arr[ci] as number) - cut;
          excess -= cut;
        }
    }
    warnings.push({
      code: "cap_reached",
      categoryId: cat.id,
      ruleId,
      message: `${cat.label}: at most ${fmt(value)} points count in a cycle${total > value ? `; ${fmt(total - value)} of ${fmt(total)} do not count` : " and that is reached"}.`,
    });
  }

  // Category lines for the versions that overlap the window, plus any category holding points.
  const shown = new Set<number>();
  for (const v of versions)
    if (v.effectiveFrom <= until && (v.effectiveUntil === null || v.effectiveUntil > from)) for (const id of v.categoryIds) shown.add((cp.categoryIndex.get(id) as CompiledCategory).index);
  for (let ci = 0; ci < nCat; ci++) if ((ownEarned[ci] as number) > 0 || (balEarned[ci] as number) > 0 || (carEarned[ci] as number) > 0) shown.add(ci);
  for (const ci of [...shown]) for (let p = cats[ci]?.parentId ?? null; p !== null; ) {
    const pc = cp.categoryIndex.get(p) as CompiledCategory;
    shown.add(pc.index);
    p = pc.parentId;
  }
  let minsMet = true;
  const line = (cat: CompiledCategory): CategoryLine => {
    const ids = subtree(cat.index);
    const earned = round2(sum(ownEarned, ids) + sum(balEarned, ids) + sum(carEarned, ids));
    const counted = round2(sum(ownCounted, ids) + sum(balCounted, ids) + sum(carCounted, ids));
    const limits: CategoryLimit[] = [];
    const def = cat.def;
    const min = def.min?.value ?? null;
    if (def.min !== undefined) {
      limits.push({ kind: "min", value: def.min.value, source: cp.sourceRef(def.min), label: `at least ${fmt(def.min.value)}` });
      if (isWeak(def.min.confidence)) noteWeak(`${cat.versionId}/min/${cat.id}`, `${cat.label}: ${describe(def.min, "minimum")}`);
    }
    const cc = capOf.get(cat.index);
    let cap: number | null = null;
    let capKind: CategoryLine["capKind"] = null;
    let capReached = false;
    if (cc !== undefined) {
      limits.push(...cc.limits);
      cap = cc.value;
      capKind = cc.kind;
      capReached = counted >= cc.value;
    }
    const yl = years.get(cat.index);
    if (def.capPerCalendarYear !== undefined) {
      limits.push({ kind: "per_calendar_year", value: def.capPerCalendarYear.value, source: cp.sourceRef(def.capPerCalendarYear), label: `at most ${fmt(def.capPerCalendarYear.value)} a calendar year` });
      if (cap === null) {
        cap = def.capPerCalendarYear.value;
        capKind = "per_calendar_year";
        capReached = (yl ?? []).some((y) => y.counted >= y.cap);
      }
    }
    const remainingToMin = min === null ? 0 : round2(Math.max(0, min - counted));
    if (remainingToMin > 0) {
      minsMet = false;
      warnings.push({
        code: "below_minimum",
        categoryId: cat.id,
        message: `${cat.label}: ${fmt(counted)} of the ${fmt(min ?? 0)} required; ${fmt(remainingToMin)} more needed.`,
      });
    }
    const out: CategoryLine = {
      id: cat.id,
      label: cat.label,
      parentId: cat.parentId,
      versionId: cat.versionId,
      earned,
      counted,
      trimmed: round2(earned - counted),
      min,
      cap,
      capKind,
      limits,
      capReached,
      remainingToMin,
      // Always present (undefined when not capped per year): one object shape for every line.
      years: yl,
      children: (children.get(cat.index) ?? []).filter((ci) => shown.has(ci)).map((ci) => line(cats[ci] as CompiledCategory)),
    };
    return out;
  };
  const roots = cats.filter((c) => c.parentId === null && shown.has(c.index));
  // The newest version's categories first.
  roots.sort((x, y) => versionRank(cp, y.versionId) - versionRank(cp, x.versionId) || x.index - y.index);
  const categories = roots.map(line);

  // Totals from the accumulators, not from the line objects (reading those here made V8
  // deoptimize this whole function on every call: measured with --trace-deopt).
  let earned = 0;
  let counted = 0;
  for (let ci = 0; ci < nCat; ci++) {
    if (!shown.has(ci) || cats[ci]?.parentId !== null) continue;
    const ids = subtree(ci);
    earned += sum(ownEarned, ids) + sum(balEarned, ids) + sum(carEarned, ids);
    counted += sum(ownCounted, ids) + sum(balCounted, ids) + sum(carCounted, ids);
  }
  earned = round2(earned);
  counted = round2(counted);

  // Cycle-level rules that are not confirmed.
  const policy = policyVersion(cp, cycle.start);
  const pol = policy.data.cycle;
  if (isWeak(pol.due.confidence))
    noteWeak(`${policy.id}/cycle/due`, `Due date: ${pol.due.rule.replace(/_/g, " ")} is ${pol.due.confidence}${pol.due.note ? ` (${pol.due.note})` : ""}`);
  if (cycle.index > 0 && isWeak(pol.renewal.confidence))
    noteWeak(`${policy.id}/cycle/renewal`, `Next due date after a renewal: ${pol.renewal.rule.replace(/_/g, " ")} is ${pol.renewal.confidence}`);
  if (graceCounted > 0) {
    warnings.push({
      code: "grace_period_activity",
      message: `${graceCounted} ${graceCounted === 1 ? "activity" : "activities"} dated after the due date (${due}), during the ${pol.grace.label}, count for this cycle.`,
    });
    if (isWeak(pol.graceActivitiesCount.confidence))
      noteWeak(`${policy.id}/cycle/grace_activities`, `Activities during the ${pol.grace.label} count: ${pol.graceActivitiesCount.confidence}${pol.graceActivitiesCount.note ? ` (${pol.graceActivitiesCount.note})` : ""}`);
  }

  // Carry-over out of this cycle.
  const endPolicy = policyVersion(cp, due);
  const co = endPolicy.data.carryOver;
  let carryOver: CarryOver | undefined;
  if (counted > required && cycle.state !== "expired") {
    if (!co.allowed.value) {
      warnings.push({ code: "no_carry_over", message: `${fmt(counted - required)} points above the ${fmt(required)} required do not carry over to the next cycle.` });
      if (isWeak(co.allowed.confidence)) noteWeak(`${endPolicy.id}/carry_over`, `No carry-over: ${co.allowed.confidence}${co.allowed.note ? ` (${co.allowed.note})` : ""}`);
    } else {
      carryOver = carryOut(cp, co, { nc, counted: contribCounted, src: contribSrc, cat: pa.cat, day: pa.day }, cmp, due, counted - required);
    }
  }

  // Annual target (ISC2: 40 a year, advisory).
  const target = policy.data.annualTarget;
  if (target !== undefined) {
    const L = pol.lengthYears.value;
    for (let y = 0; y < L; y++) {
      const ys = anniversary(cycle.start, y);
      const ye = y === L - 1 ? due : addDays(anniversary(cycle.start, y + 1), -1);
      if (ye >= asOf) break;
      let got = y === 0 ? carriedIn : 0;
      const ysDay = dateNumber(ys);
      const yeDay = dateNumber(ye);
      for (let k = 0; k < nc; k++) {
        const d = pa.day[contribSrc[k] as number] as number;
        if (d >= ysDay && d <= yeDay) got += contribCounted[k] as number;
      }
      if (got < target.points.value) {
        if (target.enforcement === "hard") minsMet = false;
        warnings.push({
          code: "annual_target",
          message: `Year ${y + 1} of the cycle (${ys} to ${ye}): ${fmt(round2(got))} of the ${fmt(target.points.value)} ${cp.pack.unit.many} ${target.enforcement === "hard" ? "required" : "recommended"} a year.`,
        });
        if (isWeak(target.points.confidence)) noteWeak(`${policy.id}/annual_target`, `Annual target: ${describe(target.points, "points a year")}`);
      }
    }
  }

  // Status, pace, projection.
  const remaining = round2(Math.max(0, required - counted));
  const complete = counted >= required && minsMet;
  const daysLeft = diffDays(asOf, due);
  const totalDays = diffDays(cycle.start, due) + 1;
  const rawElapsed = diffDays(cycle.start, asOf) + 1;
  const daysElapsed = rawElapsed < 0 ? 0 : rawElapsed > totalDays ? totalDays : rawElapsed;
  const monthsElapsed = daysElapsed / DAYS_PER_MONTH;
  const monthsLeft = Math.max(0, daysLeft) / DAYS_PER_MONTH;
  const achievedPerMonth = monthsElapsed > 0 ? counted / monthsElapsed : 0;
  const neededPerMonth = remaining <= 0 ? 0 : monthsLeft > 0 ? remaining / monthsLeft : remaining;
  const line_ = (required * daysElapsed) / totalDays;
  const behind = daysElapsed > BEHIND_GRACE_DAYS && counted < line_;
  const unit = cp.pack.unit.many;
  const minGaps = collectMinGaps(categories);
  let hasMinimums = false;
  for (const ci of shown) if (cats[ci]?.def.min !== undefined) hasMinimums = true;
  // Sentences for people: "30 Nov 2026", "12,000" (numbers and dates in the report's fields stay raw).
  const when = (d: ISODate | null | undefined) => (d && isISODate(d) ? longDate(d) : (d ?? ""));
  const num = (n: number) => {
    const [whole = "", decimals] = fmt(n).split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
    return decimals === undefined ? grouped : `${grouped}.${decimals}`;
  };
  const gapText = minGaps.length ? ` Still needed: ${minGaps.map((g) => `${num(g.remaining)} in ${g.label}`).join(", ")}.` : "";
  let status: ReportStatus;
  let statusReason: string;
  const submitted = cycle.submittedDate !== null ? ` Application submitted on ${when(cycle.submittedDate)}; awaiting approval.` : "";
  if (cycle.closed) {
    status = "complete";
    statusReason = `Renewal approved on ${when(cycle.approvedDate ?? "")}; ${num(counted)} of ${num(required)} ${unit} counted in this cycle.`;
  } else if (cycle.state === "expired") {
    status = "expired";
    statusReason = `The due date was ${when(due)} and the ${pol.grace.label} ended on ${when(cycle.suspensionEnd)} without an approved renewal: ${code} expired on ${when(cycle.expiryDate)}.${packId === "ascm" ? " ASCM reinstates it once the certification exam is passed again." : ""}`;
  } else if (cycle.state === "suspended") {
    status = "suspended";
    statusReason =
      `The due date ${when(due)} has passed: ${code} is in its ${pol.grace.label} until ${when(cycle.suspensionEnd)}. ` +
      (complete ? `You have the ${unit}: submit the maintenance application before ${when(cycle.expiryDate)}.` : `${num(remaining)} ${unit} to go, then submit before ${when(cycle.expiryDate)}.${gapText}`) +
      submitted;
  } else if (complete) {
    status = "complete";
    statusReason = `${num(counted)} of ${num(required)} ${unit} counted${minGaps.length === 0 && hasMinimums ? " and every minimum met" : ""}: ready to submit before ${when(due)}.${submitted}`;
  } else if (daysLeft <= DUE_SOON_DAYS) {
    status = "due_soon";
    statusReason = `Due in ${daysLeft} ${daysLeft === 1 ? "day" : "days"} (${when(due)}) with ${num(remaining)} ${unit} to go.${gapText}`;
  } else if (behind) {
    status = "behind";
    statusReason = `${num(counted)} ${unit} counted; a steady pace to ${num(required)} by ${when(due)} would have ${num(round2(line_))} by now. You need ${num(round2(neededPerMonth))} a month; you have averaged ${num(round2(achievedPerMonth))}.${gapText}`;
  } else {
    status = "on_track";
    statusReason = `${num(counted)} of ${num(required)} ${unit}; on pace for ${when(due)} (a steady pace would have ${num(round2(line_))} by now).${gapText}`;
  }
  let projectedCompletion: ISODate | null = null;
  if (complete && cycle.state === "active") projectedCompletion = asOf;
  else if (!complete && cycle.state === "active" && counted > 0 && daysElapsed > 0 && !cycle.closed) {
    const days = Math.ceil((remaining * daysElapsed) / counted);
    if (days <= 36500) projectedCompletion = addDays(asOf, days);
  }

  const unconfirmedRulesUsed = [...weakUsed.keys()].sort();
  const weakWarnings: ReportWarning[] = unconfirmedRulesUsed.map((id) => {
    const w = weakUsed.get(id) as WeakUse;
    return {
      code: "unconfirmed_rule",
      ruleId: id,
      message: `Not confirmed by the issuer: ${w.message}${w.count > 1 ? ` (used ${w.count} times)` : ""}.`,
    };
  });

  const report: ProgressReport = {
    certificationId: certId,
    packId,
    credentialCode: code,
    credentialName: cred.name,
    cycle,
    asOf,
    required,
    earned,
    counted,
    openingBalance: round2(openingBalance),
    carriedIn: round2(carriedIn),
    remaining,
    daysLeft,
    pace: {
      neededPerMonth: round2(neededPerMonth),
      achievedPerMonth: round2(achievedPerMonth),
      monthsLeft: round2(monthsLeft),
      monthsElapsed: round2(monthsElapsed),
    },
    projectedCompletion,
    status,
    statusReason,
    categories,
    contributions: new ContributionList(pa.columns, nc, contribSrc, contribCounted, trimmedBy === null ? null : { by: trimmedBy, rules: trimRules }, zeroed),
    outsideWindow,
    future,
    excluded,
    invalid,
    warnings: joinWarnings(weakWarnings, warnings),
    unconfirmedRulesUsed,
    creditShared: sharing,
    errors: [],
  };
  if (carryOver !== undefined) report.carryOver = carryOver;
  return report;
}

/**
 * Ids for groups keyed by (type, year, key a, key b), with nested Maps: no key strings are built
 * per activity, so finding a group costs two or three hash lookups on values whose hashes are
 * cached (type and year make one integer key; most groups have no key b, and skip that level).
 * Ids are given in order of first appearance.
 */
class GroupIds {
  readonly types: CompiledType[] = [];
  /** (type, year) → key a → id, for groups whose key b is "". */
  private one = new Map<number, Map<unknown, number>>();
  /** (type, year) → key a → key b → id. */
  private two = new Map<number, Map<unknown, Map<unknown, number>>>();

  id(t: CompiledType, year: number, a: unknown, b: unknown): number {
    // Years are 0 (not per year) or 4 digits.
    const ty = t.ordinal * 10_000 + year;
    let byKey: Map<unknown, number> | undefined;
    if (b === "") {
      byKey = this.one.get(ty);
      if (byKey === undefined) this.one.set(ty, (byKey = new Map()));
      b = a;
    } else {
      let byA = this.two.get(ty);
      if (byA === undefined) this.two.set(ty, (byA = new Map()));
      byKey = byA.get(a);
      if (byKey === undefined) byA.set(a, (byKey = new Map()));
    }
    let g = byKey.get(b);
    if (g === undefined) {
      g = this.types.length;
      this.types.push(t);
      byKey.set(b, g);
    }
    return g;
  }
}

/**
 * Gives each grouped activity its group id (see PreparedActivities.eventOf, onceOf), after the
 * scoring loop: `event` holds (prepared index, type, year, key) per per-event activity, `once`
 * (prepared index, type, year, key a, key b) per once-per activity. Done here rather than in the
 * loop, because the loop is faster without it (measured: 0.7 ms of 7 for 20,000 activities,
 * though the lookups themselves take 0.16 ms: a smaller loop is compiled better).
 */
function assignGroups(event: unknown[], once: unknown[], eventOf: Int32Array, onceOf: Int32Array): { eventTypes: CompiledType[]; onceTypes: CompiledType[] } {
  const eventGroups = new GroupIds();
  const onceGroups = new GroupIds();
  for (let i = 0; i < event.length; i += 4) eventOf[event[i] as number] = eventGroups.id(event[i + 1] as CompiledType, event[i + 2] as number, event[i + 3], "") + 1;
  for (let i = 0; i < once.length; i += 5) onceOf[once[i] as number] = onceGroups.id(once[i + 1] as CompiledType, once[i + 2] as number, once[i + 3], once[i + 4]) + 1;
  return { eventTypes: eventGroups.types, onceTypes: onceGroups.types };
}

function bucket(groups: (number[] | undefined)[], g: number, k: number): void {
  const idx = groups[g];
  if (idx === undefined) groups[g] = [k];
  else idx.push(k);
}

/** Selection steps before allocate() falls back to sorting the rest of a group. */
const SELECT_LIMIT = 16;

/**
 * Lets the contributions `idx` count in date-then-id order until `allowance` points are used and
 * trims the rest; returns the points trimmed. Nothing is sorted when everything fits; otherwise
 * the earliest are selected one by one (a cap admits few activities), and a group that admits
 * many is sorted after SELECT_LIMIT steps.
 */
function allocate(
  idx: number[],
  allowance: number,
  counted: Float64Array,
  cmp: (x: number, y: number) => number,
  trim: (k: number, to: number, by: string) => void,
  by: string,
): number {
  let total = 0;
  for (const k of idx) total += counted[k] as number;
  if (total <= allowance) return 0;
  let left = allowance;
  const n = idx.length;
  for (let p = 0; p < n; p++) {
    if (left <= 0) {
      for (let q = p; q < n; q++) {
        const k = idx[q] as number;
        if ((counted[k] as number) > 0) trim(k, 0, by);
      }
      break;
    }
    if (p === SELECT_LIMIT) {
      const rest = idx.slice(p).sort(cmp);
      for (let q = 0; q < rest.length; q++) idx[p + q] = rest[q] as number;
    } else if (p < SELECT_LIMIT) {
      let m = p;
      for (let q = p + 1; q < n; q++) if (cmp(idx[q] as number, idx[m] as number) < 0) m = q;
      const tmp = idx[p] as number;
      idx[p] = idx[m] as number;
      idx[m] = tmp;
    }
    const k = idx[p] as number;
    const c = counted[k] as number;
    const allow = c < left ? c : left;
    if (allow < c) trim(k, allow, by);
    left -= allow;
  }
  return total - allowance;
}

function joinWarnings(first: ReportWarning[], rest: ReportWarning[]): ReportWarning[] {
  for (let i = 0; i < rest.length; i++) first.push(rest[i] as ReportWarning);
  return first;
}

function versionRank(cp: CompiledPack, versionId: string): number {
  return cp.versions.findIndex((v) => v.id === versionId);
}

function describe(n: SourcedNumber, what: string): string {
  return `${what} ${fmt(n.value)} is ${n.confidence}${n.note ? ` (${n.note})` : ""}`;
}

function label(a: ActivityInput): string {
  const title = typeof a.title === "string" ? a.title.trim() : "";
  return title !== "" ? `“${title}”` : `Activity ${asText(a.id)} (${asText(a.typeId)})`;
}

/** Why an activity cannot be scored (its dates, or a type unknown on its date). */
function rejection(cp: CompiledPack, a: ActivityInput): FieldError[] {
  const r = resolveActivity(cp, a);
  /* c8 ignore next -- only reached when resolveActivity finds a problem */
  return r.ok ? [{ field: "typeId", message: "Unknown activity type." }] : r.errors;
}

export function collectMinGaps(lines: CategoryLine[], out: { id: string; label: string; remaining: number }[] = []) {
  for (const l of lines) {
    collectMinGaps(l.children, out);
    if (l.remainingToMin > 0) out.push({ id: l.id, label: l.label, remaining: l.remainingToMin });
  }
  return out;
}

function carryOut(
  cp: CompiledPack,
  co: CompiledVersion["data"]["carryOver"],
  /** The contributions: k → prepared index src[k]; cat and day are the prepared columns. */
  list: { nc: number; counted: Float64Array; src: Int32Array; cat: Int32Array; day: Int32Array },
  cmp: (x: number, y: number) => number,
  due: ISODate,
  excess: number,
): CarryOver | undefined {
  const max = co.max?.value ?? 0;
  const months = co.withinLastMonths?.value ?? 0;
  const after = dateNumber(addMonths(due, -months));
  const allowed = co.categories === undefined ? null : new Set(co.categories.map((c) => cp.categoryIndex.get(c)?.index));
  const { nc, counted, cat, src, day } = list;
  const eligible: number[] = [];
  for (let k = 0; k < nc; k++) {
    if ((counted[k] as number) > 0 && (day[src[k] as number] as number) > after && (allowed === null || allowed.has(cat[src[k] as number]))) eligible.push(k);
  }
  let left = Math.min(max, excess);
  if (left <= 0 || eligible.length === 0) return undefined;
  eligible.sort(cmp);
  const byCat = new Map<string, number>();
  for (let j = eligible.length - 1; j >= 0 && left > 1e-9; j--) {
    const k = eligible[j] as number;
    const take = Math.min(counted[k] as number, left);
    const into = co.into ?? ((cp.categories[cat[src[k] as number] as number] as CompiledCategory).id);
    byCat.set(into, (byCat.get(into) ?? 0) + take);
    left -= take;
  }
  const byCategory = [...byCat.entries()].map(([categoryId, points]) => ({ categoryId, points: round2(points) }));
  const points = round2(byCategory.reduce((s, b) => s + b.points, 0));
  const largest = byCategory.reduce((best, b) => (b.points > best.points ? b : best), byCategory[0] as { categoryId: string; points: number });
  return { points, categoryId: co.into ?? largest.categoryId, byCategory };
}
