"use client";

import Link from "next/link";
import { useActionState, useSyncExternalStore } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { idle } from "@/lib/forms";
import { signUpAction } from "../actions";

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, idle);
  // The browser's time zone is the holder's default "today"; it can be changed in Settings.
  const timezone = useSyncExternalStore(noSubscription, browserTimeZone, () => "UTC");
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <form action={action} noValidate className="space-y-4" key={state.status === "error" ? JSON.stringify(values) : "form"}>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="timezone" value={timezone} />
      <Field label="Name" name="name" autoComplete="name" defaultValue={values.name} error={errors.name} required maxLength={100} />
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint="8 to 128 characters. A few unrelated words make a strong one."
        required
      />
      <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
