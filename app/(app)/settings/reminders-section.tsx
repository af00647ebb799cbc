import { headers } from "next/headers";
import { Card } from "@/app/_components/ui";
import type { User } from "@/db/schema";
import { feedUrls } from "@/lib/calendar/token";
import { env } from "@/lib/env";
import { appUrlFromHeaders } from "@/lib/mail/app-url";
import { REMINDER_LADDER } from "@/lib/rules";
import { settingsLists } from "./lists";
import { CalendarFeedForm, ReminderPrefsForm } from "./reminders-forms";

function dateTimeIn(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  } catch {
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  }
}

/** Settings: reminder e-mails, the calendar feed, and the outbox when no mail server is set. */
/** "365, 180, 90, 30 and 7", from the ladder in lib/rules. */
const countdown = (() => {
  const days = REMINDER_LADDER.map((s) => s.daysBefore).filter((d): d is number => d !== null && d > 0);
  return days.length > 1 ? `${days.slice(0, -1).join(", ")} and ${days.at(-1)}` : days.join("");
})();

export async function RemindersSection({ user }: { user: User }) {
  const smtp = Boolean(env().SMTP_URL);
  const { outbox } = await settingsLists(user.id);
  const urls = user.calendarToken ? feedUrls(appUrlFromHeaders(await headers()), user.calendarToken) : null;
  const dateTime = dateTimeIn(user.timezone);
  return (
    <>
      <Card aria-labelledby="reminders-h" id="reminders">
        <h2 id="reminders-h" className="text-lg font-semibold">
          Reminders
        </h2>
        <p className="mt-2 text-sm text-muted">
          Recert e-mails you {countdown} days before each due date, on the due date, during the suspension, and once when your points
          are complete and ready to submit. Reminders due on the same day come as one e-mail.
        </p>
        <p className="mt-2 mb-4 text-sm text-muted">
          {smtp ? (
            <>
              They go to <strong className="text-ink">{user.email}</strong>.
            </>
          ) : (
            <>This server has no mail server set up (SMTP_URL), so reminders are kept in the outbox below instead of being e-mailed.</>
          )}
        </p>
        <ReminderPrefsForm email={user.reminderPrefs.email} />
      </Card>
      <Card aria-labelledby="calendar-h" id="calendar">
        <h2 id="calendar-h" className="text-lg font-semibold">
          Calendar feed
        </h2>
        <p className="mt-2 mb-4 text-sm text-muted">
          Due dates, ends of suspension and reminder days as all-day events in your own calendar. The feed updates itself when
          you log activities or renew.
        </p>
        <CalendarFeedForm urls={urls} />
        {urls ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700">How to subscribe</summary>
            <ul className="mt-2 list-disc space-y-2 pl-5 text-muted">
              <li>
                <strong className="text-ink">Google Calendar</strong> (on a computer): Other calendars, +, From URL. Paste the feed
                address. Google refreshes it every few hours.
              </li>
              <li>
                <strong className="text-ink">Apple Calendar</strong>: File, New Calendar Subscription, and paste the subscribe link.
                On iPhone: Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar.
              </li>
              <li>
                <strong className="text-ink">Outlook</strong>: Add calendar, Subscribe from web, paste the subscribe link (Outlook
                on the web) or the feed address.
              </li>
            </ul>
          </details>
        ) : null}
      </Card>
      {!smtp || outbox.length > 0 ? (
        <Card aria-labelledby="outbox-h" id="outbox" className="lg:col-span-2">
          <h2 id="outbox-h" className="text-lg font-semibold">
            Outbox
          </h2>
          <p className="mt-2 mb-4 text-sm text-muted">Reminder e-mails kept here because no mail server is set up. Newest first.</p>
          {outbox.length === 0 ? (
            <p className="text-sm text-muted">No reminders yet. They appear here on the days the reminder ladder says.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
              {outbox.map((m) => (
                <li key={m.id}>
                  <details className="group px-4 py-3">
                    <summary className="flex cursor-pointer flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
                      <span className="font-medium text-ink">{m.subject}</span>
                      <span className="text-xs text-muted">{dateTime.format(m.createdAt)}</span>
                    </summary>
                    <pre className="mt-3 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-sans text-sm text-ink">
                      {m.textBody}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </>
  );
}
