"use client";

import { useActionState, useState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { idle } from "@/lib/forms";
import { RevokeButton } from "./revoke-button";
import { createTokenAction, revokeTokenAction, type TokenFormState } from "./tokens-actions";

export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState<TokenFormState, FormData>(createTokenAction, idle);
  const [copied, setCopied] = useState<string | null>(null);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <div className="space-y-4">
      {state.status === "created" ? (
        <Alert tone="success" title={`Token “${state.name}” created`}>
          <p>Copy it now: Recert stores only a fingerprint and cannot show it again.</p>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row">
            <label htmlFor="new-token" className="sr-only">
              Your new token
            </label>
            <input
              id="new-token"
              readOnly
              value={state.token}
              onFocus={(e) => e.currentTarget.select()}
              className="min-h-10 w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-ink"
            />
            <Button
              type="button"
              kind="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(state.token).then(() => setCopied(state.token));
              }}
            >
              {copied === state.token ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="mt-2 break-all text-xs">
            Try it: <code>curl -H &quot;Authorization: Bearer {state.token}&quot; {state.origin}/api/v1/activities</code>
          </p>
        </Alert>
      ) : state.status === "error" && state.message && !errors.name ? (
        <Alert tone="error">{state.message}</Alert>
      ) : null}
      <form action={formAction} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start" key={state.status === "created" ? state.token : JSON.stringify(values)}>
        <Field
          label="Token name"
          name="name"
          id="token-name"
          className="sm:w-80"
          defaultValue={values.name}
          error={errors.name}
          maxLength={60}
          autoComplete="off"
          hint="Where you will use it, e.g. “Laptop script”."
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  return <RevokeButton action={revokeTokenAction} id={id} label="Revoke" pendingLabel="Revoking…" ariaLabel={`Revoke token ${name}`} />;
}
