import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";

export type CalendarOwner = { id: string; name: string; timezone: string };

/** The holder whose calendar feed has this secret, or null (wrong or revoked token). */
export async function getUserByCalendarToken(db: Database, token: string): Promise<CalendarOwner | null> {
  const rows = await db
    .select({ id: users.id, name: users.name, timezone: users.timezone })
    .from(users)
    .where(eq(users.calendarToken, token))
    .limit(1);
  return rows[0] ?? null;
}

/** Sets a new feed secret (the old URL stops working at once) or, with null, turns the feed off. */
export async function setCalendarToken(db: Database, userId: string, token: string | null): Promise<void> {
  await db.update(users).set({ calendarToken: token, updatedAt: new Date() }).where(eq(users.id, userId));
}
