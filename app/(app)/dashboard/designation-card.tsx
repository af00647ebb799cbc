import Link from "next/link";
import { cardBody } from "@/lib/dashboard/markup";
import { groupPlan } from "@/lib/dashboard/view";
import { formatDate, formatPoints } from "@/lib/dates";
import type { PlanItem, ProgressReport } from "@/lib/rules";

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

/**
 * One designation: countdown, progress, categories, chart and timeline — static markup built once
 * per (cached, immutable) report by lib/dashboard/markup.ts — then the gap planner, whose "Log it"
 * links are next/link.
 */
export function DesignationCard({ report, plan, unit }: { report: ProgressReport; plan: PlanItem[]; unit: string }) {
  return (
    <section
      id={`cert-${report.certificationId}`}
      aria-labelledby={`cert-${report.certificationId}-h`}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <div dangerouslySetInnerHTML={{ __html: cardBody(report, unit) }} />
      <div className="mt-6">
        <Planner report={report} plan={plan} unit={unit} />
      </div>
    </section>
  );
}
