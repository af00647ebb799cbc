"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createUser } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { signIn, signOut } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/request-ip";
import { SignInSchema, SignUpSchema } from "@/lib/auth/schemas";
import { type FormState, invalid, parseForm } from "@/lib/forms";

/** Only same-site paths may follow a sign-in (no open redirect). */
function nextPath(value: FormDataEntryValue | null): string {
  if (typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) {
    return value;
  }
  return "/dashboard";
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(SignUpSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { name, email, password, timezone } = parsed.data;
  const user = await createUser(await getDb(), { name, email, timezone, passwordHash: await hashPassword(password) });
  if (!user) {
    return invalid(formData, { email: "An account with this email already exists. Sign in instead, or use another email." });
  }
  await audit({ userId: user.id, action: "account.created", ip: clientIp(await headers()) });
  await signIn("credentials", { email, password, redirect: false });
  redirect("/dashboard");
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(SignInSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin && err.code === "rate_limited") {
      return invalid(formData, {}, "Too many failed sign-in attempts. Wait 15 minutes and try again.");
    }
    if (err instanceof AuthError) return invalid(formData, {}, "The email or password is incorrect.");
    throw err;
  }
  redirect(nextPath(formData.get("next")));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
