import crypto from "node:crypto";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

const BUCKET_MS = 60_000;
/** First key of the two-key advisory locks taken per rate-limit key (the second is a hash of it). */
const LOCK_CLASS = 52_817;

/** A stable 32-bit lock id for a key (the two-int advisory lock space never meets the bigint one). */
function lockId(key: string): number {
  return crypto.createHash("sha256").update(key).digest().readInt32BE(0);
}

function bucketOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS);
}

/**
 * Hits per key over the last `windowMs` (sliding, in one-minute buckets). A bucket counts while
 * any part of it is inside the window, so a hit counts for at least `windowMs` (and at most one
 * bucket longer): a limit of 10 per 15 minutes is never looser than that.
 */
export async function countRecent(db: Database, keys: string[], windowMs: number, now: Date): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const since = new Date(now.getTime() - windowMs - BUCKET_MS);
  const rows = await db
    .select({ key: rateLimits.key, total: sql<number>`sum(${rateLimits.count})::int` })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, keys), gt(rateLimits.bucket, since)))
    .groupBy(rateLimits.key);
  return new Map(rows.map((r) => [r.key, Number(r.total)]));
}

/**
 * Records one hit on every key unless one of them has already reached its limit in the window;
 * returns whether it did. Check and count happen under a per-key advisory lock in one transaction,
 * so callers arriving at the same moment are counted one after the other and never overshoot.
 */
export async function hitUnlessLimited(
  db: Database,
  limits: { key: string; max: number }[],
  windowMs: number,
  now: Date,
): Promise<boolean> {
  if (limits.length === 0) return true;
  const keys = limits.map((l) => l.key);
  // Always in the same order, so two callers sharing keys cannot deadlock.
  const locks = [...new Set(keys.map(lockId))].sort((a, b) => a - b);
  return db.transaction(async (tx) => {
    for (const id of locks) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${id})`);
    const counts = await countRecent(tx, keys, windowMs, now);
    if (limits.some((l) => (counts.get(l.key) ?? 0) >= l.max)) return false;
    await recordHit(tx, keys, now);
    return true;
  });
}

export async function recordHit(db: Database, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  const bucket = bucketOf(now);
  await db
    .insert(rateLimits)
    .values(keys.map((key) => ({ key, bucket, count: 1 })))
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.bucket],
      set: { count: sql`${rateLimits.count} + 1` },
    });
}

/** Takes back one hit recorded at `now` (an attempt that turned out not to count). */
export async function releaseHit(db: Database, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(inArray(rateLimits.key, keys), eq(rateLimits.bucket, bucketOf(now))));
}

export async function clearKeys(db: Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.delete(rateLimits).where(inArray(rateLimits.key, keys));
}

export async function pruneOlderThan(db: Database, before: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.bucket, before));
}
