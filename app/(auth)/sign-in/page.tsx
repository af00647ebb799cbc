import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/app/_components/ui";
import { getCurrentUser } from "@/lib/auth/session";
import { AuthShell } from "../auth-shell";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Why the holder was sent here, said in one line above the form. */
const NOTICES: Record<string, string> = {
  signedOut: "You are signed out on every device, and your API tokens are revoked. Sign in again to continue.",
  created: "Your account is created. Sign in to continue.",
  passwordChanged: "Your password is changed. Sign in with the new one.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentUser()) redirect("/dashboard");
  const sp = await searchParams;
  const next = typeof sp.next === "string" ? sp.next : undefined;
  const notice = Object.keys(NOTICES).find((key) => typeof sp[key] === "string");
  return (
    <AuthShell title="Sign in to Recert" subtitle="Your certifications, points and due dates, in one place.">
      {notice ? (
        <div className="mb-4">
          <Alert tone="success">{NOTICES[notice]}</Alert>
        </div>
      ) : null}
      <SignInForm next={next} />
    </AuthShell>
  );
}
