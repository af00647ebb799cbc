/**
 * The calendar feed's events, from each designation's ProgressReport: the due date, the end of
 * suspension and the reminder milestones (365, 180, 90, 30 and 7 days before the due date) as
 * all-day events. UIDs name the designation, the due date and the event kind, so a refresh updates
 * events in place and a renewal (a new due date) adds new ones.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import { type ProgressReport, REMINDER_LADDER, type ReminderStep } from "@/lib/rules";
import { buildCalendar, type CalendarEvent } from "./ics";

const UID_DOMAIN = "recert.app";

function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function progressLine(report: ProgressReport): string {
  return report.remaining > 0
    ? `${formatPoints(report.counted)} of ${formatPoints(report.required)} points counted on ${formatDate(report.asOf)}; ${formatPoints(report.remaining)} to go.`
    : `All ${formatPoints(report.required)} points counted: ready to submit.`;
}

export function calendarEvents(reports: ProgressReport[], appUrl: string, ladder: readonly ReminderStep[] = REMINDER_LADDER): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  const dashboard = `${appUrl}/dashboard`;
  for (const report of reports) {
    if (report.errors.length > 0) continue;
    const { cycle, credentialCode: code, certificationId: id } = report;
    const uid = (kind: string) => `${kind}-${id}-${cycle.dueDate}@${UID_DOMAIN}`;
    const categories = ["Recert", code];
    events.push({
      uid: uid("due"),
      date: cycle.dueDate,
      summary: `${code} maintenance due`,
      description: `Submit your ${report.credentialName} maintenance application by today. ${progressLine(report)}\n${dashboard}`,
      url: dashboard,
      categories,
    });
    events.push({
      uid: uid("suspension-end"),
      date: cycle.suspensionEnd,
      summary: `${code}: last day of suspension`,
      description: `If ${code} is not renewed by today it expires on ${formatDate(cycle.expiryDate)}.\n${dashboard}`,
      url: dashboard,
      categories,
    });
    for (const step of ladder) {
      if (step.daysBefore === null || step.daysBefore <= 0) continue;
      events.push({
        uid: uid(`reminder-${step.kind}`),
        date: addDays(cycle.dueDate, -step.daysBefore),
        summary: `${code} due in ${step.daysBefore} days`,
        description: `${code} is due on ${formatDate(cycle.dueDate)}. ${progressLine(report)}\n${dashboard}`,
        url: dashboard,
        categories,
      });
    }
  }
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : 1));
}

export function holderCalendar(reports: ProgressReport[], opts: { holderName: string; appUrl: string; now: Date }): string {
  return buildCalendar({
    name: "Recert: certification deadlines",
    description: `Due dates and reminders for ${opts.holderName}'s certifications, from Recert.`,
    events: calendarEvents(reports, opts.appUrl),
    now: opts.now,
  });
}
