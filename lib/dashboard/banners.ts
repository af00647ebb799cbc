/**
 * In-app warnings, from each designation's ProgressReport: due within 180 days and short of
 * points, behind pace, suspended, expired, or complete and ready to submit. A banner's key names
 * the designation, the due date and the reminder-ladder threshold it belongs to, so dismissing it
 * hides it until the next threshold (180 → 90 → 30 → 7 days → due date).
 */
import { formatDate, formatPoints } from "@/lib/dates";
import { type ProgressReport, REMINDER_LADDER, type ReminderStep } from "@/lib/rules";

export type BannerTone = "warning" | "error" | "success";
export type BannerKind = "suspended" | "expired" | "due_soon" | "behind" | "ready";

export type Banner = {
  key: string;
  kind: BannerKind;
  tone: BannerTone;
  certificationId: string;
  title: string;
  message: string;
  action: { href: string; label: string };
};

/** Window in which a short designation gets the "due soon" banner. */
export const DUE_SOON_DAYS = 180;

/** Day thresholds of the ladder, largest first (365, 180, 90, 30, 7, 0). */
export function ladderThresholds(ladder: readonly ReminderStep[] = REMINDER_LADDER): number[] {
  return ladder
    .map((s) => s.daysBefore)
    .filter((d): d is number => d !== null && d >= 0)
    .sort((a, b) => b - a);
}

/** The ladder step a holder is in: the smallest threshold not below the days left (null before the first). */
export function thresholdFor(daysLeft: number, thresholds: number[]): number | null {
  let found: number | null = null;
  for (const t of thresholds) if (daysLeft <= t) found = t;
  return found;
}

const SEVERITY: Record<BannerKind, number> = { expired: 0, suspended: 1, due_soon: 2, behind: 3, ready: 4 };

function pointsWord(n: number): string {
  return n === 1 ? "point" : "points";
}

/** At most one banner per designation: the most urgent thing to say about it. */
export function bannerFor(report: ProgressReport, thresholds: number[]): Banner | null {
  if (report.errors.length > 0) return null;
  const { cycle, credentialCode: code, certificationId } = report;
  // Once the application is in, the holder has done their part: no nagging.
  if (cycle.submittedDate || cycle.closed) return null;
  const base = `${certificationId}:${cycle.dueDate}`;
  const plan = { href: `/dashboard#cert-${certificationId}`, label: "See what to do" };
  const short = report.remaining > 0;

  if (report.status === "expired" || cycle.state === "expired") {
    return {
      key: `expired:${base}`,
      kind: "expired",
      tone: "error",
      certificationId,
      title: `${code} expired on ${formatDate(cycle.expiryDate)}`,
      message: `It was due on ${formatDate(cycle.dueDate)} and the time to apply after that ended on ${formatDate(cycle.suspensionEnd)}. Contact the issuer about reinstating it.`,
      action: plan,
    };
  }
  if (report.status === "suspended" || cycle.state === "suspended") {
    return {
      key: `suspended:${base}`,
      kind: "suspended",
      tone: "error",
      certificationId,
      title: `${code} is suspended`,
      message: short
        ? `It was due on ${formatDate(cycle.dueDate)} and is ${formatPoints(report.remaining)} ${pointsWord(report.remaining)} short. Log the missing points and submit by ${formatDate(cycle.suspensionEnd)}, or it expires.`
        : `It was due on ${formatDate(cycle.dueDate)}. You have the points: submit your maintenance application by ${formatDate(cycle.suspensionEnd)}, or it expires.`,
      action: short ? plan : { href: "/summary", label: "Prepare the submission" },
    };
  }
  if (!short || report.status === "complete") {
    return {
      key: `ready:${base}`,
      kind: "ready",
      tone: "success",
      certificationId,
      title: `${code} is complete and ready to submit`,
      message: `You have ${formatPoints(report.counted)} of ${formatPoints(report.required)} points. Submit your maintenance application before ${formatDate(cycle.dueDate)}.`,
      action: { href: "/summary", label: "Prepare the submission" },
    };
  }
  const threshold = thresholdFor(report.daysLeft, thresholds);
  if (report.daysLeft <= DUE_SOON_DAYS) {
    const when = report.daysLeft === 0 ? "today" : report.daysLeft === 1 ? "tomorrow" : `in ${report.daysLeft} days`;
    return {
      key: `due_soon:${base}:${threshold ?? report.daysLeft}`,
      kind: "due_soon",
      tone: "warning",
      certificationId,
      title: `${code} is due ${when} and ${formatPoints(report.remaining)} ${pointsWord(report.remaining)} short`,
      message: `Due on ${formatDate(cycle.dueDate)}: ${formatPoints(report.counted)} of ${formatPoints(report.required)} points counted so far.`,
      action: plan,
    };
  }
  if (report.status === "behind") {
    return {
      key: `behind:${base}:${threshold ?? "early"}`,
      kind: "behind",
      tone: "warning",
      certificationId,
      title: `${code} is behind pace`,
      message: `You need ${formatPoints(report.pace.neededPerMonth)} points a month to finish by ${formatDate(cycle.dueDate)}; you have averaged ${formatPoints(report.pace.achievedPerMonth)}.`,
      action: plan,
    };
  }
  return null;
}

/** Banners to show: most urgent first, without the ones the holder dismissed. */
export function visibleBanners(reports: ProgressReport[], dismissed: Iterable<string>, ladder?: readonly ReminderStep[]): Banner[] {
  const thresholds = ladderThresholds(ladder);
  const hidden = new Set(dismissed);
  return reports
    .map((r) => bannerFor(r, thresholds))
    .filter((b): b is Banner => b !== null && !hidden.has(b.key))
    .sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind]);
}

/** What a banner key may look like (dismiss action input). */
export const BANNER_KEY_RE = /^(expired|suspended|due_soon|behind|ready):[0-9a-f-]{36}:\d{4}-\d{2}-\d{2}(:[a-z0-9-]+)?$/;
