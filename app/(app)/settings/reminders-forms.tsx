"use client";

import { useActionState, useState } from "react";
import { Alert, Button, inputClass } from "@/app/_components/ui";
import { idle } from "@/lib/forms";
import { calendarFeedAction, saveReminderPrefsAction } from "./reminders-actions";

export function ReminderPrefsForm({ email }: { email: boolean }) {
  const [state, formAction, pending] = useActionState(saveReminderPrefsAction, idle);
  return (
    <form action={formAction} className="space-y-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? <Alert tone="error">{state.message ?? "Could not save."}</Alert> : null}
      <div className="flex items-start gap-3">
        <input id="f-reminder-email" name="email" type="checkbox" defaultChecked={email} className="mt-1 h-4 w-4 accent-brand-600" />
        <label htmlFor="f-reminder-email" className="text-sm">
          <span className="font-medium">E-mail me reminders</span>
          <span className="block text-muted">At most one e-mail a day, covering all your designations.</span>
        </label>
      </div>
      <Button type="submit" kind="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save reminder settings"}
      </Button>
    </form>
  );
}

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} />
        <Button
          type="button"
          kind="secondary"
          className="shrink-0"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

export function CalendarFeedForm({ urls }: { urls: { https: string; webcal: string } | null }) {
  const [state, formAction, pending] = useActionState(calendarFeedAction, idle);
  return (
    <div className="space-y-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" ? <Alert tone="error">{state.message ?? "Something went wrong."}</Alert> : null}
      {urls ? (
        <>
          <CopyField id="f-feed-webcal" label="Subscribe link (Apple Calendar, Outlook)" value={urls.webcal} />
          <CopyField id="f-feed-https" label="Feed address (Google Calendar, others)" value={urls.https} />
          <div className="flex flex-wrap gap-2">
            <a
              href={urls.webcal}
              className="inline-flex min-h-10 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Subscribe on this device
            </a>
            <form action={formAction}>
              <input type="hidden" name="op" value="regenerate" />
              <Button type="submit" kind="secondary" disabled={pending}>
                New link
              </Button>
            </form>
            <form action={formAction}>
              <input type="hidden" name="op" value="disable" />
              <Button type="submit" kind="ghost" disabled={pending}>
                Turn off
              </Button>
            </form>
          </div>
          <p className="text-xs text-muted">Anyone with the link can see your due dates. Shared it by mistake? Get a new link: the old one stops working.</p>
        </>
      ) : (
        <form action={formAction}>
          <input type="hidden" name="op" value="enable" />
          <Button type="submit" disabled={pending}>
            {pending ? "Turning on…" : "Turn on the calendar feed"}
          </Button>
        </form>
      )}
    </div>
  );
}
