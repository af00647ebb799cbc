import "server-only";
import { getDb } from "@/db/client";
import { getUserById, updateProfile } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { audit } from "@/lib/audit";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { verifyUnsubscribeToken } from "./token";

/** The holder an unsubscribe token belongs to, or null (forged, or the account is gone). */
export async function holderForUnsubscribeToken(token: string): Promise<User | null> {
  const userId = verifyUnsubscribeToken(token, resolveAuthSecret());
  return userId ? getUserById(await getDb(), userId) : null;
}

/** Turns reminder e-mails off; true when the token was genuine. */
export async function unsubscribeWithToken(token: string, ip: string | null): Promise<boolean> {
  const user = await holderForUnsubscribeToken(token);
  if (!user) return false;
  if (user.reminderPrefs.email) {
    await updateProfile(await getDb(), user.id, { reminderPrefs: { ...user.reminderPrefs, email: false } });
    await audit({ userId: user.id, action: "reminders.unsubscribed", ip, detail: { via: "link" } });
  }
  return true;
}
