import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthShell } from "@/app/(auth)/auth-shell";
import { Alert, Button, ButtonLink } from "@/app/_components/ui";
import { holderForUnsubscribeToken } from "@/lib/reminders/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe from reminders", robots: { index: false } };
export const dynamic = "force-dynamic";

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(local.length - 2, 1))}@${domain}`;
}

/** GET only shows a confirmation (link scanners must not unsubscribe anyone); the button POSTs. */
export default async function UnsubscribePage(props: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await props.params;
  const { done } = await props.searchParams;
  const holder = await holderForUnsubscribeToken(token);
  if (!holder) notFound();
  const off = !holder.reminderPrefs.email;
  return (
    <AuthShell title="Reminder e-mails" subtitle={`For ${maskEmail(holder.email)}`}>
      {off ? (
        <div className="space-y-4">
          <Alert tone="success" title={done ? "You are unsubscribed" : "Reminder e-mails are already off"}>
            Recert will not e-mail you reminders any more. Your dashboard still shows every due date and warning.
          </Alert>
          <p className="text-sm text-muted">Changed your mind? Turn reminders back on under Settings, Reminders.</p>
          <ButtonLink href="/settings#reminders" kind="secondary">
            Open settings
          </ButtonLink>
        </div>
      ) : (
        <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`} className="space-y-4">
          <p className="text-sm">
            Stop the e-mails that remind you of due dates, missing points and submissions? You can turn them back on in Settings at any
            time.
          </p>
          <input type="hidden" name="from" value="page" />
          <Button type="submit">Unsubscribe from reminder e-mails</Button>
        </form>
      )}
    </AuthShell>
  );
}
