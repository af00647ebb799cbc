import { Card } from "@/app/_components/ui";
import type { User } from "@/db/schema";
import { formatDate, todayIn } from "@/lib/dates";
import { settingsLists } from "./lists";
import { CreateTokenForm, RevokeTokenButton } from "./tokens-form";

/** Settings → API tokens: create (shown once), list, revoke. */
export async function TokensSection({ user }: { user: User }) {
  const { tokens } = await settingsLists(user.id);
  const day = (d: Date) => formatDate(todayIn(user.timezone, d));
  return (
    <Card aria-labelledby="tokens-h" className="lg:col-span-2">
      <h2 id="tokens-h" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-2 mb-4 max-w-2xl text-sm text-muted">
        A personal access token lets a script or another app read and log your activities through Recert&apos;s JSON API
        (<code className="rounded bg-slate-100 px-1">/api/v1</code>, described in docs/api.md). Treat it like a password: anyone
        holding it can change your log. Revoke a token you no longer use. Changing your password or signing out
        everywhere revokes every token.
      </p>
      <CreateTokenForm />
      <h3 className="mt-6 mb-2 text-sm font-semibold text-ink">Your tokens</h3>
      {tokens.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-muted">
          No tokens yet. Create one above when a script needs access.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="truncate font-medium text-ink">{t.name}</p>
                <p className="text-xs text-muted">
                  <code className="rounded bg-slate-100 px-1">{t.prefix}…</code> · created {day(t.createdAt)} ·{" "}
                  {t.lastUsedAt ? `last used ${day(t.lastUsedAt)}` : "never used"}
                </p>
              </div>
              <RevokeTokenButton id={t.id} name={t.name} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
