/** Which designations one activity counts for (the activity form shows it; evaluate applies the same rules). */
import { compiledPack, versionOn, type CompiledPack } from "./compile";
import { checkCertification, cyclesFor } from "./cycle";
import { dateNumber, isISODate } from "./dates";
import { evaluateEachWith, prepareActivities, type PreparedActivities } from "./evaluate";
import { activityDate, scoreActivity } from "./score";
import type { ActivityInput, CertificationInput, ISODate, ProgressReport, ReportWarning } from "./types";
import { asText } from "./text";

export interface CountsFor {
  certificationId: string;
  credentialCode: string;
  counts: boolean;
  /** Index of the cycle whose window holds the activity, or null. */
  cycleIndex: number | null;
  dueDate: ISODate | null;
  reason: string;
}

/**
 * For each certification of the activity's issuer: does the activity count, in which cycle, and
 * why (or why not): outside every window, excluded by the holder, the exam that earned it.
 * Certifications of other issuers are left out.
 */
export function countsFor(activity: ActivityInput, certifications: CertificationInput[], asOf: ISODate): CountsFor[] {
  const out: CountsFor[] = [];
  const score = scoreActivity(activity);
  const cp = compiledPack(activity?.packId);
  for (const cert of certifications) {
    if (cert?.packId !== activity?.packId) continue;
    const base = { certificationId: cert.id, credentialCode: cert.credentialCode, cycleIndex: null, dueDate: null };
    const errors = checkCertification(cert);
    if (errors.length > 0 || cp === null) {
      out.push({ ...base, counts: false, reason: errors.map((e) => e.message).join(" ") });
      continue;
    }
    if (!score.ok) {
      out.push({ ...base, counts: false, reason: `The activity cannot be scored: ${score.errors.map((e) => e.message).join(" ")}` });
      continue;
    }
    if ((activity.excludedCertificationIds ?? []).includes(cert.id)) {
      out.push({ ...base, counts: false, reason: `You chose not to count it for ${cert.credentialCode}.` });
      continue;
    }
    const date = activityDate(cp, activity);
    const cycle = cyclesFor(cp, cert, asOf).find((c) => date >= c.countsFrom && date <= c.countsUntil);
    if (cycle === undefined) {
      out.push({ ...base, counts: false, reason: `Its date (${date}) is outside every cycle of ${cert.credentialCode}.` });
      continue;
    }
    const at = { ...base, cycleIndex: cycle.index, dueDate: cycle.dueDate };
    const field = versionOn(cp, date)?.types.get(activity.typeId)?.ownCredentialField ?? null;
    if (field !== null && activity.manualPoints == null && activity.details?.[field] === cert.credentialCode) {
      out.push({ ...at, counts: false, reason: `It is the exam that earned ${cert.credentialCode}, which does not count for ${cert.credentialCode}.` });
      continue;
    }
    out.push({ ...at, counts: true, reason: `Counts for the ${cert.credentialCode} cycle due ${cycle.dueDate}.` });
  }
  return out;
}

/**
 * Reports for all of a holder's certifications at once, plus the warnings only this view can
 * give: an activity whose date lies outside every cycle of every designation of its issuer
 * (it counts for nothing), and activities of an issuer the holder has no designation of.
 * Each report equals evaluate() of its certification; every activity is scored once per pack
 * and counted per designation (evaluateEach), and reports may share Contribution objects.
 */
export function evaluateAll(input: { certifications: CertificationInput[]; activities: ActivityInput[]; asOf: ISODate }): {
  reports: ProgressReport[];
  warnings: ReportWarning[];
} {
  const certs = Array.isArray(input?.certifications) ? input.certifications : [];
  const activities = Array.isArray(input?.activities) ? input.activities : [];
  const asOf = input?.asOf;
  const byPack = new Map<string, PreparedActivities>();
  const reports = evaluateEachWith({ certifications: certs, activities: input?.activities, asOf }, byPack);
  const warnings: ReportWarning[] = [];
  if (!isISODate(asOf)) return { reports, warnings };
  const windows = new Map<string, [number, number][]>();
  for (const cert of certs) {
    if (checkCertification(cert).length > 0) continue;
    const cp = compiledPack(cert.packId);
    if (cp === null) continue;
    const list = windows.get(cert.packId) ?? [];
    for (const c of cyclesFor(cp, cert, asOf)) list.push([dateNumber(c.countsFrom), dateNumber(c.countsUntil)]);
    windows.set(cert.packId, list);
  }
  // Outside every cycle: per pack over the prepared activities, then back in input order.
  const outside: [ActivityInput, ReportWarning][] = [];
  let matched = 0;
  for (const [packId, list] of windows) {
    const cp = compiledPack(packId) as CompiledPack;
    let pa = byPack.get(packId);
    if (pa === undefined) pa = prepareActivities(cp, activities, asOf);
    matched += pa.activities.length;
    outsideEveryCycle(cp, pa, list, asOf, outside);
  }
  if (windows.size > 1 && outside.length > 1) {
    // Each pack's warnings are in its own input order; merge the packs' by position in the input.
    const at = new Map<ActivityInput, number>();
    for (const [a] of outside) at.set(a, -1);
    activities.forEach((a, i) => {
      if (at.get(a) === -1) at.set(a, i);
    });
    outside.sort((x, y) => (at.get(x[0]) as number) - (at.get(y[0]) as number));
  }
  for (const [, w] of outside) warnings.push(w);
  // Activities of an issuer without a designation (only looked for when some activity is of no pack above).
  if (matched < activities.length) {
    const noCert = new Map<string, number>();
    for (const a of activities) {
      if (a === null || typeof a !== "object" || windows.has(a.packId)) continue;
      if (compiledPack(a.packId) === null || !isISODate(a.startDate)) continue;
      noCert.set(a.packId, (noCert.get(a.packId) ?? 0) + 1);
    }
    noCert.forEach((count, packId) => {
      const issuer = compiledPack(packId)?.pack.issuer ?? packId;
      warnings.push({
        code: "outside_window",
        message: `${count} ${count === 1 ? "activity is" : "activities are"} logged under ${issuer} rules, but you hold no ${issuer} designation: ${count === 1 ? "it counts" : "they count"} for none.`,
      });
    });
  }
  return { reports, warnings };
}

/** Warns for each activity of the pack dated (on or before asOf) outside every window of its designations. */
function outsideEveryCycle(cp: CompiledPack, pa: PreparedActivities, windows: [number, number][], asOf: ISODate, out: [ActivityInput, ReportWarning][]): void {
  const last = dateNumber(asOf);
  const { day, activities } = pa;
  const froms = Int32Array.from(windows, (w) => w[0]);
  const untils = Int32Array.from(windows, (w) => w[1]);
  const nw = windows.length;
  for (let i = 0; i < activities.length; i++) {
    let d = day[i] as number;
    if (d === 0) {
      // Invalid dates: still placed by activityDate when that date is a real one (an end before the start).
      const bad = activities[i] as ActivityInput;
      if (!isISODate(bad.startDate)) continue;
      const date = activityDate(cp, bad);
      if (!isISODate(date)) continue;
      d = dateNumber(date);
    }
    if (d > last) continue;
    let inside = false;
    for (let w = 0; w < nw && !inside; w++) inside = d >= (froms[w] as number) && d <= (untils[w] as number);
    if (inside) continue;
    const a = activities[i] as ActivityInput;
    out.push([
      a,
      {
        code: "outside_window",
        activityId: a.id,
        message: `${typeof a.title === "string" && a.title.trim() !== "" ? `“${a.title.trim()}”` : `Activity ${asText(a.id)}`} (${activityDate(cp, a)}) is outside every cycle of your ${cp.pack.issuer} designations: it counts for none.`,
      },
    ]);
  }
}
