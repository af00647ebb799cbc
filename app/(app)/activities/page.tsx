import type { Metadata } from "next";
import Link from "next/link";
import { Alert, ButtonLink, EmptyState, PageHeader } from "@/app/_components/ui";
import { getDb } from "@/db/client";
import { type ActivityListFilters, getActivity, listActivities } from "@/db/queries/activities";
import { activityTypeGroups, categoryFilter, currentCategories, typeLabel } from "@/lib/activities/catalog";
import { hasFilters, listHref, PAGE_SIZE, parseListQuery, SORTS } from "@/lib/activities/list-query";
import { requireUser } from "@/lib/auth/session";
import { certificationInput } from "@/lib/certifications/view";
import { getDashboardData } from "@/lib/dashboard/load";
import { formatDate, formatPoints, todayIn } from "@/lib/dates";
import { isMaintained, toActivityInput } from "@/lib/progress/load";
import { cycleOf, scoreActivity } from "@/lib/rules";
import { UndoDeleteForm } from "./delete-forms";
import { ActivityFilters } from "./filters";

export const metadata: Metadata = { title: "Activities" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ActivitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const sp = await searchParams;
  const q = parseListQuery(sp);
  const db = await getDb();
  const asOf = todayIn(user.timezone);
  // The layout's banners load the holder's designations and activities anyway (one load per request).
  const holder = await getDashboardData(user.id, user.timezone);
  const certs = holder.certifications;

  // Filters → one SQL query for the page and the total.
  const filters: ActivityListFilters = { search: q.q, from: q.from, to: q.to, missingEvidence: q.missing === "1" };
  let certNote: string | null = null;
  const cert = q.cert ? certs.find((c) => c.id === q.cert) : undefined;
  if (cert && isMaintained(cert)) {
    const cycle = cycleOf(certificationInput(cert), asOf);
    filters.packId = cert.packId;
    filters.countsForCertificationId = cert.id;
    if (!cycle.error) {
      filters.from = filters.from && filters.from > cycle.countsFrom ? filters.from : cycle.countsFrom;
      filters.to = filters.to && filters.to < cycle.countsUntil ? filters.to : cycle.countsUntil;
      certNote = `${cert.credentialCode}: activities of its current cycle (${formatDate(cycle.countsFrom)} to ${formatDate(cycle.countsUntil)}) that you have not excluded.`;
    }
  }
  const packIds = [...new Set(["ascm", ...certs.map((c) => c.packId)])];
  if (q.category) {
    const typeIds: string[] = [];
    const detailCategoryIds: string[] = [];
    for (const p of packIds) {
      const f = categoryFilter(p, q.category);
      typeIds.push(...f.typeIds);
      detailCategoryIds.push(...f.detailCategoryIds);
    }
    filters.typeIds = typeIds;
    filters.detailCategoryIds = detailCategoryIds;
  }
  if (q.type) filters.typeIds = filters.typeIds ? filters.typeIds.filter((t) => t === q.type) : [q.type];

  const { rows, total } = await listActivities(db, user.id, filters, { sort: q.sort, page: q.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  // Points of the shown rows: one pass of the engine over them, no query per row.
  const points = new Map<string, number | null>();
  for (const row of rows) {
    const s = scoreActivity(toActivityInput(row));
    points.set(row.id, s.ok ? s.points : null);
  }

  const deletedId = typeof sp.deleted === "string" ? sp.deleted : null;
  const restoredId = typeof sp.restored === "string" ? sp.restored : null;
  // A restored activity is live again, so it is among the loaded ones; a deleted one needs a lookup.
  const deleted = deletedId ? await getActivity(db, user.id, deletedId, { includeDeleted: true }) : null;
  const restored = restoredId ? (holder.activities.find((a) => a.id === restoredId) ?? null) : null;

  const filtered = hasFilters(q);
  const first = total === 0 ? 0 : (q.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, q.page * PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Activities"
        description="Everything you have done that earns professional development points, scored by your issuer's rules."
        actions={
          <>
            <ButtonLink href="/activities/new">Log an activity</ButtonLink>
            <ButtonLink href="/activities/import" kind="secondary">
              Import CSV
            </ButtonLink>
            <ButtonLink href="/api/activities/export.csv" kind="secondary" prefetch={false}>
              Export CSV
            </ButtonLink>
          </>
        }
      />

      <div className="space-y-4">
        {deleted?.deletedAt ? (
          <Alert tone="info">
            <span>
              Deleted “{deleted.title}”.
            </span>
            <UndoDeleteForm id={deleted.id} />
          </Alert>
        ) : null}
        {restored ? (
          <Alert tone="success">
            Restored “<Link href={`/activities/${restored.id}`} className="font-medium underline">{restored.title}</Link>”.
          </Alert>
        ) : null}

        {total === 0 && !filtered ? (
          <EmptyState
            title="No activities yet"
            action={<ButtonLink href="/activities/new">Log your first activity</ButtonLink>}
          >
            Log courses, webinars, conferences, books, teaching, volunteering, exams and memberships. Each one is scored as you type. Keeping a
            spreadsheet already? <Link href="/activities/import" className="font-medium text-brand-700 underline">Import it as CSV</Link>.
          </EmptyState>
        ) : (
          <>
            <ActivityFilters
              key={JSON.stringify(q)}
              query={q}
              sorts={SORTS}
              certifications={certs.filter(isMaintained).map((c) => ({ value: c.id, label: c.credentialCode }))}
              categories={packIds.flatMap((p) => currentCategories(p)).filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i).map((c) => ({ value: c.id, label: c.label }))}
              typeGroups={packIds.flatMap((p) => activityTypeGroups(p)).map((g) => ({ label: g.label, options: g.types.map((t) => ({ value: t.id, label: t.label })) }))}
            />
            {certNote ? <p className="text-sm text-muted">{certNote}</p> : null}
            {rows.length === 0 && total > 0 ? (
              <EmptyState title={`There is no page ${q.page}`} action={<ButtonLink href={listHref(q, { page: pages })} kind="secondary">Go to the last page ({pages})</ButtonLink>}>
                {total.toLocaleString("en-US")} {total === 1 ? "activity matches" : "activities match"}, on {pages} {pages === 1 ? "page" : "pages"}.
              </EmptyState>
            ) : total === 0 ? (
              <EmptyState title="No activities match these filters" action={<ButtonLink href="/activities" kind="secondary">Clear filters</ButtonLink>}>
                Try a wider date range or another designation, category or type.
              </EmptyState>
            ) : (
              <>
                <p className="text-sm text-muted" aria-live="polite">
                  Showing {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {total.toLocaleString("en-US")} {total === 1 ? "activity" : "activities"}
                  {filtered ? (
                    <>
                      {" "}
                      · <Link href="/activities" className="font-medium text-brand-700 underline">Clear filters</Link>
                    </>
                  ) : null}
                </p>
                <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Your activities, {total} in all</caption>
                    <thead className="bg-slate-50 text-xs uppercase tracking-wide text-muted">
                      <tr>
                        <th scope="col" className="hidden px-4 py-2 font-semibold sm:table-cell">Date</th>
                        <th scope="col" className="px-3 py-2 font-semibold sm:px-4">Activity</th>
                        <th scope="col" className="hidden px-4 py-2 font-semibold md:table-cell">Type</th>
                        <th scope="col" className="hidden px-4 py-2 font-semibold lg:table-cell">Provider</th>
                        <th scope="col" className="px-3 py-2 text-right font-semibold sm:px-4">Points</th>
                        <th scope="col" className="px-3 py-2 font-semibold sm:px-4">
                          <span className="sr-only">Evidence</span>
                          <span aria-hidden="true">File</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {rows.map((row) => {
                        const p = points.get(row.id);
                        return (
                          <tr key={row.id} className="align-top hover:bg-slate-50">
                            <td className="hidden whitespace-nowrap px-4 py-3 text-muted sm:table-cell">{formatDate(row.startDate)}</td>
                            <td className="px-3 py-3 sm:px-4">
                              <Link href={`/activities/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                                {row.title}
                              </Link>
                              <span className="block text-xs text-muted md:hidden">
                                <span className="sm:hidden">{formatDate(row.startDate)} · </span>
                                {typeLabel(row.packId, row.typeId)}
                                {row.provider ? ` · ${row.provider}` : ""}
                              </span>
                            </td>
                            <td className="hidden px-4 py-3 text-muted md:table-cell">{typeLabel(row.packId, row.typeId)}</td>
                            <td className="hidden px-4 py-3 text-muted lg:table-cell">{row.provider ?? ""}</td>
                            <td className="whitespace-nowrap px-3 py-3 text-right font-semibold tabular-nums sm:px-4">
                              {p === null || p === undefined ? <span className="font-normal text-red-700" title="This activity cannot be scored; open it to see why.">Check</span> : formatPoints(p)}
                            </td>
                            <td className="px-3 py-3 sm:px-4">
                              {row.evidenceCount > 0 ? (
                                <span className="text-emerald-800" title={`${row.evidenceCount} file${row.evidenceCount === 1 ? "" : "s"} attached`}>
                                  <PaperClip />
                                  <span className="sr-only">{row.evidenceCount} evidence file{row.evidenceCount === 1 ? "" : "s"}</span>
                                </span>
                              ) : (
                                <span className="text-xs text-amber-800">
                                  <span aria-hidden="true">—</span>
                                  <span className="sr-only">No evidence</span>
                                </span>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                <p className="text-xs text-muted">
                  Points are what each activity earns under the rules in force on its date. Yearly and cycle caps are applied on the{" "}
                  <Link href="/dashboard" className="underline">dashboard</Link>.
                </p>
                {pages > 1 ? (
                  <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
                    {q.page > 1 ? (
                      <ButtonLink href={listHref(q, { page: q.page - 1 })} kind="secondary" rel="prev">
                        ← Previous
                      </ButtonLink>
                    ) : (
                      <span />
                    )}
                    <span className="text-muted">
                      Page {q.page} of {pages}
                    </span>
                    {q.page < pages ? (
                      <ButtonLink href={listHref(q, { page: q.page + 1 })} kind="secondary" rel="next">
                        Next →
                      </ButtonLink>
                    ) : (
                      <span />
                    )}
                  </nav>
                ) : null}
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}

function PaperClip() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="h-4 w-4">
      <path d="M13.5 6.5 7.7 12.3a1.5 1.5 0 0 0 2.1 2.1l6-6a3 3 0 0 0-4.2-4.2l-6.2 6.2a4.5 4.5 0 0 0 6.4 6.4l5.2-5.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
