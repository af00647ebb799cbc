/**
 * Server-side sessions (ASVS 7.4.1): one row per sign-in, its id inside the session cookie.
 * The per-request check reads the user and the session in one query (`currentSessionUser`).
 */
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens, sessions, users, type User } from "@/db/schema";
import { isUuid } from "./users";

/** last_seen_at is written at most this often per session. */
export const LAST_SEEN_RESOLUTION_MS = 3600_000;
/** Revoked or expired session rows older than this are pruned now and then. */
const KEEP_MS = 31 * 24 * 3600_000;

export async function createSession(db: Database, userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const rows = await db
    .insert(sessions)
    .values({ userId, userAgent: userAgent ? userAgent.slice(0, 256) : null, createdAt: now, lastSeenAt: now })
    .returning({ id: sessions.id });
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  // Now and then, drop rows no cookie can use any more (revoked, or past the 30-day lifetime).
  if (Math.random() < 0.02) {
    const before = new Date(now.getTime() - KEEP_MS);
    await db.delete(sessions).where(or(lt(sessions.revokedAt, before), lt(sessions.createdAt, before)));
  }
  return row.id;
}

/**
 * The user of a cookie, or null: the user exists, the cookie's session version is the user's,
 * and its session row is the user's and not revoked. One query. Also says whether last_seen_at
 * is due for a write (see `touchSession`).
 */
export async function currentSessionUser(
  db: Database,
  userId: string,
  version: number,
  sessionId: string,
  now = new Date(),
): Promise<{ user: User; touch: boolean } | null> {
  if (!isUuid(userId) || !isUuid(sessionId)) return null;
  const rows = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(users)
    .innerJoin(sessions, and(eq(sessions.id, sessionId), eq(sessions.userId, users.id), isNull(sessions.revokedAt)))
    .where(and(eq(users.id, userId), eq(users.sessionVersion, version)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { user: row.user, touch: now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS };
}

export async function touchSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

/** Revokes one session of the holder; true when it was live. */
export async function revokeSession(db: Database, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  if (!isUuid(userId) || !isUuid(sessionId)) return false;
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/**
 * Everything that signs in as the holder stops working: every session and every API token
 * (sign out everywhere, a password change). Returns how many of each were live.
 */
export async function revokeAllCredentials(db: Database, userId: string, now = new Date()): Promise<{ sessions: number; tokens: number }> {
  const s = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  const t = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessions: s.length, tokens: t.length };
}

export type SessionRow = { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string | null };

/** The holder's live sessions, most recently seen first. */
export async function listSessions(db: Database, userId: string, maxAgeMs: number, now = new Date()): Promise<SessionRow[]> {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`${sessions.createdAt} > ${new Date(now.getTime() - maxAgeMs).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}
