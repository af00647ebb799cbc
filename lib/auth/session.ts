import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { currentSessionUser, touchSession } from "@/db/queries/sessions";
import type { User } from "@/db/schema";
import { auth, SESSION_ABSOLUTE_MS } from "@/lib/auth/auth";

/**
 * The signed-in holder, or null. The cookie must name a session row that is not revoked and the
 * current session version of a user that still exists: sign-out revokes the row, sign-out-
 * everywhere and a password change revoke every row and bump the version, account deletion
 * removes both, so a copied cookie is refused on its very next request. One query (the user and
 * the session row together), plus a write of last_seen_at at most once an hour. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  if (!session?.uid || typeof session.sv !== "number" || typeof session.sid !== "string") return null;
  if (typeof session.started !== "number" || Date.now() - session.started > SESSION_ABSOLUTE_MS) return null;
  const db = await getDb();
  const found = await currentSessionUser(db, session.uid, session.sv, session.sid);
  if (!found) return null;
  if (found.touch) await touchSession(db, session.sid).catch(() => {});
  return found.user;
});

/** The server-side session id of this request's cookie (not checked: use with getCurrentUser). */
export async function currentSessionId(): Promise<string | null> {
  const session = await auth();
  return typeof session?.sid === "string" ? session.sid : null;
}

/** For pages and actions that need a holder: redirects to sign-in otherwise. */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
