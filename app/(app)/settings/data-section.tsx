import { Card, cx } from "@/app/_components/ui";
import type { User } from "@/db/schema";
import { getDashboardData } from "@/lib/dashboard/load";
import { MAX_IMPORT_LABEL } from "@/lib/import-export/json-account";
import { ImportAccountForm } from "./data-form";

const linkButton =
  "inline-flex min-h-10 items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold transition-colors";

/** Settings → Your data: download everything (JSON, or ZIP with evidence files), import into an empty account. */
export async function DataSection({ user }: { user: User }) {
  // Counted from the layout's load (shared per request) instead of two count queries.
  const holder = await getDashboardData(user.id, user.timezone);
  const contents = { certifications: holder.certifications.length, activities: holder.activities.length };
  return (
    <Card aria-labelledby="data-h" id="data" className="lg:col-span-2">
      <h2 id="data-h" className="text-lg font-semibold">
        Your data
      </h2>
      <div className="mt-2 grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-ink">Download everything</h3>
          <p className="mt-1 mb-4 text-sm text-muted">
            Your profile, certifications, renewals, opening balances and activities in one JSON file. The ZIP adds every
            evidence file. Keep it as a backup, or move to another Recert.
          </p>
          <div className="flex flex-wrap gap-2">
            <a href="/api/account/export?format=json" download className={cx(linkButton, "bg-brand-600 text-white hover:bg-brand-700")}>
              Download JSON
            </a>
            <a href="/api/account/export?format=zip" download className={cx(linkButton, "border border-slate-300 bg-white text-ink hover:bg-slate-50")}>
              Download ZIP with evidence files
            </a>
          </div>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-ink">Import an export</h3>
          <p className="mt-1 mb-4 text-sm text-muted">
            Brings a Recert export (.json, or the .zip with evidence files, up to {MAX_IMPORT_LABEL}) into this account,
            all or nothing. Ids and dates of creation are new; your email and password stay as they are.
          </p>
          <ImportAccountForm contents={contents} />
        </div>
      </div>
    </Card>
  );
}
