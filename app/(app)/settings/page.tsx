import type { Metadata } from "next";
import { Alert, Button, Card, PageHeader } from "@/app/_components/ui";
import { currentSessionId, requireUser } from "@/lib/auth/session";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { formatDate, todayIn } from "@/lib/dates";
import { signOutEverywhereAction } from "./actions";
import { DeleteAccountForm, PasswordForm, ProfileForm } from "./forms";
import { RemindersSection } from "./reminders-section";
import { DataSection } from "./data-section";
import { settingsLists } from "./lists";
import { RevokeSessionButton } from "./sessions-form";
import { TokensSection } from "./tokens-section";

export const metadata: Metadata = { title: "Settings" };

const TIMEZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")];

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const lists = await settingsLists(user.id);
  const liveTokens = lists.tokens.length;
  const thisSession = await currentSessionId();
  const day = (d: Date) => formatDate(todayIn(user.timezone, d));
  const passwordChanged = typeof (await searchParams).passwordChanged === "string";
  const timezones = TIMEZONES.includes(user.timezone) ? TIMEZONES : [user.timezone, ...TIMEZONES];
  return (
    <>
      <PageHeader title="Settings" description={`Signed in as ${user.email}.`} />
      {passwordChanged ? (
        <div className="mb-6">
          <Alert tone="success">
            Your password is changed. You were signed out on every other device, and your API tokens were revoked: create
            new ones for the scripts that need them.
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="profile-h">
          <h2 id="profile-h" className="mb-4 text-lg font-semibold">
            Profile
          </h2>
          <ProfileForm
            name={user.name}
            timezone={user.timezone}
            ascmId={user.issuerIds.ascm ?? ""}
            isMember={user.isMember}
            timezones={timezones}
          />
        </Card>
        <Card aria-labelledby="password-h">
          <h2 id="password-h" className="text-lg font-semibold">
            Password
          </h2>
          <p className="mt-2 mb-4 text-sm text-muted">
            Changing it signs you out on every other device and revokes all your API tokens.
          </p>
          <PasswordForm />
        </Card>
        <RemindersSection user={user} />
        <DataSection user={user} />
        <TokensSection user={user} />
        <Card aria-labelledby="sessions-h">
          <h2 id="sessions-h" className="text-lg font-semibold">
            Sessions
          </h2>
          <p className="mt-2 mb-4 text-sm text-muted">
            Signed in on a shared or lost device, or afraid someone else has access? Sign out everywhere ends every session
            at once, this one included, and revokes all your API tokens.
          </p>
          <ul aria-label="Signed-in browsers" className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200">
            {lists.sessions.map((x) => {
              const label = describeUserAgent(x.userAgent);
              return (
                <li key={x.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-medium text-ink">
                      {label}
                      {x.id === thisSession ? <span className="ml-2 text-xs font-semibold text-brand-700">this browser</span> : null}
                    </p>
                    <p className="text-xs text-muted">
                      signed in {day(x.createdAt)} · last seen {day(x.lastSeenAt)}
                    </p>
                  </div>
                  {x.id === thisSession ? null : <RevokeSessionButton id={x.id} label={`${label}, signed in ${day(x.createdAt)}`} />}
                </li>
              );
            })}
          </ul>
          <details className="group rounded-md border border-slate-200">
            <summary className="cursor-pointer list-none px-4 py-2 text-sm font-semibold text-brand-700 group-open:border-b group-open:border-slate-200">
              Sign out everywhere…
            </summary>
            <div className="space-y-3 px-4 py-3">
              <p className="text-sm">
                {liveTokens === 0
                  ? "You will be signed out on every device, this one included. You have no API tokens to revoke."
                  : `You will be signed out on every device, this one included, and ${liveTokens === 1 ? "your API token is" : `all ${liveTokens} of your API tokens are`} revoked: scripts using ${liveTokens === 1 ? "it" : "them"} get 401 until you create new ones.`}
              </p>
              <form action={signOutEverywhereAction}>
                <Button type="submit" kind="danger">
                  Sign out everywhere and revoke API tokens
                </Button>
              </form>
            </div>
          </details>
        </Card>
        <Card aria-labelledby="delete-h" className="border-red-200">
          <h2 id="delete-h" className="text-lg font-semibold text-red-800">
            Delete account
          </h2>
          <p className="mt-2 mb-4 text-sm text-muted">
            This removes your account, certifications, activities and evidence files for good. It cannot be undone.
          </p>
          <DeleteAccountForm />
        </Card>
      </div>
    </>
  );
}
