/** Which designations one activity counts for (the activity form shows it; evaluate applies the same rules). */
import { compiledPack, versionOn } from "./compile";
import { checkCertification, cyclesFor } from "./cycle";
import { activityDate, scoreActivity } from "./score";
import type { ActivityInput, CertificationInput, ISODate } from "./types";

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
