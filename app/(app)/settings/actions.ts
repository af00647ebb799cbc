"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { bumpSessionVersion, deleteUser, setPasswordHash, updateProfile } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { signIn, signOut } from "@/lib/auth/auth";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { ChangePasswordSchema, DeleteAccountSchema, ProfileSchema } from "@/lib/auth/settings-schemas";
import { type FormState, invalid, parseForm } from "@/lib/forms";

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(ProfileSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { name, timezone, ascmId, isMember } = parsed.data;
  const issuerIds = { ...user.issuerIds };
  if (ascmId) issuerIds.ascm = ascmId;
  else delete issuerIds.ascm;
  await updateProfile(await getDb(), user.id, { name, timezone, issuerIds, isMember });
  return { status: "success", message: "Your profile is saved." };
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(ChangePasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    return invalid(formData, { currentPassword: "That is not your current password." });
  }
  await setPasswordHash(await getDb(), user.id, await hashPassword(parsed.data.newPassword));
  await audit({ userId: user.id, action: "password.changed", ip: clientIp(await headers()) });
  // Every other session is now refused; this browser gets a fresh cookie.
  await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  return { status: "success", message: "Your password is changed. You were signed out on every other device." };
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await bumpSessionVersion(await getDb(), user.id);
  await audit({ userId: user.id, action: "sessions.revoked", ip: clientIp(await headers()) });
  await signOut({ redirect: false });
  redirect("/sign-in?signedOut=everywhere");
}

export async function deleteAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(DeleteAccountSchema, formData);
  if (!parsed.ok) return parsed.state;
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) {
    return invalid(formData, { password: "That is not your password." });
  }
  await deleteUser(await getDb(), user.id);
  await audit({ userId: null, action: "account.deleted", ip: clientIp(await headers()) });
  await signOut({ redirect: false });
  redirect("/?deleted=1");
}
