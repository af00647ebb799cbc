"use client";

import { useActionState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { idle } from "@/lib/forms";
import { deleteActivityAction, restoreActivityAction } from "./actions";

export function DeleteActivityForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState(deleteActivityAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="id" value={id} />
      <Button type="submit" kind="danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete activity"}
      </Button>
    </form>
  );
}

/** The Undo button of the "deleted" status message. */
export function UndoDeleteForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState(restoreActivityAction, idle);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" kind="secondary" disabled={pending} className="ml-2 min-h-8 px-3 py-1">
        {pending ? "Restoring…" : "Undo"}
      </Button>
      {state.status === "error" && state.message ? <span className="ml-2 font-medium text-red-800">{state.message}</span> : null}
    </form>
  );
}
