import type { Metadata } from "next";
import { Alert, Button, Card, PageHeader } from "@/app/_components/ui";
import { requireUser } from "@/lib/auth/session";
import { signOutEverywhereAction } from "./actions";
import { DeleteAccountForm, PasswordForm, ProfileForm } from "./forms";
import { RemindersSection } from "./reminders-section";
import { DataSection } from "./data-section";
import { TokensSection } from "./tokens-section";

export const metadata: Metadata = { title: "Settings" };

const TIMEZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")];

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const passwordChanged = typeof (await searchParams).passwordChanged === "string";
  const timezones = TIMEZONES.includes(user.timezone) ? TIMEZONES : [user.timezone, ...TIMEZONES];
  return (
    <>
      <PageHeader title="Settings" description={`Signed in as ${user.email}.`} />
      {passwordChanged ? (
        <div className="mb-6">
          <Alert tone="success">Your password is changed. You were signed out on every other device.</Alert>
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
          <h2 id="password-h" className="mb-4 text-lg font-semibold">
            Password
          </h2>
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
            Signed in on a shared or lost device? Sign out everywhere ends every session at once, this one included.
          </p>
          <form action={signOutEverywhereAction}>
            <Button type="submit" kind="secondary">
              Sign out everywhere
            </Button>
          </form>
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
