"use client";

import { useActionState } from "react";
import { Alert, Button, Field, SelectField } from "@/app/_components/ui";
import { idle, type FormState } from "@/lib/forms";
import { changePasswordAction, deleteAccountAction, updateProfileAction } from "./actions";

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

export function ProfileForm(props: { name: string; timezone: string; ascmId: string; isMember: boolean; timezones: string[] }) {
  const { formAction, pending, errors, values, banner } = useForm(updateProfileAction);
  const v = values ?? { name: props.name, timezone: props.timezone, ascmId: props.ascmId, isMember: props.isMember ? "on" : "" };
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(v)}>
      {banner}
      <Field label="Name" name="name" autoComplete="name" defaultValue={v.name} error={errors.name} maxLength={100} />
      <SelectField
        label="Time zone"
        name="timezone"
        defaultValue={v.timezone}
        error={errors.timezone}
        hint="Days left and reminders follow your own calendar date."
        options={props.timezones.map((tz) => ({ value: tz, label: tz.replaceAll("_", " ") }))}
      />
      <Field
        label="ASCM customer ID (optional)"
        name="ascmId"
        defaultValue={v.ascmId}
        error={errors.ascmId}
        hint="Printed on your submission summary."
        maxLength={40}
      />
      <div className="flex items-start gap-3">
        <input id="f-isMember" name="isMember" type="checkbox" defaultChecked={v.isMember === "on"} className="mt-1 h-4 w-4 accent-brand-600" />
        <label htmlFor="f-isMember" className="text-sm">
          <span className="font-medium">I am an ASCM member</span>
          <span className="block text-muted">Members pay a lower maintenance fee.</span>
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const { state, formAction, pending, errors, banner } = useForm(changePasswordAction);
  return (
    <form action={formAction} noValidate className="space-y-4" key={state.status === "success" ? "done" : "form"}>
      {banner}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} hint="8 to 128 characters." />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function DeleteAccountForm() {
  const { formAction, pending, errors, values, banner } = useForm(deleteAccountAction);
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(values ?? {})}>
      {banner}
      <Field label="Your password" name="password" type="password" autoComplete="current-password" error={errors.password} />
      <Field label="Type DELETE to confirm" name="confirm" defaultValue={values?.confirm} error={errors.confirm} autoComplete="off" />
      <Button type="submit" kind="danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account and all my data"}
      </Button>
    </form>
  );
}
