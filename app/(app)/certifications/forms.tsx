"use client";

import { useActionState, useState } from "react";
import { Alert, Button, Field, SelectField } from "@/app/_components/ui";
import { idle, type FormState } from "@/lib/forms";
import {
  addCertificationAction,
  deleteCertificationAction,
  deleteRenewalAction,
  saveOpeningBalanceAction,
  saveRenewalAction,
  updateCertificationAction,
} from "./actions";

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
  // A new key after each answer: React resets a form after an action, so re-render with the values.
  const key = JSON.stringify([state.status, values ?? null, state.status === "success" ? state.message : null]);
  return { formAction, pending, errors, values, banner, key };
}

export type PackChoice = { id: string; issuer: string; credentials: { code: string; name: string; kind: string }[] };

export function AddCertificationForm({ packs, today }: { packs: PackChoice[]; today: string }) {
  const { formAction, pending, errors, values, banner, key } = useForm(addCertificationAction);
  return <AddFields key={key} packs={packs} today={today} formAction={formAction} pending={pending} errors={errors} values={values} banner={banner} />;
}

function AddFields({
  packs,
  today,
  formAction,
  pending,
  errors,
  values,
  banner,
}: {
  packs: PackChoice[];
  today: string;
  formAction: (fd: FormData) => void;
  pending: boolean;
  errors: Record<string, string>;
  values?: Record<string, string>;
  banner: React.ReactNode;
}) {
  const [packId, setPackId] = useState(values?.packId ?? packs[0]?.id ?? "ascm");
  const pack = packs.find((p) => p.id === packId);
  return (
    <form action={formAction} noValidate className="space-y-4">
      {banner}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Issuer"
          name="packId"
          value={packId}
          onChange={(e) => setPackId(e.target.value)}
          error={errors.packId}
          options={packs.map((p) => ({ value: p.id, label: p.issuer }))}
        />
        <SelectField
          key={packId}
          label="Designation"
          name="credentialCode"
          defaultValue={values?.credentialCode ?? pack?.credentials[0]?.code}
          error={errors.credentialCode}
          options={(pack?.credentials ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
        />
        <Field label="Date you earned it" name="earnedDate" type="date" max={today} defaultValue={values?.earnedDate} error={errors.earnedDate} hint="As on your certificate. The first due date follows from it." />
        <Field
          label={`${pack?.issuer ?? "Issuer"} ID (optional)`}
          name="holderId"
          defaultValue={values?.holderId}
          error={errors.holderId}
          maxLength={40}
          hint="Your customer or certification number, printed on your submission summary."
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add designation"}
      </Button>
    </form>
  );
}

export function EditCertificationForm({ id, code, earnedDate, holderId, issuer, today }: { id: string; code: string; earnedDate: string; holderId: string; issuer: string; today: string }) {
  const { formAction, pending, errors, values, banner, key } = useForm(updateCertificationAction);
  const v = values ?? { earnedDate, holderId };
  return (
    <form action={formAction} noValidate className="space-y-4" key={key}>
      {banner}
      <input type="hidden" name="id" value={id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`earned-${id}`} label={`Date you earned ${code}`} name="earnedDate" type="date" max={today} defaultValue={v.earnedDate} error={errors.earnedDate} />
        <Field id={`holder-${id}`} label={`${issuer} ID (optional)`} name="holderId" defaultValue={v.holderId} error={errors.holderId} maxLength={40} />
      </div>
      <Button type="submit" kind="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}

export function RemoveCertificationForm({ id, code, consequences }: { id: string; code: string; consequences: string }) {
  const { formAction, pending, banner } = useForm(deleteCertificationAction);
  return (
    <form action={formAction} className="space-y-3">
      {banner}
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-ink">{consequences}</p>
      <Button type="submit" kind="danger" disabled={pending}>
        {pending ? "Removing…" : `Remove ${code}`}
      </Button>
    </form>
  );
}

export function RenewalForm({ certificationId, dueDates, today }: { certificationId: string; dueDates: { value: string; label: string }[]; today: string }) {
  const { formAction, pending, errors, values, banner, key } = useForm(saveRenewalAction);
  return (
    <form action={formAction} noValidate className="space-y-4" key={key}>
      {banner}
      <input type="hidden" name="certificationId" value={certificationId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id={`due-${certificationId}`} label="For the due date" name="dueDate" defaultValue={values?.dueDate} error={errors.dueDate} options={dueDates} />
        <Field id={`claimed-${certificationId}`} label="Points claimed (optional)" name="pointsClaimed" inputMode="decimal" defaultValue={values?.pointsClaimed} error={errors.pointsClaimed} />
        <Field id={`submitted-${certificationId}`} label="Submitted on" name="submittedDate" type="date" max={today} defaultValue={values?.submittedDate} error={errors.submittedDate} />
        <Field
          id={`approved-${certificationId}`}
          label="Approved on (if it was)"
          name="approvedDate"
          type="date"
          max={today}
          defaultValue={values?.approvedDate}
          error={errors.approvedDate}
          hint="An approved renewal starts the next cycle."
        />
      </div>
      <Button type="submit" kind="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save renewal"}
      </Button>
    </form>
  );
}

export function DeleteRenewalButton({ renewalId, label }: { renewalId: string; label: string }) {
  const { formAction, pending, banner } = useForm(deleteRenewalAction);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="renewalId" value={renewalId} />
      <button type="submit" disabled={pending} className="text-sm font-medium text-red-700 underline hover:text-red-800" aria-label={`Remove the renewal for ${label}`}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {banner}
    </form>
  );
}

export function OpeningBalanceForm({
  certificationId,
  categories,
  attested,
  note,
  unit,
}: {
  certificationId: string;
  categories: { id: string; label: string; depth: number; points: number }[];
  attested: boolean;
  note: string;
  unit: string;
}) {
  const { formAction, pending, errors, values, banner, key } = useForm(saveOpeningBalanceAction);
  return (
    <form action={formAction} noValidate className="space-y-4" key={key}>
      {banner}
      <input type="hidden" name="certificationId" value={certificationId} />
      <div className="grid gap-4 sm:grid-cols-2">
        {categories.map((c) => (
          <Field
            key={c.id}
            id={`ob-${certificationId}-${c.id}`}
            label={`${c.depth > 0 ? "↳ " : ""}${c.label} (${unit})`}
            name={`points.${c.id}`}
            inputMode="decimal"
            defaultValue={values?.[`points.${c.id}`] ?? (c.points ? String(c.points) : "")}
            error={errors[`points.${c.id}`]}
          />
        ))}
      </div>
      <Field id={`ob-note-${certificationId}`} label="Note (optional)" name="note" defaultValue={values?.note ?? note} error={errors.note} maxLength={500} hint="Where the points come from, e.g. “ASCM transcript, June 2024”." />
      <div className="space-y-1">
        <div className="flex items-start gap-3">
          <input
            id={`ob-attest-${certificationId}`}
            name="attested"
            type="checkbox"
            defaultChecked={values ? values.attested === "on" : attested}
            aria-invalid={errors.attested ? true : undefined}
            aria-describedby={errors.attested ? `ob-attest-${certificationId}-error` : undefined}
            className="mt-1 h-4 w-4 accent-brand-600"
          />
          <label htmlFor={`ob-attest-${certificationId}`} className="text-sm font-medium">
            I attest these points were earned and can be documented
          </label>
        </div>
        {errors.attested ? (
          <p id={`ob-attest-${certificationId}-error`} className="text-sm font-medium text-red-700">
            {errors.attested}
          </p>
        ) : null}
      </div>
      <Button type="submit" kind="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save opening balance"}
      </Button>
    </form>
  );
}
