/**
 * Recert's rule engine: the ONE entry module. Import everything from "@/lib/rules".
 *
 * Pure: no database, no Next.js, no React, no clock. "Today" is always the `asOf` parameter, and
 * every date is a 'YYYY-MM-DD' string (ISODate). Nothing here throws on bad input: scoring
 * returns field errors, evaluation returns warnings (and `errors` for a bad certification).
 *
 * Rule packs (./packs) are data checked by a zod schema on first load: issuer, credentials and
 * required totals, cycle policy, categories with minimums and caps, activity types, carry-over,
 * credit sharing; every number with its source and confidence; versions by effectiveFrom, an
 * activity being scored by the version in force on its date. How each scheme counts, in a
 * holder's words: docs/rules.md.
 *
 * Packs
 * - listPacks(): PackInfo[]                      issuers and credentials (required points, maintained)
 * - getPack(id): RulePack | null                 the validated pack ("ascm" | "pmi" | "isc2")
 * - ruleVersionOn(pack, date): PackVersion       the version in force on a date
 * - activityTypesOn(packId, date)                the types (with form `fields`) a holder can log then
 * - validatePack(data)                           parse any pack data; errors name the bad path
 *
 * Activities
 * - scoreActivity(activity): ActivityScore       points, category, rule, source, warnings | field errors
 * - countsFor(activity, certifications, asOf)    which designations an activity counts for, and why
 *
 * Certifications
 * - checkCertification(cert): FieldError[]       input problems, empty when it can be evaluated
 * - cycleOf(cert, asOf): Cycle                   the current cycle: start, due, suspension end, state
 * - cyclesOf(cert, asOf): Cycle[]                past and current cycles, renewals applied
 * - evaluate({certification, activities, asOf, cycle?}): ProgressReport
 * - evaluateEach({certifications, activities, asOf}): ProgressReport[]
 *                                                evaluate() of each certification, but every activity is
 *                                                scored once and only counted per designation
 * - evaluateAll({certifications, activities, asOf}): {reports, warnings}
 *                                                evaluateEach, plus a warning for each activity that
 *                                                counts for none of the designations
 *
 * Planning
 * - planGap(report, {asOf?, isMember?}): PlanItem[]       fewest activities closing the gap, within caps
 * - planReminders(report, alreadySent): PlannedReminder[]  the one ladder step due now, if any
 * - REMINDER_LADDER                                       365, 180, 90, 30, 7 days, due, suspended, ready
 *
 * Performance: evaluation is two passes. The first validates and scores each activity once, for
 * every designation (Map lookups in indexes compiled once per pack version, no zod, no date
 * objects, cap groups found once as integer ids); the second, per designation, counts the scored
 * activities in the cycle's window (integer date compares over typed arrays). A report's
 * contributions are a ContributionList: columns shared by the reports of one evaluation (ids,
 * dates, points before caps) plus the report's own points after caps, read by position
 * (`counted(k)`, `date(k)` …) or as objects made on demand (`at(k)`, `for … of`, `toArray()`),
 * so no object is made per activity. Caps sort only the few activities they trim.
 * `npm run bench:rules` measures 20,000 activities × 3 designations.
 *
 * Status (ProgressReport.status), first match wins:
 *   expired   the cycle's suspension/grace ended without an approved renewal
 *   complete  a renewal of this cycle was approved (closed cycle)
 *   suspended past the due date, inside the suspension/grace period
 *   complete  counted ≥ required and every category minimum met
 *   due_soon  due within 90 days (DUE_SOON_DAYS)
 *   behind    after the first 30 days (BEHIND_GRACE_DAYS), counted is below the straight line
 *             required × days elapsed ÷ days in the cycle (achieved pace below linear pace)
 *   on_track  otherwise
 */
export type {
  ActivityInput,
  ActivityScore,
  ActivityTypeDef,
  CarryOver,
  CategoryDef,
  CategoryLimit,
  CategoryLine,
  CategoryYear,
  CertificationInput,
  Confidence,
  Contribution,
  CredentialInfo,
  Cycle,
  FieldDef,
  FieldError,
  FieldSpec,
  ISODate,
  OpeningBalanceInput,
  PackCredential,
  PackInfo,
  PackVersion,
  PlanItem,
  PlannedReminder,
  ProgressReport,
  ReminderKind,
  ReminderStep,
  RenewalInput,
  ReportStatus,
  ReportWarning,
  RulePack,
  SourceRef,
  SourcedFlag,
  SourcedNumber,
  WarningCode,
} from "./types";
export type { PackData } from "./schema";
export type { EvaluateInput } from "./evaluate";
export type { CountsFor } from "./sharing";

export { listPacks, getPack, ruleVersionOn, activityTypesOn } from "./registry";
export { validatePack } from "./compile";
export { scoreActivity } from "./score";
export { checkCertification, cycleOf, cyclesOf } from "./cycle";
export { evaluate, evaluateEach, BEHIND_GRACE_DAYS, DUE_SOON_DAYS } from "./evaluate";
export { planGap } from "./planner";
export { planReminders, REMINDER_LADDER } from "./reminders";
export { countsFor, evaluateAll } from "./sharing";
export { isISODate, dateNumber, fromDateNumber } from "./dates";
export type { ContributionList } from "./contributions";
