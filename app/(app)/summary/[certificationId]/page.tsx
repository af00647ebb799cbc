import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert, ButtonLink, Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { getDashboardData } from "@/lib/dashboard/load";
import { formatDate, formatPoints, todayIn } from "@/lib/dates";
import { loadSummary, parseCycleSelector } from "@/lib/summary/load";
import type { SubmissionSummary, SummaryCategory, SummaryLine } from "@/lib/summary/model";
import { cycleLabel, evidenceLabel, feeSentence, statusLabel } from "@/lib/summary/text";
import { CopyButton } from "../copy-button";
import { PrintButton } from "../print-button";
import { undoRenewalAction } from "./actions";
import { MarkApprovedForm, MarkSubmittedForm } from "./forms";

export const metadata: Metadata = { title: "Submission summary" };

type Props = {
  params: Promise<{ certificationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const downloadClass =
  "inline-flex min-h-10 items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-slate-50 print:hidden";

export default async function SummaryDetailPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { certificationId } = await params;
  const query = await searchParams;
  const selector = parseCycleSelector(query.cycle);
  if (!selector) notFound();
  // The layout's load (shared per request) holds the certifications and activities: one query here, the evidence.
  const result = await loadSummary(await getDb(), user, certificationId, selector, { preloaded: await getDashboardData(user.id, user.timezone) });
  if (result.status === "not_found") notFound();
  if (result.status === "not_maintained") {
    const c = result.certification;
    return (
      <>
        <PageHeader title={`${c.credentialCode} submission summary`} />
        <EmptyState title={`${c.credentialCode} needs no maintenance`} action={<ButtonLink href="/summary">Back to summaries</ButtonLink>}>
          This designation is an endorsement: there are no points to submit and no due date.
        </EmptyState>
      </>
    );
  }
  const s = result.summary;
  const today = todayIn(user.timezone);
  const cycleQuery = s.isCurrentCycle ? "" : `?cycle=${s.cycle.index}`;
  const apiBase = `/api/summary/${s.certificationId}`;
  const justApproved = query.approved === "1" && s.cycle.closed;
  const current = s.cycles.find((c) => c.current);
  const latestRenewalDue = result.certification.renewals[result.certification.renewals.length - 1]?.dueDate;

  return (
    <div className="space-y-6 print:space-y-4">
      <PageHeader
        title={`${s.credentialCode} submission summary`}
        description={
          <>
            {s.credentialName}. Cycle {cycleLabel(s)}.
          </>
        }
        actions={
          <>
            <a className={downloadClass} href={`${apiBase}/pdf${cycleQuery}`} download>
              Download PDF
            </a>
            <a className={downloadClass} href={`${apiBase}/csv${cycleQuery}`} download>
              CSV
            </a>
            <a className={downloadClass} href={`${apiBase}/zip${cycleQuery}`} download>
              Audit pack (ZIP)
            </a>
            <PrintButton />
          </>
        }
      />

      {justApproved ? (
        <Alert tone="success" title="Marked as approved">
          This cycle is renewed. {current && !current.closed ? `Your next cycle runs from ${formatDate(current.start)} to ${formatDate(current.dueDate)}. ` : ""}
          This summary stays here, unchanged.{" "}
          <Link className="font-semibold underline" href={`/summary/${s.certificationId}`}>
            Open the new cycle
          </Link>
        </Alert>
      ) : !s.isCurrentCycle ? (
        <Alert tone="info" title="A past cycle">
          {s.cycle.approvedDate ? `Renewed: approved on ${formatDate(s.cycle.approvedDate)}. ` : ""}
          <Link className="font-semibold underline" href={`/summary/${s.certificationId}`}>
            Go to the current cycle
          </Link>
        </Alert>
      ) : null}

      {s.cycles.length > 1 ? (
        <nav aria-label="Cycles" className="print:hidden">
          <ul className="flex flex-wrap gap-2 text-sm">
            {s.cycles.map((c) => {
              const active = c.index === s.cycle.index;
              return (
                <li key={c.index}>
                  <Link
                    href={c.current ? `/summary/${s.certificationId}` : `/summary/${s.certificationId}?cycle=${c.index}`}
                    aria-current={active ? "page" : undefined}
                    className={`inline-block rounded-full border px-3 py-1.5 ${active ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
                  >
                    Due {formatDate(c.dueDate)}
                    {c.closed ? " · renewed" : c.current ? " · current" : ""}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-5 print:block print:space-y-4">
        <Card aria-labelledby="form-h" className="lg:col-span-3 print:shadow-none">
          <h2 id="form-h" className="text-lg font-semibold">
            Enter on {s.issuer}&apos;s form
          </h2>
          <p className="mt-1 text-sm text-muted">{s.formPrompt}</p>
          <FormTotals s={s} />
        </Card>
        <Card aria-labelledby="holder-h" className="lg:col-span-2 print:shadow-none">
          <h2 id="holder-h" className="text-lg font-semibold">
            Holder and cycle
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">Holder</dt>
            <dd className="font-medium">{s.holder.name}</dd>
            <dt className="text-muted">{s.holder.issuerIdLabel}</dt>
            <dd className="font-medium" data-testid="issuer-id">
              {s.holder.issuerId ??
                (s.packId === "ascm" ? (
                  <span className="font-normal text-muted">
                    Not recorded.{" "}
                    <Link className="text-brand-700 underline print:no-underline" href="/settings">
                      Add it in Settings
                    </Link>
                  </span>
                ) : (
                  <span className="font-normal text-muted">
                    Not recorded. You can add it to the designation in{" "}
                    <Link className="text-brand-700 underline print:no-underline" href="/certifications">
                      Certifications
                    </Link>
                    .
                  </span>
                ))}
            </dd>
            <dt className="text-muted">Designation</dt>
            <dd className="font-medium">
              {s.credentialCode}, {s.credentialName}
            </dd>
            <dt className="text-muted">Cycle</dt>
            <dd>{cycleLabel(s)}</dd>
            <dt className="text-muted">Due date</dt>
            <dd className="font-medium">{formatDate(s.cycle.dueDate)}</dd>
            <dt className="text-muted">Status</dt>
            <dd>{statusLabel(s)}</dd>
            {s.renewal?.submittedDate ? (
              <>
                <dt className="text-muted">Submitted</dt>
                <dd>{formatDate(s.renewal.submittedDate)}</dd>
              </>
            ) : null}
          </dl>
        </Card>
      </div>

      {s.warnings.length ? (
        <section aria-labelledby="warn-h" className="space-y-3">
          <h2 id="warn-h" className="text-lg font-semibold">
            {s.cycle.closed ? "Notes on this cycle" : "Check before you submit"}
          </h2>
          {s.warnings.map((w) => (
            <Alert key={w.code} tone="warning" title={w.title}>
              <ul className="list-disc space-y-1 pl-5">
                {w.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </Alert>
          ))}
        </section>
      ) : s.cycle.closed ? null : (
        <Alert tone="success" title="Nothing to check">
          Every activity has evidence, no points were trimmed and the total is met.
        </Alert>
      )}

      <Card aria-labelledby="acts-h" className="print:border-0 print:p-0 print:shadow-none">
        <h2 id="acts-h" className="text-lg font-semibold">
          Activities ({s.lineCount})
        </h2>
        <p className="mt-1 text-sm text-muted">
          Grouped by category. The line number is the one used to name evidence files in the audit pack.
        </p>
        {s.lineCount === 0 ? (
          <div className="mt-4">
            <EmptyState title="No activities in this cycle yet" action={<ButtonLink href="/activities">Log an activity</ButtonLink>}>
              Activities dated from {formatDate(s.cycle.countsFrom)} to {formatDate(s.cycle.countsUntil)} count for this cycle.
            </EmptyState>
          </div>
        ) : (
          s.categories.filter((c) => c.lines.length > 0).map((c) => <CategoryTable key={c.id} category={c} />)
        )}
      </Card>

      {s.openingBalances.length ? (
        <Card aria-labelledby="ob-h" className="print:shadow-none">
          <h2 id="ob-h" className="text-lg font-semibold">
            Opening balance
          </h2>
          <p className="mt-1 text-sm text-muted">Points earned before you started tracking in Recert, as you entered them.</p>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {s.openingBalances.map((b) => (
              <li key={b.categoryId} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {b.categoryLabel}
                  {b.note ? <span className="text-muted">: {b.note}</span> : null}
                  <span className="ml-2 text-xs text-muted">{b.attested ? "attested" : "not attested"}</span>
                </span>
                <span className="font-semibold tabular-nums">{formatPoints(b.points)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {s.cycle.closed ? null : <SubmitHelp s={s} />}

      <Card aria-labelledby="renewal-h" className="print:hidden">
        <h2 id="renewal-h" className="text-lg font-semibold">
          {s.cycle.closed ? "Renewal" : "Record your submission"}
        </h2>
        {s.cycle.closed ? (
          <p className="mt-2 text-sm">
            Submitted {formatDate(s.renewal?.submittedDate) || "(date not recorded)"}, approved {formatDate(s.cycle.approvedDate)}
            {s.renewal?.pointsClaimed !== null && s.renewal?.pointsClaimed !== undefined ? `, ${formatPoints(s.renewal.pointsClaimed)} points claimed` : ""}.
          </p>
        ) : (
          <div className="mt-3 space-y-6">
            <p className="text-sm text-muted">
              Once you have submitted to {s.issuer}, record it here; when {s.issuer} approves it, mark it approved and your next cycle begins. This
              summary stays available, unchanged, under its due date.
            </p>
            <MarkSubmittedForm
              certificationId={s.certificationId}
              dueDate={s.cycle.dueDate}
              today={today}
              counted={String(Math.round(s.counted * 100) / 100)}
              submittedDate={s.renewal?.submittedDate ?? null}
              pointsClaimed={s.renewal?.pointsClaimed !== null && s.renewal?.pointsClaimed !== undefined ? String(s.renewal.pointsClaimed) : ""}
            />
            {s.renewal?.submittedDate ? (
              <div className="border-t border-slate-200 pt-5">
                <h3 className="mb-3 font-semibold">Approved?</h3>
                <MarkApprovedForm certificationId={s.certificationId} dueDate={s.cycle.dueDate} today={today} submittedDate={s.renewal.submittedDate} />
              </div>
            ) : null}
          </div>
        )}
        {latestRenewalDue === s.cycle.dueDate && s.renewal ? (
          <form action={undoRenewalAction} className="mt-4">
            <input type="hidden" name="certificationId" value={s.certificationId} />
            <input type="hidden" name="dueDate" value={s.cycle.dueDate} />
            <button type="submit" className="text-sm font-medium text-red-700 underline hover:text-red-800">
              {s.renewal.approvedDate ? "Undo the approval (reopens this cycle)" : "Remove the submission record"}
            </button>
          </form>
        ) : null}
      </Card>

      <p className="text-xs text-muted">
        Figures from the {s.issuer} rules as Recert records them ({s.ruleVersions.map((v) => v.label).join("; ")}), as of {formatDate(s.asOf)}.
      </p>
    </div>
  );
}

/** The fee and the steps: for a cycle still to submit (a renewed one needs neither). */
function SubmitHelp({ s }: { s: SubmissionSummary }) {
  return (
    <div className="grid items-start gap-6 md:grid-cols-2 print:block print:space-y-4">
      {s.fee ? (
        <Card aria-labelledby="fee-h" className="print:shadow-none">
          <h2 id="fee-h" className="text-lg font-semibold">
            Fee to expect
          </h2>
          <p className="mt-2 text-sm">{feeSentence(s)}</p>
          <p className="mt-2 text-xs text-muted">
            Source:{" "}
            <a className="underline" href={s.fee.source.url} rel="noopener noreferrer" target="_blank">
              {s.fee.source.title}
            </a>
          </p>
        </Card>
      ) : null}
      {s.steps.length ? (
        <Card aria-labelledby="steps-h" className="print:shadow-none">
          <h2 id="steps-h" className="text-lg font-semibold">
            How to submit to {s.issuer}
          </h2>
          <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-sm">
            {s.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Card>
      ) : null}
    </div>
  );
}

function FormTotals({ s }: { s: SubmissionSummary }) {
  return (
    <div className="mt-4">
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {s.categories.map((c) => (
          <li key={c.id} className="px-4 py-3" data-testid={`form-total-${c.id}`}>
            <div className="flex items-center gap-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{c.label}</p>
                {!c.onForm ? <p className="text-xs text-muted">Category of the older rules</p> : null}
                {c.trimmed > 0 ? (
                  <p className="text-xs text-amber-800">
                    {formatPoints(c.earned)} earned, {formatPoints(c.trimmed)} over the limit
                  </p>
                ) : null}
              </div>
              <span className="text-2xl font-bold tabular-nums" data-testid="points">
                {formatPoints(c.counted)}
              </span>
              <CopyButton value={formatPoints(c.counted)} label={`${c.label} points`} />
            </div>
            {c.children.length ? (
              <ul className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3 text-sm">
                {c.children.map((ch) => (
                  <li key={ch.id} className="flex justify-between gap-3">
                    <span className="text-muted">
                      {ch.label}
                      {ch.min !== null ? ` (at least ${formatPoints(ch.min)})` : ""}
                    </span>
                    <span className="font-semibold tabular-nums">{formatPoints(ch.counted)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
        <li className="flex items-center gap-3 bg-slate-50 px-4 py-3" data-testid="form-total">
          <p className="flex-1 font-semibold">Total</p>
          <span className="text-2xl font-bold tabular-nums" data-testid="points">
            {formatPoints(s.counted)}
          </span>
          <span className="text-sm text-muted">of {formatPoints(s.required)}</span>
        </li>
      </ul>
      <p className="mt-2 text-sm text-muted">
        {s.cycle.closed && s.cycle.approvedDate
          ? `Renewed: approved on ${formatDate(s.cycle.approvedDate)}.`
          : s.remaining > 0
          ? `${formatPoints(s.remaining)} ${s.unit.many} still needed by ${formatDate(s.cycle.dueDate)}.`
          : `The ${formatPoints(s.required)} ${s.unit.many} required are met.`}
      </p>
    </div>
  );
}

function Line({ l }: { l: SummaryLine }) {
  const cell = "block md:table-cell print:table-cell md:px-2 md:py-2 align-top break-words";
  const inlineCell = "inline md:table-cell print:table-cell md:px-2 md:py-2 align-top";
  const label = "md:hidden print:hidden text-xs font-medium text-muted";
  return (
    <tr className="block border-b border-slate-200 py-3 md:table-row md:py-0 print:table-row print:break-inside-avoid" data-testid="summary-line">
      <td className={`${inlineCell} text-sm text-muted tabular-nums`}>
        <span className={label}>Line </span>
        {l.lineNo}
        <span className={label} aria-hidden="true">
          {" · "}
        </span>
      </td>
      <td className={`${inlineCell} text-sm`}>
        {l.endDate && l.endDate !== l.startDate ? `${formatDate(l.startDate)} – ${formatDate(l.endDate)}` : formatDate(l.date)}
      </td>
      <td className={`${cell} text-sm`}>
        <p className="font-semibold">{l.title}</p>
        {l.provider ? <p className="text-muted">{l.provider}</p> : null}
        {l.subCategoryLabel ? <p className="text-xs text-muted">{l.subCategoryLabel}</p> : null}
        {l.manual ? <p className="text-xs text-amber-800">Points set by hand: {l.manual.reason}</p> : null}
      </td>
      <td className={`${cell} text-sm`}>
        <span className={label}>Amount: </span>
        {l.amount}
      </td>
      <td className={`${cell} text-sm`}>
        <span className={label}>Rule: </span>
        <span>{l.typeLabel}</span>
        <span className="block text-xs text-muted">
          {l.explanation}{" "}
          {l.source.confidence !== "confirmed" ? <span className="italic">({l.source.confidence} source)</span> : null}
        </span>
        {l.trimmedBy ? <span className="block text-xs text-amber-800">Trimmed: {l.trimmedBy}</span> : null}
      </td>
      <td className={`${cell} text-sm font-semibold tabular-nums md:text-right`}>
        <span className={label}>Points: </span>
        {l.counted < l.points ? `${formatPoints(l.counted)} of ${formatPoints(l.points)}` : formatPoints(l.counted)}
      </td>
      <td className={`${cell} text-sm`}>
        <span className={label}>Evidence: </span>
        {l.evidence.length ? (
          <span>
            {evidenceLabel(l)}
            <span className="block text-xs text-muted print:hidden">
              {l.evidence.map((e, i) => (
                <span key={e.id}>
                  {i > 0 ? ", " : ""}
                  <a className="underline" href={`/api/evidence/${e.id}`}>
                    {e.fileName}
                  </a>
                </span>
              ))}
            </span>
          </span>
        ) : (
          <span className="font-medium text-amber-800">None</span>
        )}
      </td>
    </tr>
  );
}

function CategoryTable({ category }: { category: SummaryCategory }) {
  const th = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
  return (
    <section className="mt-6" aria-labelledby={`cat-${category.id}`}>
      <h3 id={`cat-${category.id}`} className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-brand-600 pb-1 font-semibold">
        <span>{category.label}</span>
        <span className="text-sm tabular-nums">
          {formatPoints(category.counted)} counted{category.trimmed > 0 ? ` of ${formatPoints(category.earned)} earned` : ""}
        </span>
      </h3>
      <table className="block w-full md:table md:table-fixed print:table print:table-fixed">
        <colgroup>
          <col className="w-10" />
          <col className="w-28" />
          <col />
          <col className="w-24" />
          <col className="w-48" />
          <col className="w-20" />
          <col className="w-36" />
        </colgroup>
        <thead className="hidden md:table-header-group print:table-header-group">
          <tr>
            <th scope="col" className={th}>
              #
            </th>
            <th scope="col" className={th}>
              Date
            </th>
            <th scope="col" className={th}>
              Activity
            </th>
            <th scope="col" className={th}>
              Amount
            </th>
            <th scope="col" className={th}>
              Rule that scored it
            </th>
            <th scope="col" className={`${th} text-right`}>
              Points
            </th>
            <th scope="col" className={th}>
              Evidence
            </th>
          </tr>
        </thead>
        <tbody className="block md:table-row-group print:table-row-group">
          {category.lines.map((l) => (
            <Line key={l.activityId} l={l} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
