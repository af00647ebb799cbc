"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { idle } from "@/lib/forms";
import { signInAction } from "../actions";

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState(signInAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <form action={action} noValidate className="space-y-4" key={state.status === "error" ? JSON.stringify(values) : "form"}>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted">
        New to Recert?{" "}
        <Link href="/sign-up" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
