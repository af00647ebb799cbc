"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui";
import { type FormState, idle } from "@/lib/forms";

/** One row's revoke button (an API token, a signed-in browser): posts the row's id, shows the action's error beside it. */
export function RevokeButton({
  action,
  id,
  label,
  pendingLabel,
  ariaLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  label: string;
  pendingLabel: string;
  ariaLabel: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, idle);
  return (
    <form action={formAction} className="flex shrink-0 items-center gap-2">
      <input type="hidden" name="id" value={id} />
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <Button type="submit" kind="secondary" disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
