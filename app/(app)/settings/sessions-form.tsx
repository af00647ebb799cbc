"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui";
import { idle, type FormState } from "@/lib/forms";
import { revokeSessionAction } from "./sessions-actions";

export function RevokeSessionButton({ id, label }: { id: string; label: string }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(revokeSessionAction, idle);
  return (
    <form action={formAction} className="flex shrink-0 items-center gap-2">
      <input type="hidden" name="id" value={id} />
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <Button type="submit" kind="secondary" disabled={pending} aria-label={`Sign out ${label}`}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </form>
  );
}
