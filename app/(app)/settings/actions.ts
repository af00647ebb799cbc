"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { revokeAllCredentials } from "@/db/queries/sessions";
import { bumpSessionVersion, deleteUser, setPasswordHash, updateProfile } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { audit } from "@/lib/audit";
import { signIn, signOut } from "@/lib/auth/auth";
import { TOO_MANY_PASSWORD_TRIES_MESSAGE } from "@/lib/auth/messages";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { beginSignInAttempt, signInSucceeded } from "@/lib/auth/rate-limit";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { ChangePasswordSchema, DeleteAccountSchema, ProfileSchema } from "@/lib/auth/settings-schemas";
import { type FormState, invalid, parseForm } from "@/lib/forms";

/**
 * Checks the password a signed-in holder typed to confirm a change. It counts against the same
 * limit as sign-in: a stolen session cookie must not become a way to guess the password.
 */
async function confirmPassword(user: User, password: string, ip: string): Promise<"ok" | "wrong" | "limited"> {
  const now = new Date();
  if (!(await beginSignInAttempt(user.email, ip, now))) return "limited";
  if (!(await verifyPassword(user.passwordHash, password))) return "wrong";
  await signInSucceeded(user.email, ip, now);
  return "ok";
}

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(ProfileSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { name, timezone, ascmId, isMember } = parsed.data;
  const issuerIds = { ...user.issuerIds };
  if (ascmId) issuerIds.ascm = ascmId;
  else delete issuerIds.ascm;
  await updateProfile(await getDb(), user.id, { name, timezone, issuerIds, isMember });
  // The name in the header and "today" on every page follow the profile.
  revalidatePath("/", "layout");
  return { status: "success", message: "Your profile is saved." };
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(ChangePasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const ip = clientIp(await headers());
  const check = await confirmPassword(user, parsed.data.currentPassword, ip);
  if (check === "limited") return invalid(formData, { currentPassword: TOO_MANY_PASSWORD_TRIES_MESSAGE });
  if (check === "wrong") return invalid(formData, { currentPassword: "That is not your current password." });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  // New hash, new session version, every session and API token revoked: all or nothing.
  const revoked = await (await getDb()).transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    return revokeAllCredentials(tx, user.id);
  });
  await audit({ userId: user.id, action: "password.changed", ip, detail: { revokedSessions: revoked.sessions, revokedTokens: revoked.tokens } });
  // Every other session and every API token is now refused; this browser gets a fresh cookie.
  try {
    await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  } catch (err) {
    // The password is changed either way; without a fresh cookie, sign in again with the new one.
    if (err instanceof AuthError) redirect("/sign-in?passwordChanged=1");
    throw err;
  }
  // A redirect, not a returned message: the page re-rendered with this action's answer would still
  // read the old (now refused) cookie and send the holder to sign-in. The redirect's render gets
  // the new cookie.
  redirect("/settings?passwordChanged=1");
}

/**
 * For someone who fears the account is compromised: every session (this one included) and every
 * API token stop working at once.
 */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  const revoked = await (await getDb()).transaction(async (tx) => {
    await bumpSessionVersion(tx, user.id);
    return revokeAllCredentials(tx, user.id);
  });
  await audit({ userId: user.id, action: "sessions.revoked", ip: clientIp(await headers()), detail: { revokedSessions: revoked.sessions, revokedTokens: revoked.tokens } });
  await signOut({ redirect: false });
  redirect("/sign-in?signedOut=everywhere");
}

export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(DeleteAccountSchema, formData);
  if (!parsed.ok) return parsed.state;
  const ip = clientIp(await headers());
  const check = await confirmPassword(user, parsed.data.password, ip);
  if (check === "limited") return invalid(formData, { password: TOO_MANY_PASSWORD_TRIES_MESSAGE });
  if (check === "wrong") return invalid(formData, { password: "That is not your password." });
  await deleteUser(await getDb(), user.id);
  await audit({ userId: null, action: "account.deleted", ip });
  await signOut({ redirect: false });
  redirect("/?deleted=1");
}
