import { and, asc, count, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, DbHandle } from "@/db/client";
import { activities, certifications, remindersSent, users } from "@/db/schema";
import { type ScoringRow, scoringSources } from "./activities";

/** Arbitrary constant: the advisory lock key that picks one reminder runner across processes. */
export const REMINDER_LOCK_KEY = 7_215_301_120;

export type ReminderRecipient = { id: string; email: string; name: string; timezone: string };

/**
 * Holders who want reminder e-mails and hold at least one designation, a page at a time in id
 * order (keyset pagination, so a run over many holders never loads them all at once).
 */
export async function listReminderRecipients(
  db: Database,
  opts: { afterId?: string; limit: number },
): Promise<ReminderRecipient[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, timezone: users.timezone })
    .from(users)
    .where(
      and(
        sql`coalesce((${users.reminderPrefs} ->> 'email')::boolean, true)`,
        sql`exists (select 1 from ${certifications} c where c.user_id = ${users.id})`,
        opts.afterId ? gt(users.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(asc(users.id))
    .limit(opts.limit);
}

export type SentReminderRow = {
  id: string;
  certificationId: string;
  dueDate: string;
  kind: string;
  /** "pending" (claimed; in flight when lastError is null, a failed send to retry otherwise) or "sent". */
  status: string;
  attempts: number;
  lastError: string | null;
};

const sentReminderColumns = {
  id: remindersSent.id,
  certificationId: remindersSent.certificationId,
  dueDate: remindersSent.dueDate,
  kind: remindersSent.kind,
  status: remindersSent.status,
  attempts: remindersSent.attempts,
  lastError: remindersSent.lastError,
};

export async function listSentReminders(db: Database, userId: string): Promise<SentReminderRow[]> {
  return db
    .select(sentReminderColumns)
    .from(remindersSent)
    .where(eq(remindersSent.userId, userId));
}

/**
 * For a page of reminder recipients at once (the reminder run reads a batch in a few queries
 * instead of three per holder: bench:reminders). Each function groups its rows by holder, so a
 * holder's reminders are computed from their own rows only.
 */
export async function listSentRemindersOfHolders(db: Database, userIds: string[]): Promise<Map<string, SentReminderRow[]>> {
  const byHolder = new Map<string, SentReminderRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byHolder;
  const rows = await db
    .select({ userId: remindersSent.userId, ...sentReminderColumns })
    .from(remindersSent)
    .where(inArray(remindersSent.userId, userIds));
  for (const { userId, ...row } of rows) byHolder.get(userId)?.push(row);
  return byHolder;
}

/** How many live activities each of these holders has (to split a batch whose activities would not fit in memory). */
export async function countActivitiesOfHolders(db: Database, userIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return counts;
  const rows = await db
    .select({ userId: activities.userId, n: count() })
    .from(activities)
    .where(and(inArray(activities.userId, userIds), isNull(activities.deletedAt)))
    .groupBy(activities.userId);
  for (const r of rows) counts.set(r.userId, Number(r.n));
  return counts;
}

/**
 * listActivitiesForScoring for several holders in one query: every live activity of each, in the
 * same order (start date, creation, id) with the same exclusions and evidence counts.
 */
export async function listActivitiesForScoringOfHolders(db: Database, userIds: string[]): Promise<Map<string, ScoringRow[]>> {
  const byHolder = new Map<string, ScoringRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byHolder;
  const { excl, ev, fields } = scoringSources(db, (owner) => inArray(owner, userIds));
  const rows = await db
    .select({ userId: activities.userId, ...fields })
    .from(activities)
    .leftJoin(excl, eq(excl.activityId, activities.id))
    .leftJoin(ev, eq(ev.activityId, activities.id))
    .where(and(inArray(activities.userId, userIds), isNull(activities.deletedAt)))
    .orderBy(asc(activities.userId), asc(activities.startDate), asc(activities.createdAt), asc(activities.id));
  for (const { userId, ...row } of rows) {
    byHolder.get(userId)?.push({ ...row, evidenceCount: Number(row.evidenceCount), excludedCertificationIds: row.excludedCertificationIds ?? [] });
  }
  return byHolder;
}

/**
 * Claims a reminder that was never attempted: the unique (user, certification, due date, kind)
 * row is written BEFORE the mail goes out. Null when another run already holds it.
 */
export async function claimNewReminder(
  db: Database,
  userId: string,
  key: { certificationId: string; dueDate: string; kind: string },
): Promise<string | null> {
  const rows = await db
    .insert(remindersSent)
    .values({ userId, ...key, status: "pending", attempts: 1 })
    .onConflictDoNothing()
    .returning({ id: remindersSent.id });
  return rows[0]?.id ?? null;
}

/**
 * Claims a pending reminder whose earlier send failed (it has a lastError), compare-and-set on
 * attempts. Clearing lastError marks it in flight again, so no other runner retries it meanwhile.
 */
export async function claimRetry(db: Database, userId: string, id: string, attempts: number): Promise<boolean> {
  const rows = await db
    .update(remindersSent)
    .set({ attempts: attempts + 1, lastError: null })
    .where(
      and(
        eq(remindersSent.userId, userId),
        eq(remindersSent.id, id),
        eq(remindersSent.status, "pending"),
        eq(remindersSent.attempts, attempts),
        isNotNull(remindersSent.lastError),
      ),
    )
    .returning({ id: remindersSent.id });
  return rows.length === 1;
}

export async function markRemindersSent(db: Database, userId: string, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(remindersSent)
    .set({ status: "sent", sentAt: at, lastError: null })
    .where(and(eq(remindersSent.userId, userId), inArray(remindersSent.id, ids)));
}

/** The send failed: the rows stay pending with the error, so the next run retries them. */
export async function markRemindersFailed(db: Database, userId: string, ids: string[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(remindersSent)
    .set({ lastError: error.slice(0, 500) })
    .where(and(eq(remindersSent.userId, userId), inArray(remindersSent.id, ids), eq(remindersSent.status, "pending")));
}

/**
 * Reminders claimed by a run that died before recording the outcome (pending, no error) become
 * retriable. Only call this while no other runner can be sending (under the lock).
 */
export async function releaseInterruptedReminders(db: Database): Promise<number> {
  const rows = await db
    .update(remindersSent)
    .set({ lastError: "interrupted before the outcome was recorded" })
    .where(and(eq(remindersSent.status, "pending"), isNull(remindersSent.lastError)))
    .returning({ id: remindersSent.id });
  return rows.length;
}

/**
 * Runs `fn` only if no other process is running it. On PostgreSQL a transaction takes
 * pg_try_advisory_xact_lock and stays open while `fn` works on other pooled connections; the lock
 * goes with the transaction, also when the process dies. PGlite is one process with one
 * connection (a second process cannot open the folder), so there is nothing to lock against.
 */
export async function withReminderLock<T>(
  handle: Pick<DbHandle, "db" | "kind">,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (handle.kind !== "postgres") return { ran: true, result: await fn() };
  return handle.db.transaction(async (tx) => {
    const res: unknown = await tx.execute(sql`select pg_try_advisory_xact_lock(${REMINDER_LOCK_KEY}) as locked`);
    if (!lockedFrom(res)) return { ran: false as const };
    return { ran: true as const, result: await fn() };
  });
}

/** node-postgres answers { rows: [{ locked: true }] }. */
function lockedFrom(res: unknown): boolean {
  if (typeof res !== "object" || res === null || !("rows" in res) || !Array.isArray(res.rows)) return false;
  const row: unknown = res.rows[0];
  return typeof row === "object" && row !== null && "locked" in row && row.locked === true;
}
