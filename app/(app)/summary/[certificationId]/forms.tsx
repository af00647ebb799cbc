"use client";

import { useActionState } from "react";
import { Alert, Button, Field } from "@/app/_components/ui";
import { idle, type FormState } from "@/lib/forms";
import { markApprovedAction, markSubmittedAction } from "./actions";

function useForm(action: (prev: FormState, fd: FormData) => Promise<FormState>) {
  const [state, formAction, pending] = useActionState(action, idle);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const banner =
    state.status === "error" && state.message ? (
      <Alert tone="error">{state.message}</Alert>
    ) : state.status === "success" ? (
      <Alert tone="success">{state.message}</Alert>
    ) : null;
  return { state, formAction, pending, errors, values, banner };
}

type CycleRef = { certificationId: string; dueDate: string };

export function MarkSubmittedForm(props: CycleRef & { today: string; counted: string; submittedDate: string | null; pointsClaimed: string }) {
  const { formAction, pending, errors, values, banner } = useForm(markSubmittedAction);
  const v = values ?? { submittedDate: props.submittedDate ?? props.today, pointsClaimed: props.pointsClaimed || props.counted };
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(v)}>
      {banner}
      <input type="hidden" name="certificationId" value={props.certificationId} />
      <input type="hidden" name="dueDate" value={props.dueDate} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Date you submitted" name="submittedDate" type="date" defaultValue={v.submittedDate} error={errors.submittedDate} max={props.today} required />
        <Field
          label="Points you claimed (optional)"
          name="pointsClaimed"
          inputMode="decimal"
          defaultValue={v.pointsClaimed}
          error={errors.pointsClaimed}
          hint="The total you entered on the form."
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : props.submittedDate ? "Update submission" : "Mark as submitted"}
      </Button>
    </form>
  );
}

export function MarkApprovedForm(props: CycleRef & { today: string; submittedDate: string }) {
  const { formAction, pending, errors, values, banner } = useForm(markApprovedAction);
  const v = values ?? { approvedDate: props.today };
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(v)}>
      {banner}
      <input type="hidden" name="certificationId" value={props.certificationId} />
      <input type="hidden" name="dueDate" value={props.dueDate} />
      <Field
        label="Date it was approved"
        name="approvedDate"
        type="date"
        defaultValue={v.approvedDate}
        error={errors.approvedDate}
        min={props.submittedDate}
        max={props.today}
        required
        hint="The next cycle starts when you save this."
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Mark as approved"}
      </Button>
    </form>
  );
}
