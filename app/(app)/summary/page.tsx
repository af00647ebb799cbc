import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { formatDate, formatPoints } from "@/lib/dates";
import { loadSummaryIndex } from "@/lib/summary/load";

export const metadata: Metadata = { title: "Submission summaries" };

export default async function SummaryPage() {
  const user = await requireUser();
  // The layout's load (shared per request): no query of its own.
  const certs = await loadSummaryIndex(await getDb(), user, { preloaded: await getDashboardData(user.id, user.timezone) });
  return (
    <>
      <PageHeader
        title="Submission summaries"
        description="For each designation and cycle: the point totals per category as the issuer's form asks for them, every activity behind them, and an audit pack with your evidence."
      />
      {certs.length === 0 ? (
        <EmptyState title="No designations yet" action={<ButtonLink href="/certifications">Add a certification</ButtonLink>}>
          Add the designations you hold (CPIM, CSCP, CLTD, CTSC …); each gets a submission summary for every cycle.
        </EmptyState>
      ) : (
        <ul className="grid gap-6 md:grid-cols-2">
          {certs.map(({ certification: c, credentialName, issuer, maintained, cycles, report }) => {
            const current = cycles[cycles.length - 1];
            const past = cycles.slice(0, -1).reverse();
            return (
              <li key={c.id}>
                <Card aria-labelledby={`c-${c.id}`} className="h-full">
                  <p className="text-xs font-semibold uppercase tracking-wide text-muted">{issuer}</p>
                  <h2 id={`c-${c.id}`} className="text-lg font-semibold">
                    {c.credentialCode} <span className="font-normal text-muted">· {credentialName}</span>
                  </h2>
                  {!maintained ? (
                    <p className="mt-3 text-sm text-muted">An endorsement: it needs no maintenance, so there is nothing to submit.</p>
                  ) : current && report ? (
                    <>
                      <div className="mt-4 rounded-md border border-slate-200 p-4">
                        <p className="text-sm text-muted">Current cycle, due {formatDate(current.dueDate)}</p>
                        <p className="mt-1 text-2xl font-bold tabular-nums">
                          {formatPoints(report.counted)} <span className="text-base font-normal text-muted">of {formatPoints(report.required)} {report.required === 1 ? "point" : "points"}</span>
                        </p>
                        {current.submittedDate ? <p className="mt-1 text-sm">Submitted {formatDate(current.submittedDate)}, awaiting approval.</p> : null}
                        <div className="mt-3">
                          <ButtonLink href={`/summary/${c.id}`} aria-label={`Open summary: ${c.credentialCode}, cycle due ${formatDate(current.dueDate)}`}>
                            Open summary
                          </ButtonLink>
                        </div>
                      </div>
                      {past.length ? (
                        <div className="mt-4">
                          <h3 className="text-sm font-semibold">Past cycles</h3>
                          <ul className="mt-2 space-y-1 text-sm">
                            {past.map((p) => (
                              <li key={p.index}>
                                <Link className="text-brand-700 underline" href={`/summary/${c.id}?cycle=${p.index}`}>
                                  {formatDate(p.start)} to {formatDate(p.dueDate)}
                                </Link>
                                <span className="text-muted">{p.approvedDate ? `, approved ${formatDate(p.approvedDate)}` : ""}</span>
                              </li>
                            ))}
                          </ul>
                        </div>
                      ) : null}
                    </>
                  ) : (
                    <p className="mt-3 text-sm text-muted">This designation could not be dated; check its earned date in Certifications.</p>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
