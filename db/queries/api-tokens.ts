import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiTokens, users, type User } from "@/db/schema";
import { isUuid } from "./users";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

export async function createApiToken(
  db: Database,
  userId: string,
  input: { name: string; tokenHash: string; prefix: string },
): Promise<ApiTokenRow> {
  const rows = await db
    .insert(apiTokens)
    .values({ userId, ...input })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt });
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The holder's tokens that still work, newest first. */
export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenRow[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Returns the revoked token's name, or null when the holder has no such live token. */
export async function revokeApiToken(db: Database, userId: string, id: string): Promise<{ name: string; prefix: string } | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name, prefix: apiTokens.prefix });
  return rows[0] ?? null;
}

/** Last-used times are written at most once a minute per token, so a busy client does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The holder a live (not revoked) token belongs to, or null. Records when it was last used.
 */
export async function findUserByTokenHash(db: Database, tokenHash: string, now: Date = new Date()): Promise<{ user: User; tokenId: string } | null> {
  const rows = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString()}::timestamptz`)),
      ),
    );
  return row;
}
