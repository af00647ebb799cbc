import Link from "next/link";
import { cx } from "@/app/_components/ui";
import {
  categoryBars,
  groupPlan,
  headline,
  paceSentence,
  projectionSentence,
  STATUS_LABELS,
  STATUS_TONES,
  type StatusTone,
  timeline,
} from "@/lib/dashboard/view";
import { formatDate, formatPoints } from "@/lib/dates";
import type { PlanItem, ProgressReport } from "@/lib/rules";
import { PointsChart } from "./points-chart";

const TONE_BADGE: Record<StatusTone, string> = {
  good: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  warn: "bg-amber-50 text-amber-900 ring-amber-300",
  bad: "bg-red-50 text-red-800 ring-red-200",
};
const TONE_BAR: Record<StatusTone, string> = { good: "bg-brand-600", warn: "bg-amber-500", bad: "bg-red-600" };

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function ProgressBar({ report, tone }: { report: ProgressReport; tone: StatusTone }) {
  const share = report.required > 0 ? Math.min(report.counted / report.required, 1) : 1;
  return (
    <div
      role="progressbar"
      aria-label={`${report.credentialCode} points counted`}
      aria-valuemin={0}
      aria-valuemax={report.required}
      aria-valuenow={Math.min(report.counted, report.required)}
      aria-valuetext={`${formatPoints(report.counted)} of ${formatPoints(report.required)} points`}
      className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
    >
      <div className={cx("h-full rounded-full", TONE_BAR[tone])} style={{ width: pct(share) }} />
    </div>
  );
}

function Categories({ report }: { report: ProgressReport }) {
  const bars = categoryBars(report);
  if (bars.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-ink">By category</h3>
      <ul className="mt-2 space-y-3">
        {bars.map((b) => (
          <li key={b.id}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium">{b.label}</span>
              <span className="tabular-nums text-muted">{formatPoints(b.counted)} counted</span>
            </div>
            <div className="relative mt-1 h-2 w-full rounded-full bg-slate-100" aria-hidden="true">
              <div className="absolute inset-y-0 left-0 rounded-full bg-brand-500" style={{ width: pct(b.countedShare) }} />
              {b.trimmedShare > 0 ? (
                <div
                  className="absolute inset-y-0 rounded-r-full bg-[repeating-linear-gradient(45deg,#cbd5e1_0_3px,#f1f5f9_3px_6px)]"
                  style={{ left: pct(b.countedShare), width: pct(Math.min(b.trimmedShare, 1 - b.countedShare)) }}
                />
              ) : null}
              {b.capShare !== null ? <div className="absolute -inset-y-1 w-0.5 bg-slate-700" style={{ left: pct(b.capShare) }} /> : null}
            </div>
            {b.note ? (
              <p className={cx("mt-1 text-xs", b.capReached ? "font-medium text-amber-900" : "text-muted")}>
                {b.capReached ? "Cap reached: " : ""}
                {b.note}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Timeline({ report }: { report: ProgressReport }) {
  const entries = timeline(report);
  return (
    <div>
      <h3 className="text-sm font-semibold text-ink">Timeline</h3>
      <ol className="mt-3 grid gap-3 sm:grid-cols-5 sm:gap-2">
        {entries.map((e) => (
          <li key={e.key} className="flex items-center gap-3 sm:flex-col sm:items-start sm:gap-1.5">
            <span
              aria-hidden="true"
              className={cx(
                "block h-3 w-3 shrink-0 rounded-full",
                e.key === "today" ? "bg-brand-600 ring-4 ring-brand-100" : e.when === "past" ? "bg-slate-400" : "border-2 border-slate-400 bg-white",
              )}
            />
            <span className="text-sm leading-tight">
              <span className={cx("block font-medium", e.key === "today" ? "text-brand-800" : "text-ink")}>{e.label}</span>
              <span className="block text-xs text-muted">
                <time dateTime={e.date}>{formatDate(e.date)}</time>
              </span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Planner({ report, plan, unit }: { report: ProgressReport; plan: PlanItem[]; unit: string }) {
  if (report.remaining <= 0 || report.status === "expired") return null;
  const deadline = report.cycle.state === "suspended" ? report.cycle.suspensionEnd : report.cycle.dueDate;
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4" id={`plan-${report.certificationId}`}>
      <h3 className="text-sm font-semibold text-ink">
        How to find the missing {formatPoints(report.remaining)} {unit} by {formatDate(deadline)}
      </h3>
      {plan.length === 0 ? (
        <p className="mt-2 text-sm text-muted">No suggestion fits before the deadline. Log what you have done, or contact the issuer.</p>
      ) : (
        <>
          <ul className="mt-2 space-y-2">
            {groupPlan(plan).map((item, i) => (
              <li key={`${item.typeId}-${i}`} className="flex items-start justify-between gap-3 text-sm">
                <span className="flex items-start gap-2">
                  <span className="inline-block min-w-12 shrink-0 rounded bg-brand-50 px-1.5 py-0.5 text-center font-semibold tabular-nums text-brand-800">
                    +{formatPoints(item.points)}
                  </span>
                  <span className="pt-0.5">
                    {item.count > 1 ? `${item.count} × ` : ""}
                    {item.label}
                  </span>
                </span>
                <Link
                  href={`/activities/new?type=${encodeURIComponent(item.typeId)}`}
                  className="shrink-0 rounded px-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                >
                  Log it<span className="sr-only">: {item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-muted">The fewest activities from the issuer&apos;s own list that cover what is missing, within the caps.</p>
        </>
      )}
    </div>
  );
}

export function DesignationCard({ report, plan, unit }: { report: ProgressReport; plan: PlanItem[]; unit: string }) {
  const h = headline(report);
  const tone = STATUS_TONES[report.status];
  const headingId = `cert-${report.certificationId}-h`;
  return (
    <section
      id={`cert-${report.certificationId}`}
      aria-labelledby={headingId}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-xl font-bold tracking-tight text-ink">
            {report.credentialCode}
          </h2>
          <p className="text-sm text-muted">{report.credentialName}</p>
        </div>
        <span className={cx("rounded-full px-3 py-1 text-sm font-semibold ring-1", TONE_BADGE[tone])}>{STATUS_LABELS[report.status]}</span>
      </header>

      <div className="mt-5 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]">
        <div className="space-y-5">
          <div>
            <p className="flex items-baseline gap-2">
              <span className="text-5xl font-bold tabular-nums tracking-tight text-ink">{h.value}</span>
              <span className="text-lg font-medium text-ink">{h.label}</span>
            </p>
            <p className="mt-1 text-sm text-muted">{h.detail}</p>
          </div>
          <div>
            <p className="mb-2 flex items-baseline justify-between gap-3 text-sm">
              <span>
                <strong className="text-base tabular-nums">{formatPoints(report.counted)}</strong> of {formatPoints(report.required)} {unit} counted
              </span>
              {report.remaining > 0 ? <span className="tabular-nums text-muted">{formatPoints(report.remaining)} to go</span> : null}
            </p>
            <ProgressBar report={report} tone={tone} />
          </div>
          <div className="space-y-1 text-sm">
            <p>{paceSentence(report)}</p>
            <p>{projectionSentence(report)}</p>
          </div>
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-muted">
            <span className="font-semibold text-ink">{STATUS_LABELS[report.status]}: </span>
            {report.statusReason}
          </p>
          <Categories report={report} />
        </div>
        <div className="space-y-6">
          <PointsChart report={report} />
          <Timeline report={report} />
        </div>
      </div>
      <div className="mt-6">
        <Planner report={report} plan={plan} unit={unit} />
      </div>
    </section>
  );
}
