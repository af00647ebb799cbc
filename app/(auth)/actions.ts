"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { revokeSession } from "@/db/queries/sessions";
import { createUser } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { RATE_LIMITED_MESSAGE, WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/messages";
import { safeNextPath } from "@/lib/auth/next-path";
import { hashPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/request-ip";
import { SignInSchema, SignUpSchema } from "@/lib/auth/schemas";
import { type FormState, invalid, parseForm } from "@/lib/forms";

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(SignUpSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { name, email, password, timezone } = parsed.data;
  const user = await createUser(await getDb(), { name, email, timezone, passwordHash: await hashPassword(password) });
  if (!user) {
    return invalid(formData, { email: "An account with this email already exists. Sign in instead, or use another email." });
  }
  await audit({ userId: user.id, action: "account.created", ip: clientIp(await headers()) });
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    // The account exists; only the automatic sign-in failed (e.g. this address is rate limited).
    if (err instanceof AuthError) redirect("/sign-in?created=1");
    throw err;
  }
  redirect("/dashboard");
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(SignInSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin && err.code === "rate_limited") return invalid(formData, {}, RATE_LIMITED_MESSAGE);
    if (err instanceof AuthError) return invalid(formData, {}, WRONG_CREDENTIALS_MESSAGE);
    throw err;
  }
  redirect(safeNextPath(formData.get("next")));
}

/**
 * Ends this browser's session on the server too (ASVS 7.4.1), then clears the cookie: a copy of
 * the cookie taken before is refused from now on. Other sessions of the holder keep working.
 */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  if (session?.uid && session.sid) await revokeSession(await getDb(), session.uid, session.sid);
  await signOut({ redirectTo: "/" });
}
