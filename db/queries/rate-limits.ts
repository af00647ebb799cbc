import { and, gt, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

const BUCKET_MS = 60_000;

function bucketOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS);
}

/** Failures per key over the last `windowMs` (sliding, in one-minute buckets). */
export async function countRecent(db: Database, keys: string[], windowMs: number, now: Date): Promise<Map<string, number>> {
  const since = new Date(now.getTime() - windowMs);
  const rows = await db
    .select({ key: rateLimits.key, total: sql<number>`sum(${rateLimits.count})::int` })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, keys), gt(rateLimits.bucket, since)))
    .groupBy(rateLimits.key);
  return new Map(rows.map((r) => [r.key, Number(r.total)]));
}

export async function recordHit(db: Database, keys: string[], now: Date): Promise<void> {
  const bucket = bucketOf(now);
  await db
    .insert(rateLimits)
    .values(keys.map((key) => ({ key, bucket, count: 1 })))
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.bucket],
      set: { count: sql`${rateLimits.count} + 1` },
    });
}

export async function clearKeys(db: Database, keys: string[]): Promise<void> {
  await db.delete(rateLimits).where(inArray(rateLimits.key, keys));
}

export async function pruneOlderThan(db: Database, before: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.bucket, before));
}
