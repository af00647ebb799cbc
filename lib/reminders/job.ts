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
import type { ScoringRow } from "@/db/queries/activities";
import { type CertificationWithHistory, listCertificationsOfHolders } from "@/db/queries/certifications";
import {
  claimNewReminder,
  claimRetry,
  countActivitiesOfHolders,
  listActivitiesForScoringOfHolders,
  listReminderRecipients,
  listSentRemindersOfHolders,
  markRemindersFailed,
  markRemindersSent,
  type ReminderRecipient,
  releaseInterruptedReminders,
  type SentReminderRow,
  withReminderLock,
} from "@/db/queries/reminders";
import { todayIn } from "@/lib/dates";
import type { MailTransport } from "@/lib/mail/transport";
import { progressOf } from "@/lib/progress/load";
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
  /**
   * Holders handled at once (their claims, digest and send): a run waits mostly on the mail
   * server, one round trip after another (bench:reminders: 10,000 holders and 3,837 e-mails took
   * 55 s with 4, 33 s with 8). Default 8; the SMTP transport keeps as many connections open.
   */
  concurrency?: number;
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

/** A holder's certifications, activities and reminder rows, read for a whole slice of a batch at once. */
type HolderData = { certifications: CertificationWithHistory[]; activities: ScoringRow[]; sent: SentReminderRow[] };

/** Most activities held in memory at once: a batch is read in slices of holders up to this many. */
const SLICE_ACTIVITIES = 50_000;

async function remindHolder(opts: ReminderRunOptions, holder: ReminderRecipient, data: HolderData): Promise<HolderOutcome> {
  const { db } = opts.handle;
  const asOf = todayIn(holder.timezone, opts.now);
  const progress = progressOf(data.certifications, data.activities, asOf);
  const due = dueReminders(progress.reports, data.sent);
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
    const db = opts.handle.db;
    const concurrency = Math.max(1, opts.concurrency ?? 8);

    const settle = (outcome: HolderOutcome) => {
      result.mails += outcome.mails;
      result.reminders += outcome.reminders;
      if (outcome.failed) {
        result.failures += 1;
        consecutive += 1;
        if (consecutive >= maxFailures && !result.stoppedEarly) {
          result.stoppedEarly = true;
          opts.log?.(`[reminders] ${consecutive} failures in a row: stopping this run; the next run retries`);
        }
      } else if (outcome.mails > 0) {
        consecutive = 0;
      }
    };

    const one = async (holder: ReminderRecipient, data: HolderData): Promise<HolderOutcome> => {
      try {
        return await remindHolder(opts, holder, data);
      } catch (err) {
        // One holder's bad data must not stop everyone else's reminders.
        opts.log?.(`[reminders] holder ${holder.id} skipped: ${err instanceof Error ? err.message : String(err)}`);
        return { mails: 0, reminders: 0, failed: true };
      }
    };

    for (;;) {
      const batch = await listReminderRecipients(db, { afterId, limit: batchSize });
      // The batch's data in three queries per slice (not three per holder), slices small enough to hold in memory.
      const sizes = await countActivitiesOfHolders(db, batch.map((h) => h.id));
      const slices: ReminderRecipient[][] = [];
      let slice: ReminderRecipient[] = [];
      let rows = 0;
      for (const holder of batch) {
        const n = sizes.get(holder.id) ?? 0;
        if (slice.length > 0 && rows + n > SLICE_ACTIVITIES) {
          slices.push(slice);
          slice = [];
          rows = 0;
        }
        slice.push(holder);
        rows += n;
      }
      if (slice.length > 0) slices.push(slice);

      for (const holders of slices) {
        const ids = holders.map((h) => h.id);
        const [certs, acts, sent] = await Promise.all([
          listCertificationsOfHolders(db, ids),
          listActivitiesForScoringOfHolders(db, ids),
          listSentRemindersOfHolders(db, ids),
        ]);
        // Up to `concurrency` holders in flight; after too many failures in a row no new one starts.
        let next = 0;
        const worker = async () => {
          while (next < holders.length && !result.stoppedEarly) {
            const holder = holders[next];
            next += 1;
            if (!holder) break;
            result.holders += 1;
            settle(await one(holder, { certifications: certs.get(holder.id) ?? [], activities: acts.get(holder.id) ?? [], sent: sent.get(holder.id) ?? [] }));
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, holders.length) }, worker));
        if (result.stoppedEarly) return result;
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
