import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { sessionVersionMatches } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { auth, SESSION_ABSOLUTE_MS } from "@/lib/auth/auth";

/**
 * The signed-in holder, or null. The cookie must carry the current session version of a user
 * that still exists: sign-out-everywhere, a password change and account deletion change or remove
 * it, so an old cookie is refused on its very next request. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  if (!session?.uid || typeof session.sv !== "number") return null;
  if (typeof session.started !== "number" || Date.now() - session.started > SESSION_ABSOLUTE_MS) return null;
  return sessionVersionMatches(await getDb(), session.uid, session.sv);
});

/** For pages and actions that need a holder: redirects to sign-in otherwise. */
export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
