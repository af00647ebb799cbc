/**
 * Cycles of a certification: start, due date, suspension/grace, expiry, with approved renewals
 * applied. Pure date arithmetic on ISO strings; asOf is always a parameter.
 */
import { compiledPack, versionOn, type CompiledPack } from "./compile";
import { addDays, addMonths, anniversary, diffDays, endOfMonth, isISODate } from "./dates";
import type { CyclePolicy } from "./schema";
import type { CertificationInput, Cycle, FieldError, ISODate, RenewalInput } from "./types";
import { asText } from "./text";

/** At most this many cycles are walked (a renewal loop in bad data cannot hang the engine). */
const MAX_CYCLES = 100;

export function firstDueDate(policy: CyclePolicy, start: ISODate): ISODate {
  const years = policy.lengthYears.value;
  return policy.due.rule === "end_of_month" ? endOfMonth(addMonths(start, 12 * years)) : addDays(anniversary(start, years), -1);
}

/** An approved renewal: the next due date is `lengthYears` after the current due date. */
export function nextDueDate(policy: CyclePolicy, due: ISODate): ISODate {
  const years = policy.lengthYears.value;
  return policy.due.rule === "end_of_month" ? endOfMonth(addMonths(due, 12 * years)) : addDays(anniversary(addDays(due, 1), years), -1);
}

export function graceEnd(policy: CyclePolicy, due: ISODate): ISODate {
  const n = policy.grace.length.value;
  switch (policy.grace.unit) {
    case "days":
      return addDays(due, n);
    case "months":
      return addMonths(due, n);
    case "years":
      return addMonths(due, 12 * n);
  }
}

/** Problems with a certification's input, each naming its field. Empty when it can be evaluated. */
export function checkCertification(cert: CertificationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (cert === null || typeof cert !== "object") return [{ field: "certification", message: "A certification is required." }];
  if (typeof cert.id !== "string" || cert.id === "") errors.push({ field: "id", message: "The certification has no id." });
  const cp = typeof cert.packId === "string" ? compiledPack(cert.packId) : null;
  if (cp === null) {
    errors.push({ field: "packId", message: `Unknown issuer rules "${asText(cert.packId)}". Known: ascm, pmi, isc2.` });
  } else {
    const cred = cp.credentials.get(cert.credentialCode);
    if (cred === undefined) {
      errors.push({
        field: "credentialCode",
        message: `"${asText(cert.credentialCode)}" is not a credential of ${cp.pack.issuer}. Known: ${[...cp.credentials.keys()].join(", ")}.`,
      });
    } else if (!cred.maintained) {
      errors.push({
        field: "credentialCode",
        message: `${cred.code} is an endorsement: ${cp.pack.issuer} does not require maintenance for it, so there is nothing to count.`,
      });
    }
  }
  if (!isISODate(cert.earnedDate)) errors.push({ field: "earnedDate", message: "The earned date must be a date written YYYY-MM-DD." });
  (cert.renewals ?? []).forEach((r, i) => {
    if (!isISODate(r.dueDate)) errors.push({ field: `renewals.${i}.dueDate`, message: "The renewal's due date must be a date written YYYY-MM-DD." });
    for (const k of ["submittedDate", "approvedDate"] as const) {
      const v = r[k];
      if (v !== undefined && v !== null && !isISODate(v))
        errors.push({ field: `renewals.${i}.${k}`, message: `The renewal's ${k === "submittedDate" ? "submission" : "approval"} date must be a date written YYYY-MM-DD.` });
    }
  });
  return errors;
}

function placeholder(asOf: ISODate, error: FieldError): Cycle {
  const d = isISODate(asOf) ? asOf : "1970-01-01";
  return {
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
    error,
  };
}

/** The renewal of a cycle: the one recorded for its due date, else one whose due date falls inside the cycle. */
function renewalFor(renewals: RenewalInput[], used: Set<RenewalInput>, start: ISODate, due: ISODate, suspensionEnd: ISODate): RenewalInput | undefined {
  let best: RenewalInput | undefined;
  for (const r of renewals) {
    if (used.has(r) || !isISODate(r.dueDate)) continue;
    if (r.dueDate === due) return r;
    if (best === undefined && r.dueDate >= start && r.dueDate <= suspensionEnd) best = r;
  }
  return best;
}

function validOrNull(d: ISODate | null | undefined): ISODate | null {
  return d !== undefined && d !== null && isISODate(d) ? d : null;
}

/** Cycles from the earned date to the one current on asOf, renewals approved by asOf applied. */
export function cyclesFor(cp: CompiledPack, cert: CertificationInput, asOf: ISODate): Cycle[] {
  const renewals = cert.renewals ?? [];
  const used = new Set<RenewalInput>();
  const cycles: Cycle[] = [];
  let start = cert.earnedDate;
  let countsFrom = cert.earnedDate;
  let due: ISODate | null = null;
  for (let index = 0; index < MAX_CYCLES; index++) {
    const version = versionOn(cp, start) ?? cp.versions[0];
    if (version === undefined) break;
    const policy = version.data.cycle;
    due = due === null ? firstDueDate(policy, start) : due;
    const suspensionEnd = graceEnd(policy, due);
    const renewal = renewalFor(renewals, used, start, due, suspensionEnd);
    if (renewal !== undefined) used.add(renewal);
    const submitted = validOrNull(renewal?.submittedDate);
    const recorded = validOrNull(renewal?.approvedDate);
    // An approval dated before the cycle began (a typo) is read as approved on its first day.
    const approved = recorded !== null && recorded < start ? start : recorded;
    const closed = approved !== null && approved <= asOf;
    // Activities up to the approval count for a renewed cycle (an early approval starts the next
    // cycle the day after; a late one, during the grace period, takes the grace activities with it
    // when the pack says they count). An open cycle counts up to its due date, or to the end of
    // the grace period when grace activities count.
    const graceCounts = policy.graceActivitiesCount.value;
    let countsUntil: ISODate = graceCounts ? suspensionEnd : due;
    if (approved !== null && closed) {
      if (approved <= due) countsUntil = approved;
      else countsUntil = graceCounts ? (approved < suspensionEnd ? approved : suspensionEnd) : due;
    }
    const state: Cycle["state"] = closed || asOf <= due ? "active" : asOf <= suspensionEnd ? "suspended" : "expired";
    cycles.push({
      index,
      start,
      dueDate: due,
      suspensionEnd,
      expiryDate: addDays(suspensionEnd, 1),
      state,
      daysToDue: diffDays(asOf, due),
      countsFrom,
      countsUntil,
      closed,
      submittedDate: submitted !== null && submitted <= asOf ? submitted : null,
      approvedDate: closed ? approved : null,
      ruleVersion: version.id,
    });
    if (!closed || approved === null) break;
    start = approved < due ? addDays(approved, 1) : addDays(due, 1);
    countsFrom = addDays(countsUntil, 1);
    due = nextDueDate(policy, due);
  }
  return cycles;
}

/**
 * Every cycle of a certification up to the one current on asOf (past cycles first), so past
 * cycles can be summarised. One placeholder cycle with `error` set when the input is invalid.
 */
export function cyclesOf(cert: CertificationInput, asOf: ISODate): Cycle[] {
  const errors = checkCertification(cert);
  if (!isISODate(asOf)) errors.push({ field: "asOf", message: "asOf must be a date written YYYY-MM-DD." });
  const first = errors[0];
  if (first !== undefined) return [placeholder(asOf, first)];
  const cp = compiledPack(cert.packId);
  /* c8 ignore next -- checkCertification has already proven the pack exists */
  if (cp === null) return [placeholder(asOf, { field: "packId", message: "Unknown pack." })];
  return cyclesFor(cp, cert, asOf);
}

/** The cycle current on asOf: the latest after applying renewals approved by then. */
export function cycleOf(cert: CertificationInput, asOf: ISODate): Cycle {
  const all = cyclesOf(cert, asOf);
  return all[all.length - 1] ?? placeholder(asOf, { field: "certification", message: "No cycle." });
}
