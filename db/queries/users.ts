import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";

export type NewUserInput = { email: string; name: string; passwordHash: string; timezone: string };

/** Returns null when the email is taken (in any letter case). */
export async function createUser(db: Database, input: NewUserInput): Promise<User | null> {
  const rows = await db
    .insert(users)
    .values({ ...input, email: input.email.trim() })
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

export async function getUserByEmail(db: Database, email: string): Promise<User | null> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function getUserById(db: Database, id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function emailTaken(db: Database, email: string): Promise<boolean> {
  return (await getUserByEmail(db, email)) !== null;
}

export async function updateProfile(
  db: Database,
  userId: string,
  patch: Partial<Pick<User, "name" | "timezone" | "issuerIds" | "isMember" | "reminderPrefs">>,
): Promise<User | null> {
  const rows = await db
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  return rows[0] ?? null;
}

/** New password hash and a new session version: every existing cookie stops working. */
export async function setPasswordHash(db: Database, userId: string, passwordHash: string): Promise<number | null> {
  const rows = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return rows[0]?.sessionVersion ?? null;
}

export async function bumpSessionVersion(db: Database, userId: string): Promise<number | null> {
  const rows = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return rows[0]?.sessionVersion ?? null;
}

/** Deletes the account; every row of the holder goes with it (ON DELETE CASCADE). */
export async function deleteUser(db: Database, userId: string): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length === 1;
}

export async function sessionVersionMatches(db: Database, userId: string, version: number): Promise<User | null> {
  if (!isUuid(userId)) return null;
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.sessionVersion, version)))
    .limit(1);
  return rows[0] ?? null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from outside are checked before they reach SQL: a malformed id is a missing one. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
