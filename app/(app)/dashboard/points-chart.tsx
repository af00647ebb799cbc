import { type ChartModel, chartModel } from "@/lib/dashboard/view";
import { formatPoints } from "@/lib/dates";
import type { ProgressReport } from "@/lib/rules";

/**
 * Points over the cycle against the straight line to the requirement: inline SVG, no script.
 * Two drawings of the same model, one shaped for phones, so the labels stay readable at 390 px.
 */
export function PointsChart({ report }: { report: ProgressReport }) {
  const id = `chart-${report.certificationId}`;
  const wide = chartModel(report, { width: 480, height: 230 });
  const narrow = chartModel(report, { width: 340, height: 220 });
  return (
    <figure aria-labelledby={`${id}-cap`} className="min-w-0">
      <ChartSvg m={narrow} labelledBy={`${id}-cap`} className="sm:hidden" />
      <ChartSvg m={wide} labelledBy={`${id}-cap`} className="hidden sm:block" />
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-5 bg-brand-600" /> Points counted
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block w-5 border-t-2 border-dashed border-slate-500" /> Steady pace to {formatPoints(report.required)}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 border-l border-dashed border-amber-700" /> Due date
        </span>
      </div>
      <figcaption id={`${id}-cap`} className="sr-only">
        {wide.summary}
      </figcaption>
    </figure>
  );
}

function ChartSvg({ m, labelledBy, className }: { m: ChartModel; labelledBy: string; className: string }) {
  return (
    <svg viewBox={`0 0 ${m.width} ${m.height}`} className={`h-auto w-full ${className}`} role="img" aria-labelledby={labelledBy}>
      {m.yTicks.map((t) => (
        <g key={`y${t.label}`}>
          <line x1={m.plot.left} x2={m.plot.right} y1={t.y} y2={t.y} stroke="#e2e8f0" strokeWidth={1} />
          <text x={m.plot.left - 6} y={t.y + 4} textAnchor="end" fontSize={12} fill="#4b5766">
            {t.label}
          </text>
        </g>
      ))}
      {m.xTicks.map((t) => (
        <g key={`x${t.label}`}>
          <line x1={t.x} x2={t.x} y1={m.plot.bottom} y2={m.plot.bottom + 4} stroke="#94a3b8" strokeWidth={1} />
          <text x={t.x} y={m.plot.bottom + 18} textAnchor="middle" fontSize={12} fill="#4b5766">
            {t.label}
          </text>
        </g>
      ))}
      <line x1={m.plot.left} x2={m.plot.right} y1={m.plot.bottom} y2={m.plot.bottom} stroke="#94a3b8" strokeWidth={1} />
      <line x1={m.dueX} x2={m.dueX} y1={m.plot.top} y2={m.plot.bottom} stroke="#b45309" strokeWidth={1} strokeDasharray="2 3" />
      <path d={m.targetPath} fill="none" stroke="#64748b" strokeWidth={2} strokeDasharray="6 5" />
      {m.todayX !== null ? (
        <g>
          <line x1={m.todayX} x2={m.todayX} y1={m.plot.top} y2={m.plot.bottom} stroke="#17705f" strokeWidth={1} strokeOpacity={0.5} />
          <text x={m.todayX} y={m.plot.top - 4} textAnchor={m.todayX > m.width - 60 ? "end" : "middle"} fontSize={11} fill="#125a4d">
            today
          </text>
        </g>
      ) : null}
      <path d={m.actualPath} fill="none" stroke="#17705f" strokeWidth={3} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
