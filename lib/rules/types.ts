/**
 * Public types of the rule engine. Import them from "@/lib/rules", not from here.
 *
 * Pack data types (what a pack file contains) are inferred from the zod schema in ./schema;
 * the normalized pack (`RulePack`, `PackVersion`, `ActivityTypeDef`) adds what the engine
 * derives once at load, such as the form fields of each activity type.
 */
import type { ContributionList } from "./contributions";
import type {
  CategoryData,
  Confidence,
  PackData,
  PackVersionData,
  ActivityTypeData,
  FieldDef,
  SourcedFlag,
  SourcedNumber,
} from "./schema";

export type { Confidence, SourcedNumber, SourcedFlag, FieldDef } from "./schema";

/** A calendar date written 'YYYY-MM-DD'. Never a Date at midnight. */
export type ISODate = string;

/** A problem with one input field, in words a holder understands. */
export interface FieldError {
  field: string;
  message: string;
}

/** Where a number comes from: a key of the pack's sources table, its URL and how sure we are. */
export interface SourceRef {
  key: string;
  url: string;
  confidence: Confidence;
}

// ---------------------------------------------------------------------------------------------
// Packs
// ---------------------------------------------------------------------------------------------

export interface CredentialInfo {
  code: string;
  name: string;
  kind: "certification" | "fellow" | "endorsement";
  /** Points required per cycle; 0 for an endorsement that needs no maintenance. */
  requiredPoints: number;
  maintained: boolean;
}

export interface PackInfo {
  id: "ascm" | "pmi" | "isc2";
  issuer: string;
  name: string;
  /** What the issuer calls a point ("point", "PDU", "CPE credit"). */
  unit: { one: string; many: string };
  credentials: CredentialInfo[];
}

/** One input of an activity form, generated from pack data. */
export interface FieldSpec {
  /** "quantity" is ActivityInput.quantity; every other key is read from ActivityInput.details. */
  key: "quantity" | "categoryId" | (string & {});
  label: string;
  kind: "number" | "integer" | "select" | "text" | "boolean";
  min?: number;
  max?: number;
  step?: number;
  options?: { value: string; label: string }[];
  required: boolean;
  help?: string;
}

/** An activity type as the engine and the web form see it. */
export interface ActivityTypeDef extends Omit<ActivityTypeData, "fields"> {
  /** The detail fields as written in the pack, with the source of each bound. */
  fieldRules: FieldDef[];
  /** The category the points go to; for a type whose category the holder picks, the parent of the choices (or the first choice). */
  categoryId: string;
  /** Categories the holder picks from (details.categoryId), or null when the category is fixed. */
  categoryChoices: string[] | null;
  /** Unit label for the quantity, e.g. "hours". */
  unitLabel: string;
  fields: FieldSpec[];
  /** Stable id of the rule that scores this type in this version, e.g. "ascm-2018/book". */
  ruleId: string;
}

export interface PackVersion extends Omit<PackVersionData, "activityTypes"> {
  /** First day after this version, or null for the version in force today. */
  effectiveUntil: ISODate | null;
  activityTypes: ActivityTypeDef[];
}

/** A credential of a loaded pack: plain numbers for the UI, the sourced rules beside them. */
export interface PackCredential extends CredentialInfo {
  note?: string;
  requiredRule: SourcedNumber | null;
  maintainedRule: SourcedFlag;
}

export interface RulePack extends Omit<PackData, "versions" | "credentials" | "id"> {
  id: PackInfo["id"];
  credentials: PackCredential[];
  versions: PackVersion[];
}

export type CategoryDef = CategoryData;

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

export interface ActivityInput {
  id: string;
  packId: string;
  typeId: string;
  startDate: ISODate;
  endDate?: ISODate | null;
  /** Hours, days, items, mentees … as the type's unit says. */
  quantity?: number | null;
  /** Type-specific: pages, creditHours, weeks, eventName, credentialCode, score, categoryId (PMI talent area, ISC2 group) … */
  details?: Record<string, unknown>;
  /** A holder's override of the computed points; flagged in warnings, still subject to caps. */
  manualPoints?: { points: number; reason: string } | null;
  /** Certifications this activity must not count for. */
  excludedCertificationIds?: string[];
  /** Only for packs without credit sharing: the certifications this activity is for. */
  certificationIds?: string[];
  hasEvidence?: boolean;
  title?: string;
}

export type ActivityScore =
  | {
      ok: true;
      /** Points this activity earns on its own, after limits that one activity can hit by itself (3 days per conference). */
      points: number;
      /** Points before any limit. */
      rawPoints: number;
      categoryId: string;
      typeId: string;
      ruleId: string;
      /** Id of the pack version that scored it (the one in force on the activity's date). */
      ruleVersion: string;
      /** The date that decides the version and the cycle (end date for most types, start date for memberships). */
      date: ISODate;
      explanation: string;
      source: SourceRef;
      warnings: string[];
      /** Rules with an unconfirmed or inferred number that this score relied on. */
      unconfirmedRules: string[];
    }
  | { ok: false; errors: FieldError[] };

// ---------------------------------------------------------------------------------------------
// Certifications and cycles
// ---------------------------------------------------------------------------------------------

export interface RenewalInput {
  /** The due date this maintenance application satisfied. */
  dueDate: ISODate;
  submittedDate?: ISODate | null;
  approvedDate?: ISODate | null;
}

export interface OpeningBalanceInput {
  categoryId: string;
  points: number;
  attested: boolean;
  /** The due date of the cycle these points belong to; without it they belong to the cycle current on asOf. */
  cycleDueDate?: ISODate | null;
}

export interface CertificationInput {
  id: string;
  packId: string;
  credentialCode: string;
  earnedDate: ISODate;
  renewals?: RenewalInput[];
  openingBalances?: OpeningBalanceInput[];
}

export interface Cycle {
  /** 0 for the cycle that starts on the earned date, +1 per approved renewal. */
  index: number;
  start: ISODate;
  dueDate: ISODate;
  /** Last day of suspension (ASCM, PMI) or grace (ISC2). */
  suspensionEnd: ISODate;
  /** The day after suspensionEnd: the designation expires unless renewed. */
  expiryDate: ISODate;
  /** Designation state on asOf. A renewed (closed) cycle is "active": the designation stayed valid. */
  state: "active" | "suspended" | "expired";
  /** dueDate − asOf in days (negative after the due date). */
  daysToDue: number;
  /** First and last day whose activities count for this cycle (grace-period rules applied). */
  countsFrom: ISODate;
  countsUntil: ISODate;
  /** True when a renewal of this cycle was approved on or before asOf. */
  closed: boolean;
  submittedDate: ISODate | null;
  approvedDate: ISODate | null;
  /** Id of the pack version whose cycle rules dated this cycle. */
  ruleVersion: string;
  /** Set when the certification could not be dated (bad input); the dates are then placeholders. */
  error?: FieldError;
}

// ---------------------------------------------------------------------------------------------
// Progress report
// ---------------------------------------------------------------------------------------------

export type ReportStatus = "complete" | "on_track" | "behind" | "due_soon" | "suspended" | "expired";

export type WarningCode =
  | "cap_reached"
  | "unconfirmed_rule"
  | "outside_window"
  | "future_activity"
  | "missing_evidence"
  | "manual_points"
  | "below_minimum"
  | "invalid_activity"
  | "own_exam"
  | "grace_period_activity"
  | "no_carry_over"
  | "carry_over"
  | "annual_target"
  | "opening_balance"
  | "certification";

export interface ReportWarning {
  code: WarningCode;
  message: string;
  activityId?: string;
  /** Every activity the warning is about, when it can be about several (missing_evidence). */
  activityIds?: string[];
  categoryId?: string;
  ruleId?: string;
}

export interface CategoryLimit {
  kind: "min" | "cycle_cap" | "share_of_required" | "per_calendar_year" | "per_event" | "once_per";
  /** The limit in points (a share cap is resolved against the required total). */
  value: number;
  source: SourceRef;
  label: string;
}

export interface CategoryYear {
  year: number;
  earned: number;
  counted: number;
  cap: number;
}

export interface CategoryLine {
  id: string;
  label: string;
  parentId: string | null;
  /** Pack version the category belongs to (a cycle across a rule change shows both versions' categories). */
  versionId: string;
  /** Points before caps, this category and its sub-categories. */
  earned: number;
  /** Points after caps. */
  counted: number;
  /** earned − counted. */
  trimmed: number;
  min: number | null;
  /** The cap that binds this category: per cycle, per calendar year (capKind says which), or null. */
  cap: number | null;
  capKind: "cycle" | "share_of_required" | "per_calendar_year" | null;
  limits: CategoryLimit[];
  capReached: boolean;
  remainingToMin: number;
  /** Per calendar year, for categories capped per year. */
  years?: CategoryYear[];
  children: CategoryLine[];
}

export interface Contribution {
  activityId: string;
  typeId: string;
  categoryId: string;
  date: ISODate;
  /** Points before caps. */
  points: number;
  /** Points after caps. */
  counted: number;
  /** Which limit trimmed it, e.g. "ascm-2018/cap/service/per_calendar_year". */
  trimmedBy?: string;
  ruleId: string;
  explanation: string;
  source: SourceRef;
}

export interface CarryOver {
  points: number;
  /** The category the points land in (for PMI, the largest of byCategory). */
  categoryId: string;
  byCategory: { categoryId: string; points: number }[];
}

export interface ProgressReport {
  certificationId: string;
  packId: string;
  credentialCode: string;
  credentialName: string;
  cycle: Cycle;
  asOf: ISODate;
  required: number;
  /** Points before caps (activities + opening balance + carried in). */
  earned: number;
  /** Points after caps. */
  counted: number;
  openingBalance: number;
  /** Points carried in from the previous cycle (PMI, ISC2). */
  carriedIn: number;
  remaining: number;
  /** dueDate − asOf in days. */
  daysLeft: number;
  pace: { neededPerMonth: number; achievedPerMonth: number; monthsLeft: number; monthsElapsed: number };
  projectedCompletion: ISODate | null;
  status: ReportStatus;
  statusReason: string;
  categories: CategoryLine[];
  /**
   * Each counted activity's contribution, in input order: a read-only list of columns
   * (lib/rules/contributions.ts), read one column at a time or as Contribution objects; it
   * serializes to an array of them.
   */
  contributions: ContributionList;
  /** Activities of this pack that fall outside this cycle's window (earlier cycles, later dates). */
  outsideWindow: string[];
  /** Activities dated in this cycle but after asOf (planned): not counted yet. */
  future: string[];
  /** Activities the holder excluded from this certification. */
  excluded: string[];
  /** Activities that could not be scored (each also has an invalid_activity warning). */
  invalid: string[];
  warnings: ReportWarning[];
  /** Points that would carry to the next cycle (absent when the pack has no carry-over or nothing exceeds). */
  carryOver?: CarryOver;
  unconfirmedRulesUsed: string[];
  /** True when points earned by this certification's activities may also count for the issuer's other designations. */
  creditShared: boolean;
  /** Certification input problems; when non-empty the figures are zero and the status is not meaningful. */
  errors: FieldError[];
}

// ---------------------------------------------------------------------------------------------
// Planner and reminders
// ---------------------------------------------------------------------------------------------

export interface PlanItem {
  typeId: string;
  /** In the holder's words, e.g. "Attend a 3-day ASCM conference". */
  label: string;
  points: number;
  /** Quantity in the type's unit (hours, days …), or 1 for one-off items. */
  quantity: number;
  categoryId: string;
  /** Suggested details for the activity form (e.g. the PMI talent area). */
  details?: Record<string, string | number | boolean>;
  reason: string;
}

export type ReminderKind = "d365" | "d180" | "d90" | "d30" | "d7" | "due" | "suspended" | "ready";

export interface ReminderStep {
  kind: ReminderKind;
  /** Days before the due date at which the step starts (0 = on the due date, negative = after it); null for "ready". */
  daysBefore: number | null;
  label: string;
}

export interface PlannedReminder {
  kind: ReminderKind;
  dueDate: ISODate;
  subject: string;
  message: string;
}

export type { PackData, PackVersionData, ActivityTypeData, CategoryData };
