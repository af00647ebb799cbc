/** Which designations one activity counts for (the activity form shows it; evaluate applies the same rules). */
import { compiledPack, versionOn } from "./compile";
import { checkCertification, cyclesFor } from "./cycle";
import { isISODate } from "./dates";
import { evaluateEach } from "./evaluate";
import { activityDate, scoreActivity } from "./score";
import type { ActivityInput, CertificationInput, ISODate, ProgressReport, ReportWarning } from "./types";

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
 */
export function evaluateAll(input: { certifications: CertificationInput[]; activities: ActivityInput[]; asOf: ISODate }): {
  reports: ProgressReport[];
  warnings: ReportWarning[];
} {
  const certs = Array.isArray(input?.certifications) ? input.certifications : [];
  const activities = Array.isArray(input?.activities) ? input.activities : [];
  const asOf = input?.asOf;
  // Each activity is scored once per pack and counted per designation (evaluateEach).
  const reports = evaluateEach({ certifications: certs, activities: input?.activities, asOf });
  const warnings: ReportWarning[] = [];
  if (!isISODate(asOf)) return { reports, warnings };
  const windows = new Map<string, [ISODate, ISODate][]>();
  for (const cert of certs) {
    if (checkCertification(cert).length > 0) continue;
    const cp = compiledPack(cert.packId);
    if (cp === null) continue;
    const list = windows.get(cert.packId) ?? [];
    for (const c of cyclesFor(cp, cert, asOf)) list.push([c.countsFrom, c.countsUntil]);
    windows.set(cert.packId, list);
  }
  const noCert = outsideEveryCycle(activities, windows, asOf, warnings);
  noCert.forEach((count, packId) => {
    const issuer = compiledPack(packId)?.pack.issuer ?? packId;
    warnings.push({
      code: "outside_window",
      message: `${count} ${count === 1 ? "activity is" : "activities are"} logged under ${issuer} rules, but you hold no ${issuer} designation: ${count === 1 ? "it counts" : "they count"} for none.`,
    });
  });
  return { reports, warnings };
}

/** Warns for each activity outside every window of its pack; counts activities of packs without a designation. */
function outsideEveryCycle(activities: ActivityInput[], windows: Map<string, [ISODate, ISODate][]>, asOf: ISODate, warnings: ReportWarning[]): Map<string, number> {
  const noCert = new Map<string, number>();
  for (const a of activities) {
    if (a === null || typeof a !== "object") continue;
    const cp = compiledPack(a.packId);
    if (cp === null || !isISODate(a.startDate)) continue;
    const list = windows.get(a.packId);
    if (list === undefined) {
      noCert.set(a.packId, (noCert.get(a.packId) ?? 0) + 1);
      continue;
    }
    const date = activityDate(cp, a);
    if (!isISODate(date) || date > asOf) continue;
    if (list.some(([from, until]) => date >= from && date <= until)) continue;
    warnings.push({
      code: "outside_window",
      activityId: a.id,
      message: `${typeof a.title === "string" && a.title.trim() !== "" ? `“${a.title.trim()}”` : `Activity ${a.id}`} (${date}) is outside every cycle of your ${cp.pack.issuer} designations: it counts for none.`,
    });
  }
  return noCert;
}
