/**
 * The reminder run: for every holder who wants e-mails, today's reminders from lib/rules
 * (planReminders over each designation's ProgressReport), sent as ONE digest per holder.
 *
 * Exactly once: each (holder, designation, due date, kind) row is claimed in reminders_sent
 * BEFORE the mail goes out (unique key; status pending), and marked sent after. A failed send
 * leaves the row pending, so the next run retries it. Only one process runs at a time
 * (PostgreSQL advisory lock); the unique rows keep it exactly-once even if two did.
 */
import "server-only";
import type { DbHandle } from "@/db/client";
import {
  claimNewReminder,
  claimRetry,
  listReminderRecipients,
  listSentReminders,
  markRemindersFailed,
  markRemindersSent,
  type ReminderRecipient,
  releaseInterruptedReminders,
  withReminderLock,
} from "@/db/queries/reminders";
import { todayIn } from "@/lib/dates";
import type { MailTransport } from "@/lib/mail/transport";
import { loadHolderProgress } from "@/lib/progress/load";
import { composeDigest, type DigestItem } from "./digest";
import { dueReminders } from "./plan";
import { unsubscribeToken } from "./token";

export type ReminderRunOptions = {
  handle: Pick<DbHandle, "db" | "kind">;
  /** The clock; each holder's "today" is this instant in their own time zone. */
  now: Date;
  transport: MailTransport;
  appUrl: string;
  /** Signs the unsubscribe links (the auth secret). */
  secret: string;
  batchSize?: number;
  /** After this many failed sends in a row the run stops; the next run picks up (e.g. SMTP is down). */
  maxConsecutiveFailures?: number;
  log?: (line: string) => void;
  /**
   * Make reminders claimed by a run that died mid-send retriable. Default: yes, because this run
   * is the only one (PostgreSQL: it holds the lock; PGlite: one process, ticks never overlap).
   */
  releaseInterrupted?: boolean;
};

export type ReminderRunResult = {
  /** False when another process held the lock. */
  ran: boolean;
  holders: number;
  mails: number;
  reminders: number;
  failures: number;
  stoppedEarly: boolean;
};

type HolderOutcome = { mails: number; reminders: number; failed: boolean };

async function remindHolder(opts: ReminderRunOptions, holder: ReminderRecipient): Promise<HolderOutcome> {
  const { db } = opts.handle;
  const asOf = todayIn(holder.timezone, opts.now);
  const [progress, sentRows] = await Promise.all([loadHolderProgress(db, holder, { asOf }), listSentReminders(db, holder.id)]);
  const due = dueReminders(progress.reports, sentRows);
  if (due.length === 0) return { mails: 0, reminders: 0, failed: false };

  // Claim before sending. A row someone else holds is not ours to send.
  const claimed: { id: string; item: DigestItem }[] = [];
  for (const d of due) {
    const key = { certificationId: d.report.certificationId, dueDate: d.reminder.dueDate, kind: d.reminder.kind };
    if (d.pending) {
      if (await claimRetry(db, holder.id, d.pending.id, d.pending.attempts)) claimed.push({ id: d.pending.id, item: d });
    } else {
      const id = await claimNewReminder(db, holder.id, key);
      if (id) claimed.push({ id, item: d });
    }
  }
  if (claimed.length === 0) return { mails: 0, reminders: 0, failed: false };

  const digest = composeDigest({
    holderName: holder.name,
    items: claimed.map((c) => c.item),
    appUrl: opts.appUrl,
    unsubscribeToken: unsubscribeToken(holder.id, opts.secret),
  });
  const ids = claimed.map((c) => c.id);
  try {
    await opts.transport.send(holder.id, { to: holder.email, subject: digest.subject, text: digest.text, html: digest.html, headers: digest.headers });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markRemindersFailed(db, holder.id, ids, message);
    opts.log?.(`[reminders] send to holder ${holder.id} failed, will retry next run: ${message}`);
    return { mails: 0, reminders: 0, failed: true };
  }
  await markRemindersSent(db, holder.id, ids, new Date());
  return { mails: 1, reminders: ids.length, failed: false };
}

/** One run over every holder. Safe to call from several processes at once. */
export async function runReminders(opts: ReminderRunOptions): Promise<ReminderRunResult> {
  const batchSize = opts.batchSize ?? 200;
  const maxFailures = opts.maxConsecutiveFailures ?? 3;
  const locked = await withReminderLock(opts.handle, async () => {
    const result: ReminderRunResult = { ran: true, holders: 0, mails: 0, reminders: 0, failures: 0, stoppedEarly: false };
    if (opts.releaseInterrupted ?? true) {
      const released = await releaseInterruptedReminders(opts.handle.db);
      if (released > 0) opts.log?.(`[reminders] ${released} reminders from an interrupted run will be retried`);
    }
    let consecutive = 0;
    let afterId: string | undefined;
    for (;;) {
      const batch = await listReminderRecipients(opts.handle.db, { afterId, limit: batchSize });
      for (const holder of batch) {
        result.holders += 1;
        let outcome: HolderOutcome;
        try {
          outcome = await remindHolder(opts, holder);
        } catch (err) {
          // One holder's bad data must not stop everyone else's reminders.
          opts.log?.(`[reminders] holder ${holder.id} skipped: ${err instanceof Error ? err.message : String(err)}`);
          outcome = { mails: 0, reminders: 0, failed: true };
        }
        result.mails += outcome.mails;
        result.reminders += outcome.reminders;
        if (outcome.failed) {
          result.failures += 1;
          consecutive += 1;
          if (consecutive >= maxFailures) {
            result.stoppedEarly = true;
            opts.log?.(`[reminders] ${consecutive} failures in a row: stopping this run; the next run retries`);
            return result;
          }
        } else if (outcome.mails > 0) {
          consecutive = 0;
        }
      }
      const last = batch.at(-1);
      if (!last || batch.length < batchSize) break;
      afterId = last.id;
    }
    return result;
  });
  if (!locked.ran) {
    opts.log?.("[reminders] another process is running the reminders; skipped");
    return { ran: false, holders: 0, mails: 0, reminders: 0, failures: 0, stoppedEarly: false };
  }
  return locked.result;
}
