/**
 * The static part of a designation card — header, countdown, progress bar, sentences, category
 * bars, the two drawings of the chart and the timeline — as an HTML string, built once per
 * (immutable, cached) ProgressReport and unit and inserted with dangerouslySetInnerHTML.
 *
 * Why: a report is shared by every request of a holder whose data did not change
 * (lib/progress/cache.ts), and this markup depends on nothing else, yet React rendered it element
 * by element on every request, twice (the RSC payload, then the HTML): ~13 ms per dashboard
 * request, a third of its CPU (bench:dashboard, BENCHMARKS.md). A string costs React nothing.
 *
 * The markup is what the JSX components rendered (same elements, classes, ids, ARIA and text),
 * minus React's `<!-- -->` text separators. Every interpolated value goes through `esc` — text
 * and attributes alike, numbers included — so nothing from a pack or the database can open a
 * tag or leave an attribute. Nothing here is interactive: the planner's "Log it" links stay
 * React (next/link) in designation-card.tsx.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import type { ProgressReport } from "@/lib/rules";
import {
  categoryBars,
  type ChartModel,
  chartModel,
  headline,
  paceSentence,
  projectionSentence,
  STATUS_LABELS,
  STATUS_TONES,
  type StatusTone,
  timeline,
} from "./view";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Escapes text or an attribute value (double-quoted) for HTML and SVG, as React does. */
export function esc(value: string | number): string {
  const s = String(value);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : s;
}

function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

export const TONE_BADGE: Record<StatusTone, string> = {
  good: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  warn: "bg-amber-50 text-amber-900 ring-amber-300",
  bad: "bg-red-50 text-red-800 ring-red-200",
};
const TONE_BAR: Record<StatusTone, string> = { good: "bg-brand-600", warn: "bg-amber-500", bad: "bg-red-600" };

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

// ---------------------------------------------------------------------------------------------
// Chart
// ---------------------------------------------------------------------------------------------

/**
 * One drawing of the chart. `labelledBy` names the figure's caption (the text alternative).
 * Lines of one colour are one path and labels share their font in a group (presentation
 * attributes inherit): the same drawing in half the markup of one element per tick.
 */
export function chartSvg(m: ChartModel, labelledBy: string, className: string): string {
  const { left, right, top, bottom } = m.plot;
  const grid = m.yTicks.map((t) => `M${left} ${t.y}H${right}`).join("");
  const marks = m.xTicks.map((t) => `M${t.x} ${bottom}V${bottom + 4}`).join("");
  const yLabels = m.yTicks.map((t) => `<text x="${esc(left - 6)}" y="${esc(t.y + 4)}">${esc(t.label)}</text>`).join("");
  const xLabels = m.xTicks.map((t) => `<text x="${esc(t.x)}" y="${esc(bottom + 18)}">${esc(t.label)}</text>`).join("");
  return (
    `<svg viewBox="0 0 ${esc(m.width)} ${esc(m.height)}" class="h-auto w-full ${esc(className)}" role="img" aria-labelledby="${esc(labelledBy)}">` +
    (grid ? `<path d="${esc(grid)}" stroke="#e2e8f0" stroke-width="1"/>` : "") +
    `<g font-size="12" fill="#4b5766">` +
    (yLabels ? `<g text-anchor="end">${yLabels}</g>` : "") +
    (xLabels ? `<g text-anchor="middle">${xLabels}</g>` : "") +
    `</g>` +
    // The x axis and its tick marks.
    `<path d="${esc(`${marks}M${left} ${bottom}H${right}`)}" stroke="#94a3b8" stroke-width="1"/>` +
    `<path d="${esc(`M${m.dueX} ${top}V${bottom}`)}" stroke="#b45309" stroke-width="1" stroke-dasharray="2 3"/>` +
    `<path d="${esc(m.targetPath)}" fill="none" stroke="#64748b" stroke-width="2" stroke-dasharray="6 5"/>` +
    (m.todayX !== null
      ? `<path d="${esc(`M${m.todayX} ${top}V${bottom}`)}" stroke="#17705f" stroke-width="1" stroke-opacity="0.5"/>` +
        `<text x="${esc(m.todayX)}" y="${esc(top - 4)}" text-anchor="${m.todayX > m.width - 60 ? "end" : "middle"}" font-size="11" fill="#125a4d">today</text>`
      : "") +
    `<path d="${esc(m.actualPath)}" fill="none" stroke="#17705f" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>` +
    `</svg>`
  );
}

/**
 * Points over the cycle against the straight line to the requirement: inline SVG, no script.
 * Two drawings of the same model, one shaped for phones, so the labels stay readable at 390 px;
 * the one not shown is display:none, so assistive technology meets one image, named by the
 * caption.
 */
export function pointsChartHtml(report: ProgressReport): string {
  const id = `chart-${report.certificationId}`;
  const cap = `${id}-cap`;
  const wide = chartModel(report, { width: 480, height: 230 });
  const narrow = chartModel(report, { width: 340, height: 220 });
  return (
    `<figure aria-labelledby="${esc(cap)}" class="min-w-0">` +
    chartSvg(narrow, cap, "sm:hidden") +
    chartSvg(wide, cap, "hidden sm:block") +
    `<div class="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">` +
    `<span class="inline-flex items-center gap-1.5"><span class="inline-block h-0.5 w-5 bg-brand-600"></span> Points counted</span>` +
    `<span class="inline-flex items-center gap-1.5"><span class="inline-block w-5 border-t-2 border-dashed border-slate-500"></span> Steady pace to ${esc(formatPoints(report.required))}</span>` +
    `<span class="inline-flex items-center gap-1.5"><span class="inline-block h-3 border-l border-dashed border-amber-700"></span> Due date</span>` +
    `</div>` +
    `<figcaption id="${esc(cap)}" class="sr-only">${esc(wide.summary)}</figcaption></figure>`
  );
}

// ---------------------------------------------------------------------------------------------
// The rest of the card
// ---------------------------------------------------------------------------------------------

function progressBarHtml(report: ProgressReport, tone: StatusTone): string {
  const share = report.required > 0 ? Math.min(report.counted / report.required, 1) : 1;
  return (
    `<div role="progressbar" aria-label="${esc(`${report.credentialCode} points counted`)}" aria-valuemin="0" aria-valuemax="${esc(report.required)}"` +
    ` aria-valuenow="${esc(Math.min(report.counted, report.required))}" aria-valuetext="${esc(`${formatPoints(report.counted)} of ${formatPoints(report.required)} points`)}"` +
    ` class="h-3 w-full overflow-hidden rounded-full bg-slate-100">` +
    `<div class="${esc(cx("h-full rounded-full", TONE_BAR[tone]))}" style="width:${esc(pct(share))}"></div></div>`
  );
}

function categoriesHtml(report: ProgressReport): string {
  const bars = categoryBars(report);
  if (bars.length === 0) return "";
  const out: string[] = [`<div><h3 class="text-sm font-semibold text-ink">By category</h3><ul class="mt-2 space-y-3">`];
  for (const b of bars) {
    out.push(
      `<li><div class="flex items-baseline justify-between gap-3 text-sm"><span class="font-medium">${esc(b.label)}</span>`,
      `<span class="tabular-nums text-muted">${esc(formatPoints(b.counted))} counted</span></div>`,
      `<div class="relative mt-1 h-2 w-full rounded-full bg-slate-100" aria-hidden="true">`,
      `<div class="absolute inset-y-0 left-0 rounded-full bg-brand-500" style="width:${esc(pct(b.countedShare))}"></div>`,
    );
    if (b.trimmedShare > 0) {
      out.push(
        `<div class="absolute inset-y-0 rounded-r-full bg-[repeating-linear-gradient(45deg,#cbd5e1_0_3px,#f1f5f9_3px_6px)]"` +
          ` style="left:${esc(pct(b.countedShare))};width:${esc(pct(Math.min(b.trimmedShare, 1 - b.countedShare)))}"></div>`,
      );
    }
    if (b.capShare !== null) out.push(`<div class="absolute -inset-y-1 w-0.5 bg-slate-700" style="left:${esc(pct(b.capShare))}"></div>`);
    out.push(`</div>`);
    if (b.note) {
      out.push(
        `<p class="${esc(cx("mt-1 text-xs", b.capReached ? "font-medium text-amber-900" : "text-muted"))}">${b.capReached ? "Cap reached: " : ""}${esc(b.note)}</p>`,
      );
    }
    out.push(`</li>`);
  }
  out.push(`</ul></div>`);
  return out.join("");
}

function timelineHtml(report: ProgressReport): string {
  const out: string[] = [`<div><h3 class="text-sm font-semibold text-ink">Timeline</h3><ol class="mt-3 grid gap-3 sm:grid-cols-5 sm:gap-2">`];
  for (const e of timeline(report)) {
    const dot = cx(
      "block h-3 w-3 shrink-0 rounded-full",
      e.key === "today" ? "bg-brand-600 ring-4 ring-brand-100" : e.when === "past" ? "bg-slate-400" : "border-2 border-slate-400 bg-white",
    );
    out.push(
      `<li class="flex items-center gap-3 sm:flex-col sm:items-start sm:gap-1.5"><span aria-hidden="true" class="${esc(dot)}"></span>`,
      `<span class="text-sm leading-tight"><span class="${esc(cx("block font-medium", e.key === "today" ? "text-brand-800" : "text-ink"))}">${esc(e.label)}</span>`,
      `<span class="block text-xs text-muted"><time datetime="${esc(e.date)}">${esc(formatDate(e.date))}</time></span></span></li>`,
    );
  }
  out.push(`</ol></div>`);
  return out.join("");
}

/**
 * Everything of a designation card above the planner: the header (the card's heading, with the
 * id its section is labelled by) and the two columns.
 */
export function cardBodyHtml(report: ProgressReport, unit: string): string {
  const h = headline(report);
  const tone = STATUS_TONES[report.status];
  const headingId = `cert-${report.certificationId}-h`;
  const status = STATUS_LABELS[report.status];
  return (
    `<header class="flex flex-wrap items-start justify-between gap-3"><div>` +
    `<h2 id="${esc(headingId)}" class="text-xl font-bold tracking-tight text-ink">${esc(report.credentialCode)}</h2>` +
    `<p class="text-sm text-muted">${esc(report.credentialName)}</p></div>` +
    `<span class="${esc(cx("rounded-full px-3 py-1 text-sm font-semibold ring-1", TONE_BADGE[tone]))}">${esc(status)}</span></header>` +
    `<div class="mt-5 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]"><div class="space-y-5">` +
    `<div><p class="flex items-baseline gap-2"><span class="text-5xl font-bold tabular-nums tracking-tight text-ink">${esc(h.value)}</span>` +
    `<span class="text-lg font-medium text-ink">${esc(h.label)}</span></p><p class="mt-1 text-sm text-muted">${esc(h.detail)}</p></div>` +
    `<div><p class="mb-2 flex items-baseline justify-between gap-3 text-sm"><span>` +
    `<strong class="text-base tabular-nums">${esc(formatPoints(report.counted))}</strong> of ${esc(formatPoints(report.required))} ${esc(unit)} counted</span>` +
    (report.remaining > 0 ? `<span class="tabular-nums text-muted">${esc(formatPoints(report.remaining))} to go</span>` : "") +
    `</p>${progressBarHtml(report, tone)}</div>` +
    `<div class="space-y-1 text-sm"><p>${esc(paceSentence(report))}</p><p>${esc(projectionSentence(report))}</p></div>` +
    `<p class="rounded-md bg-slate-50 px-3 py-2 text-sm text-muted"><span class="font-semibold text-ink">${esc(status)}: </span>${esc(report.statusReason)}</p>` +
    categoriesHtml(report) +
    `</div><div class="space-y-6">${pointsChartHtml(report)}${timelineHtml(report)}</div></div>`
  );
}

/**
 * cardBodyHtml, memoised per report and unit: a report is never mutated and is shared by the
 * requests of a holder whose data did not change, so its markup never changes either. The
 * WeakMap lets the markup go when lib/progress/cache.ts lets the report go.
 */
const cardMemo = new WeakMap<ProgressReport, Map<string, string>>();

export function cardBody(report: ProgressReport, unit: string): string {
  let memo = cardMemo.get(report);
  const known = memo?.get(unit);
  if (known !== undefined) return known;
  const html = cardBodyHtml(report, unit);
  if (!memo) cardMemo.set(report, (memo = new Map()));
  memo.set(unit, html);
  return html;
}
