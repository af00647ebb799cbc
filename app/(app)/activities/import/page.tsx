import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/app/_components/ui";
import { activityTypes } from "@/lib/activities/catalog";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { CSV_COLUMNS, MAX_CSV_ROWS } from "@/lib/import-export/csv-activities";
import { listPacks } from "@/lib/rules";
import { ImportCsv } from "./import-csv";

export const metadata: Metadata = { title: "Import activities" };

const linkButton =
  "inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-slate-50";

export default async function ImportActivitiesPage() {
  const user = await requireUser();
  // The holder's designations from the layout's load (shared per request: no query of its own).
  const certs = (await getDashboardData(user.id, user.timezone)).certifications.map((c) => ({ id: c.id, packId: c.packId, credentialCode: c.credentialCode }));
  const packs = listPacks();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/activities" className="text-brand-700 underline-offset-2 hover:underline">
          ← Activities
        </Link>
      </p>
      <PageHeader
        title="Import activities from CSV"
        description={`Bring in a log you kept in a spreadsheet, up to ${MAX_CSV_ROWS.toLocaleString("en-US")} rows at a time. You see every row's problems before anything is saved, and importing the same file again adds nothing.`}
        actions={
          <>
            <a href="/api/activities/template.csv" download className={linkButton}>
              Download template
            </a>
            <a href="/api/activities/export.csv" download className={linkButton}>
              Export CSV
            </a>
          </>
        }
      />
      <div className="space-y-6">
        <ImportCsv certs={certs} />

        <Card aria-labelledby="columns-heading">
          <h2 id="columns-heading" className="text-lg font-semibold text-ink">
            Columns
          </h2>
          <p className="mt-1 text-sm text-muted">
            The first row names the columns, in any order; only <strong>type</strong>, <strong>title</strong> and <strong>start_date</strong> are
            required. Dates are YYYY-MM-DD; decimals use a dot. Comma, semicolon or tab separated, saved as UTF-8 (“CSV UTF-8” in Excel). An
            export has the same columns, so it imports back as it is.
          </p>
          <dl className="mt-4 divide-y divide-slate-100 border-y border-slate-100 text-sm">
            {CSV_COLUMNS.map((c) => (
              <div key={c.name} className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
                <dt className="font-mono text-xs text-ink">
                  {c.name}
                  {c.required ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 font-sans text-xs font-semibold text-brand-800">required</span> : null}
                </dt>
                <dd className="text-muted">{c.help}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card aria-labelledby="types-heading">
          <h2 id="types-heading" className="text-lg font-semibold text-ink">
            Activity types
          </h2>
          <p className="mt-1 text-sm text-muted">
            Put the id (or the name) in the <strong>type</strong> column. The unit is what <strong>quantity</strong> counts; types without a unit
            in quantity earn fixed points and use the detail columns listed.
          </p>
          {packs.map((p, i) => (
            <details key={p.id} open={i === 0} className="mt-4">
              <summary className="cursor-pointer text-sm font-semibold text-ink">
                {p.issuer} ({p.credentials.map((c) => c.code).slice(0, 4).join(", ")}
                {p.credentials.length > 4 ? " …" : ""}) — issuer <span className="font-mono">{p.id}</span>
              </summary>
              <dl className="mt-2 divide-y divide-slate-100 border-y border-slate-100 text-sm">
                {activityTypes(p.id).map((t) => {
                  const hasQuantity = t.fields.some((f) => f.key === "quantity");
                  const details = t.fields
                    .filter((f) => f.key !== "quantity")
                    .map((f) => `${f.key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()}${f.required ? "" : " (optional)"}`);
                  return (
                    <div key={t.id} className="grid gap-1 py-2 sm:grid-cols-[16rem_1fr] sm:gap-4">
                      <dt>
                        <span className="block font-mono text-xs text-ink">{t.id}</span>
                        <span className="block text-muted">{t.label}</span>
                      </dt>
                      <dd className="text-muted">{[hasQuantity ? `quantity in ${t.unitLabel}` : "no quantity", ...details].join("; ")}</dd>
                    </div>
                  );
                })}
              </dl>
            </details>
          ))}
        </Card>
      </div>
    </>
  );
}
