/**
 * Reminder planning: which step of the ladder a report calls for now, given what was already
 * sent for the same due date. At most one reminder per call: the most relevant step crossed,
 * never a flood of every threshold passed while the holder was away.
 */
import { longDate } from "./dates";
import { fmt } from "./score";
import type { PlannedReminder, ProgressReport, ReminderKind, ReminderStep } from "./types";

/** The ladder, in the order a holder meets it. */
export const REMINDER_LADDER: readonly ReminderStep[] = Object.freeze([
  { kind: "d365", daysBefore: 365, label: "A year before the due date" },
  { kind: "d180", daysBefore: 180, label: "Six months before the due date" },
  { kind: "d90", daysBefore: 90, label: "90 days before the due date" },
  { kind: "d30", daysBefore: 30, label: "30 days before the due date" },
  { kind: "d7", daysBefore: 7, label: "A week before the due date" },
  { kind: "due", daysBefore: 0, label: "On the due date" },
  { kind: "suspended", daysBefore: -1, label: "During the suspension or grace period" },
  { kind: "ready", daysBefore: null, label: "When the points are complete: ready to submit" },
] satisfies ReminderStep[]);

const COUNTDOWN = REMINDER_LADDER.filter((s) => s.daysBefore !== null && s.daysBefore >= 0).sort(
  (a, b) => (a.daysBefore ?? 0) - (b.daysBefore ?? 0),
);

/** Steps still worth sending to a holder who has the points but has not submitted yet. */
const NUDGES_WHEN_READY = new Set<ReminderKind>(["d30", "d7", "due"]);

function compose(kind: ReminderKind, r: ProgressReport): PlannedReminder {
  const code = r.credentialCode;
  const due = r.cycle.dueDate;
  const points = `${fmt(r.counted)} of ${fmt(r.required)} points counted`;
  const left = r.daysLeft;
  let subject: string;
  switch (kind) {
    case "ready":
      subject = `${code}: you have the points, ready to submit by ${due}`;
      break;
    case "suspended":
      subject = `${code} is suspended: renew by ${longDate(r.cycle.suspensionEnd)}`;
      break;
    case "due":
      subject = `${code} is due today (${longDate(due)})`;
      break;
    default:
      subject =
        r.status === "complete"
          ? `${code}: due in ${left} days, ready to submit`
          : `${code}: due in ${left} days, ${fmt(r.remaining)} points to go`;
  }
  const lines = [
    `${r.credentialName} (${code})`,
    `Due date: ${longDate(due)}. ${r.cycle.dueDate !== r.cycle.suspensionEnd ? `After it, ${longDate(r.cycle.suspensionEnd)} is the last day before it expires.` : ""}`.trim(),
    `${points}.`,
    r.statusReason,
  ];
  return { kind, dueDate: due, subject, message: lines.join("\n") };
}

/**
 * The reminders due now for a report, given those already sent (matched by kind and due date).
 * Returns at most one: "suspended" during suspension; "ready" once when complete (then only the
 * last nudges at 30 and 7 days and on the due date); otherwise the nearest countdown step
 * crossed, if it was not sent. Nothing for a closed, expired, submitted or invalid cycle.
 */
export function planReminders(report: ProgressReport, alreadySent: { kind: ReminderKind; dueDate: string }[]): PlannedReminder[] {
  if (report.errors.length > 0) return [];
  const c = report.cycle;
  if (c.closed || c.state === "expired" || c.submittedDate !== null) return [];
  const sent = new Set<ReminderKind>();
  for (const s of alreadySent) if (s.dueDate === c.dueDate) sent.add(s.kind);
  if (c.state === "suspended") return sent.has("suspended") ? [] : [compose("suspended", report)];
  const step = COUNTDOWN.find((s) => report.daysLeft <= (s.daysBefore ?? 0));
  if (report.status === "complete") {
    if (!sent.has("ready")) return [compose("ready", report)];
    if (step !== undefined && NUDGES_WHEN_READY.has(step.kind) && !sent.has(step.kind)) return [compose(step.kind, report)];
    return [];
  }
  if (step !== undefined && !sent.has(step.kind)) return [compose(step.kind, report)];
  return [];
}
