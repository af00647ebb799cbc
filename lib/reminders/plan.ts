/**
 * Which reminders a holder is due today: lib/rules planReminders over each designation's report,
 * given the reminders already DELIVERED. A reminder whose earlier send failed is still pending
 * with its error, so planReminders proposes it again and it is retried with its existing row. A
 * pending row without an error is in flight in another run: not ours to send.
 */
import type { SentReminderRow } from "@/db/queries/reminders";
import { planReminders, type ProgressReport, REMINDER_LADDER, type ReminderKind } from "@/lib/rules";
import type { DigestItem } from "./digest";

export type DueReminder = DigestItem & {
  /** The existing pending row (a failed earlier send), or null for a first attempt. */
  pending: { id: string; attempts: number } | null;
};

const KINDS = new Set<string>(REMINDER_LADDER.map((s) => s.kind));

function isKind(kind: string): kind is ReminderKind {
  return KINDS.has(kind);
}

export function dueReminders(reports: ProgressReport[], rows: SentReminderRow[]): DueReminder[] {
  const out: DueReminder[] = [];
  for (const report of reports) {
    const mine = rows.filter((r) => r.certificationId === report.certificationId);
    const delivered: { kind: ReminderKind; dueDate: string }[] = [];
    for (const r of mine) if (r.status === "sent" && isKind(r.kind)) delivered.push({ kind: r.kind, dueDate: r.dueDate });
    for (const reminder of planReminders(report, delivered)) {
      const row = mine.find((r) => r.status === "pending" && r.kind === reminder.kind && r.dueDate === reminder.dueDate);
      if (row && row.lastError === null) continue;
      out.push({ reminder, report, pending: row ? { id: row.id, attempts: row.attempts } : null });
    }
  }
  return out;
}
