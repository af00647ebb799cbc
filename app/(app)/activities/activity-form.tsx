"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert, Button, ButtonLink, cx, Field, inputClass, SelectField } from "@/app/_components/ui";
import type { TypeGroup, TypeOption } from "@/lib/activities/catalog";
import type { FormValues } from "@/lib/activities/form-values";
import type { Preview } from "@/lib/activities/preview";
import type { FieldSpec } from "@/lib/rules";
import { type ActivityFormState, previewActivityAction, saveActivityAction } from "./actions";

export type FormPack = { id: string; issuer: string; unit: string; groups: TypeGroup[] };
export type FormCert = { id: string; packId: string; code: string; name: string };

type Props = {
  activityId?: string;
  version?: number;
  initial: FormValues;
  packs: FormPack[];
  certifications: FormCert[];
};

const idle: ActivityFormState = { status: "idle" };

export function ActivityForm(props: Props) {
  const [state, formAction, pending] = useActionState(saveActivityAction, idle);
  const values = "values" in state ? state.values : props.initial;
  const version = state.status === "conflict" ? state.version : props.version;
  // Remount with the returned values after every answer: React resets a form after an action.
  return (
    <ActivityFormFields
      key={JSON.stringify([state.status, values, version])}
      {...props}
      values={values}
      version={version}
      state={state}
      formAction={formAction}
      pending={pending}
    />
  );
}

function findType(pack: FormPack | undefined, typeId: string): TypeOption | undefined {
  for (const g of pack?.groups ?? []) {
    const t = g.types.find((x) => x.id === typeId);
    if (t) return t;
  }
  return undefined;
}

function ActivityFormFields({
  activityId,
  version,
  values,
  packs,
  certifications,
  state,
  formAction,
  pending,
}: Props & { values: FormValues; version?: number; state: ActivityFormState; formAction: (fd: FormData) => void; pending: boolean }) {
  const [packId, setPackId] = useState(values.packId || packs[0]?.id || "ascm");
  const [typeId, setTypeId] = useState(values.typeId ?? "");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  const pack = packs.find((p) => p.id === packId);
  const type = findType(pack, typeId);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const excluded = new Set((values.excluded ?? "").split(",").filter(Boolean));
  const packCerts = certifications.filter((c) => c.packId === packId);

  function schedulePreview(delay = 400) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const form = formRef.current;
      if (!form) return;
      const fd = new FormData(form);
      if (!fd.get("typeId")) {
        setPreview(null);
        return;
      }
      const mine = ++seq.current;
      setLoading(true);
      try {
        const p = await previewActivityAction(fd);
        if (mine === seq.current) setPreview(p);
      } catch {
        if (mine === seq.current) setPreview(null);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, delay);
  }

  // The first preview (an activity being edited shows its points at once); later ones follow input.
  useEffect(() => {
    schedulePreview(0);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const countsById = new Map(preview?.ok ? preview.countsFor.map((c) => [c.certificationId, c]) : []);

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onChange={() => schedulePreview()}
      className="grid gap-6 pb-16 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:pb-0"
    >
      {/* On a phone the full preview sits below the fields: keep the points in sight while typing. */}
      {type && preview?.ok ? (
        <div aria-hidden="true" className="fixed inset-x-0 bottom-0 z-10 border-t border-brand-200 bg-brand-50 px-4 py-2 text-sm shadow-lg lg:hidden">
          <span className="text-lg font-bold text-ink">{formatPts(preview.points)}</span> {preview.points === 1 ? (pack?.unit ?? "points").replace(/s$/, "") : (pack?.unit ?? "points")}
          <span className="text-muted"> · {preview.categoryLabel}</span>
          {preview.capWarnings.length > 0 ? <span className="ml-2 font-semibold text-amber-900">Over a cap</span> : null}
        </div>
      ) : null}
      {activityId ? <input type="hidden" name="id" value={activityId} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <input type="hidden" name="shownCertIds" value={packCerts.map((c) => c.id).join(",")} />

      <div className="space-y-5">
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
        {state.status === "conflict" ? <ConflictNotice state={state} activityId={activityId} /> : null}
        {state.status === "duplicate" ? <DuplicateNotice duplicates={state.duplicates} /> : null}

        {packs.length > 1 ? (
          <SelectField
            label="Issuer"
            name="packId"
            value={packId}
            onChange={(e) => {
              setPackId(e.target.value);
              setTypeId("");
            }}
            error={errors.packId}
            options={packs.map((p) => ({ value: p.id, label: p.issuer }))}
          />
        ) : (
          <input type="hidden" name="packId" value={packId} />
        )}

        <div className="space-y-1">
          <label htmlFor="f-typeId" className="block text-sm font-medium text-ink">
            Kind of activity
          </label>
          <select
            id="f-typeId"
            name="typeId"
            value={typeId}
            onChange={(e) => setTypeId(e.target.value)}
            aria-invalid={errors.typeId ? true : undefined}
            aria-describedby={[type ? "f-typeId-hint" : "", errors.typeId ? "f-typeId-error" : ""].filter(Boolean).join(" ") || undefined}
            className={inputClass}
          >
            <option value="">Choose the kind of activity…</option>
            {pack?.groups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {type ? (
            <p id="f-typeId-hint" className="text-xs text-muted">
              {type.description}
            </p>
          ) : null}
          {errors.typeId ? (
            <p id="f-typeId-error" className="text-sm font-medium text-red-700">
              {errors.typeId}
            </p>
          ) : null}
        </div>

        <Field label="Title" name="title" defaultValue={values.title} error={errors.title} maxLength={200} hint="What you would call it on your application, e.g. “APICS Connect 2024” or “Lean Supply Chain (book)”." />
        <Field label="Provider (optional)" name="provider" defaultValue={values.provider} error={errors.provider} maxLength={200} hint="Who ran or published it." />

        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={type?.datedByStart ? "Start date" : "Date"}
            name="startDate"
            type="date"
            defaultValue={values.startDate}
            error={errors.startDate}
            hint={type?.datedByStart ? "Memberships and service years count on the day they start." : "The day it took place, or its first day."}
          />
          {type?.datedByStart ? null : (
            <Field label="Last day (optional)" name="endDate" type="date" defaultValue={values.endDate} error={errors.endDate} hint="Only if it ran over several days." />
          )}
        </div>

        {type ? (
          <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-ink">{type.label}: details</legend>
            {type.fields.length === 0 ? <p className="text-sm text-muted">Nothing more to enter: this earns fixed points per {type.unitLabel.replace(/s$/, "")}.</p> : null}
            {type.fields.map((spec) => (
              <SpecInput key={spec.key} spec={spec} values={values} errors={errors} />
            ))}
          </fieldset>
        ) : null}

        <details className="rounded-md border border-slate-200 p-4" open={Boolean(values.manualPoints || errors.manualPoints || errors.manualReason)}>
          <summary className="cursor-pointer text-sm font-semibold text-ink">Set the points by hand (rarely needed)</summary>
          <div className="mt-4 space-y-4">
            <p className="text-sm text-muted">Only when ASCM awarded a different number than the rule gives. Caps still apply, and the summary shows your reason.</p>
            <Field label="Points" name="manualPoints" inputMode="decimal" defaultValue={values.manualPoints} error={errors.manualPoints} />
            <Field label="Reason" name="manualReason" defaultValue={values.manualReason} error={errors.manualReason} maxLength={500} />
          </div>
        </details>

        <div className="space-y-1">
          <label htmlFor="f-notes" className="block text-sm font-medium text-ink">
            Notes (optional)
          </label>
          <textarea
            id="f-notes"
            name="notes"
            rows={3}
            maxLength={5000}
            defaultValue={values.notes}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? "f-notes-error" : undefined}
            className={inputClass}
          />
          {errors.notes ? (
            <p id="f-notes-error" className="text-sm font-medium text-red-700">
              {errors.notes}
            </p>
          ) : null}
        </div>
      </div>

      <div className="space-y-5 lg:sticky lg:top-4 lg:self-start">
        <PreviewPanel preview={preview} loading={loading} hasType={Boolean(type)} unit={pack?.unit ?? "points"} />

        <fieldset className="rounded-md border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-ink">Counts for</legend>
          {packCerts.length === 0 ? (
            <p className="text-sm text-muted">
              Add your designations on the <Link href="/certifications" className="font-medium text-brand-700 underline">Certifications</Link> page to see which ones this counts for.
            </p>
          ) : (
            <ul className="space-y-3">
              {packCerts.map((c) => {
                const line = countsById.get(c.id);
                return (
                  <li key={c.id} className="flex items-start gap-3">
                    <input
                      id={`count-${c.id}`}
                      type="checkbox"
                      name="countFor"
                      value={c.id}
                      defaultChecked={!excluded.has(c.id)}
                      aria-describedby={line ? `count-${c.id}-why` : undefined}
                      className="mt-1 h-4 w-4 accent-brand-600"
                    />
                    <label htmlFor={`count-${c.id}`} className="text-sm">
                      <span className="font-medium">{c.code}</span> <span className="text-muted">{c.name}</span>
                      {line ? (
                        <span id={`count-${c.id}-why`} className={cx("block", line.counts ? "text-emerald-800" : "text-muted")}>
                          {line.reason}
                        </span>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {errors.excludedCertificationIds ? <p className="mt-2 text-sm font-medium text-red-700">{errors.excludedCertificationIds}</p> : null}
          {packCerts.length > 0 ? <p className="mt-3 text-xs text-muted">Untick a designation to keep this activity off its count.</p> : null}
        </fieldset>

        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : activityId ? "Save changes" : "Save activity"}
          </Button>
          <ButtonLink href={activityId ? `/activities/${activityId}` : "/activities"} kind="secondary">
            Cancel
          </ButtonLink>
        </div>
      </div>
    </form>
  );
}

function SpecInput({ spec, values, errors }: { spec: FieldSpec; values: FormValues; errors: Record<string, string> }) {
  const name = spec.key === "quantity" ? "quantity" : `details.${spec.key}`;
  const id = `f-${name.replace(".", "-")}`;
  const value = values[name] ?? "";
  const error = errors[name];
  // Say the limits that matter: a threshold (200 pages, 80%) or a step (half hours); not "from 1".
  const step = spec.step && spec.step !== 1 ? spec.step : null;
  const threshold = spec.min !== undefined && spec.min > (spec.step ?? 1) ? spec.min : null;
  const limits = spec.kind === "select" ? "" : [threshold !== null ? `At least ${threshold}.` : "", step !== null ? `In steps of ${step}.` : ""].filter(Boolean).join(" ");
  const hint = [spec.help, limits].filter(Boolean).join(" ");
  const label = spec.required ? spec.label : `${spec.label} (optional)`;
  if (spec.kind === "select") {
    return (
      <SelectField
        id={id}
        label={label}
        name={name}
        defaultValue={value}
        error={error}
        hint={spec.help}
        options={[{ value: "", label: "Choose…" }, ...(spec.options ?? [])]}
      />
    );
  }
  if (spec.kind === "boolean") {
    return (
      <div className="space-y-1">
        <div className="flex items-start gap-3">
          <input id={id} name={name} type="checkbox" defaultChecked={value === "on" || value === "true"} className="mt-1 h-4 w-4 accent-brand-600" />
          <label htmlFor={id} className="text-sm font-medium">
            {spec.label}
          </label>
        </div>
        {error ? <p className="text-sm font-medium text-red-700">{error}</p> : null}
      </div>
    );
  }
  const numeric = spec.kind === "number" || spec.kind === "integer";
  return (
    <Field
      id={id}
      label={label}
      name={name}
      type={numeric ? "number" : "text"}
      inputMode={spec.kind === "integer" ? "numeric" : numeric ? "decimal" : undefined}
      step={numeric ? (spec.step ?? (spec.kind === "integer" ? 1 : "any")) : undefined}
      min={numeric ? spec.min : undefined}
      max={numeric ? spec.max : undefined}
      maxLength={numeric ? undefined : 200}
      defaultValue={value}
      error={error}
      hint={hint || undefined}
    />
  );
}

function PreviewPanel({ preview, loading, hasType, unit }: { preview: Preview | null; loading: boolean; hasType: boolean; unit: string }) {
  return (
    <section aria-labelledby="preview-h" className="rounded-lg border border-brand-200 bg-brand-50/60 p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="preview-h" className="text-sm font-semibold text-brand-800">
          Points it earns
        </h2>
        {loading ? <span className="text-xs text-muted">Updating…</span> : null}
      </div>
      <div aria-live="polite" className="mt-2 space-y-3 text-sm" data-testid="points-preview">
        {!hasType ? (
          <p className="text-muted">Choose the kind of activity to see the points it earns.</p>
        ) : !preview ? (
          <p className="text-muted">Working out the points…</p>
        ) : !preview.ok ? (
          <div>
            <p className="text-muted">The points appear when the details are complete:</p>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-ink">
              {preview.problems.map((p) => (
                <li key={p.field}>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <p>
              <span className="text-3xl font-bold text-ink" data-testid="preview-points">
                {formatPts(preview.points)}
              </span>{" "}
              <span className="text-ink">{preview.points === 1 ? unit.replace(/s$/, "") : unit}</span>
              <span className="text-muted"> · {preview.categoryLabel}</span>
            </p>
            <p className="text-ink">{preview.explanation}</p>
            <p className="text-xs text-muted">
              Rule: {preview.ruleVersionLabel}. Source:{" "}
              {preview.source.url.startsWith("http") ? (
                <a href={preview.source.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                  {preview.source.title}
                </a>
              ) : (
                preview.source.title
              )}{" "}
              ({preview.source.confidence}).
            </p>
            {preview.capWarnings.length > 0 ? (
              <Alert tone="warning" title="Over a cap">
                <ul className="space-y-1">
                  {preview.capWarnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            {preview.duplicates.length > 0 ? (
              <Alert tone="warning" title="Already logged?">
                Looks like{" "}
                {preview.duplicates.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/activities/${d.id}`} className="font-medium underline">
                      {d.title}
                    </Link>
                  </span>
                ))}{" "}
                on the same day.
              </Alert>
            ) : null}
            {preview.warnings.length > 0 ? (
              <ul className="list-disc space-y-1 pl-5 text-xs text-muted">
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

function formatPts(n: number): string {
  return (Math.round(n * 100) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function DuplicateNotice({ duplicates }: { duplicates: { id: string; title: string; startDate: string }[] }) {
  return (
    <Alert tone="warning" title="You may have logged this already">
      <p>
        {duplicates.length === 1 ? "This activity" : "These activities"} of the same kind on the same day {duplicates.length === 1 ? "has" : "have"} the same title:
      </p>
      <ul className="my-2 list-disc pl-5">
        {duplicates.map((d) => (
          <li key={d.id}>
            <Link href={`/activities/${d.id}`} className="font-medium underline" target="_blank">
              {d.title} ({d.startDate})
            </Link>
          </li>
        ))}
      </ul>
      <p className="mb-3">If this is a different activity, save it anyway.</p>
      <Button type="submit" name="saveAnyway" value="1" kind="secondary">
        Save anyway
      </Button>
    </Alert>
  );
}

function ConflictNotice({ state, activityId }: { state: Extract<ActivityFormState, { status: "conflict" }>; activityId?: string }) {
  return (
    <Alert tone="warning" title="This activity was changed somewhere else">
      <p>A newer version was saved after you opened this page (in another tab or device). Nothing was overwritten; your changes are still in the form.</p>
      {state.changes.length > 0 ? (
        <div className="my-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Differences between the saved version and yours</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3 font-semibold">
                  Field
                </th>
                <th scope="col" className="pr-3 font-semibold">
                  Saved version
                </th>
                <th scope="col" className="font-semibold">
                  Yours
                </th>
              </tr>
            </thead>
            <tbody>
              {state.changes.map((c) => (
                <tr key={c.label} className="align-top">
                  <th scope="row" className="pr-3 font-medium">
                    {c.label}
                  </th>
                  <td className="pr-3">{c.saved}</td>
                  <td>{c.yours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="my-2">The saved version has the same values as yours.</p>
      )}
      <p>
        Save again to replace the saved version with yours, or{" "}
        {activityId ? (
          <a href={`/activities/${activityId}`} className="font-medium underline">
            discard yours and load the saved version
          </a>
        ) : (
          "reload the page"
        )}
        .
      </p>
    </Alert>
  );
}
