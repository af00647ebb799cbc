/**
 * What the dashboard shows, derived from ProgressReports only: the headline, the pace and
 * projection sentences, the status label, the timeline, the chart geometry and the latest
 * activities. Pure; no points are computed here, they are read from the report.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import type { ScoringRow } from "@/db/queries/activities";
import { type CategoryLine, dateNumber, fromDateNumber, type PlanItem, planGap, type ProgressReport, type ReportStatus } from "@/lib/rules";

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round(dayNumber(b) - dayNumber(a));
}

function plural(n: number, one: string, many: string): string {
  return `${formatPoints(n)} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Headline, status, sentences
// ---------------------------------------------------------------------------------------------

export type Headline = { value: string; label: string; detail: string };

export function headline(report: ProgressReport): Headline {
  const { cycle } = report;
  if (report.status === "expired" || cycle.state === "expired") {
    return { value: "Expired", label: `on ${formatDate(cycle.expiryDate)}`, detail: `It was due on ${formatDate(cycle.dueDate)}.` };
  }
  if (report.status === "suspended" || cycle.state === "suspended") {
    const left = daysBetween(report.asOf, cycle.suspensionEnd) + 1;
    return {
      value: String(left),
      label: left === 1 ? "day left to apply" : "days left to apply",
      detail: `Suspended since ${formatDate(cycle.dueDate)}; it expires on ${formatDate(cycle.expiryDate)}.`,
    };
  }
  if (report.daysLeft === 0) return { value: "Today", label: "is the due date", detail: `Due ${formatDate(cycle.dueDate)}.` };
  return {
    value: report.daysLeft.toLocaleString("en-US"),
    label: report.daysLeft === 1 ? "day left" : "days left",
    detail: `Due ${formatDate(cycle.dueDate)}.`,
  };
}

export const STATUS_LABELS: Record<ReportStatus, string> = {
  complete: "Complete",
  on_track: "On track",
  behind: "Behind pace",
  due_soon: "Due soon",
  suspended: "Suspended",
  expired: "Expired",
};

export type StatusTone = "good" | "warn" | "bad";

export const STATUS_TONES: Record<ReportStatus, StatusTone> = {
  complete: "good",
  on_track: "good",
  behind: "warn",
  due_soon: "warn",
  suspended: "bad",
  expired: "bad",
};

export function paceSentence(report: ProgressReport): string {
  if (report.remaining <= 0) return "You have all the points you need for this cycle.";
  if (report.status === "expired") return "This cycle is closed.";
  if (report.daysLeft <= 0) return `The due date has passed: the ${plural(report.remaining, "missing point is", "missing points are")} needed now.`;
  return `You need ${formatPoints(report.pace.neededPerMonth)} points a month; you have averaged ${formatPoints(report.pace.achievedPerMonth)}.`;
}

export function projectionSentence(report: ProgressReport): string {
  if (report.remaining <= 0) return `You reached ${formatPoints(report.required)} points.`;
  if (!report.projectedCompletion) return "Log an activity to see when you will get there.";
  const date = formatDate(report.projectedCompletion);
  return report.projectedCompletion <= report.cycle.dueDate
    ? `At this pace you reach ${formatPoints(report.required)} points on ${date}.`
    : `At this pace you reach ${formatPoints(report.required)} points on ${date}, after the due date.`;
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export type CategoryBar = {
  id: string;
  label: string;
  counted: number;
  trimmed: number;
  /** Share of the bar's scale, 0..1. */
  countedShare: number;
  trimmedShare: number;
  /** Where the cap sits on the bar (cycle caps only), 0..1. */
  capShare: number | null;
  note: string;
  capReached: boolean;
};

function capNote(line: CategoryLine): string {
  const parts: string[] = [];
  if (line.cap !== null) {
    const per = line.capKind === "per_calendar_year" ? " a calendar year" : " per cycle";
    parts.push(`at most ${formatPoints(line.cap)}${per}`);
  }
  if (line.min !== null && line.min > 0) parts.push(`at least ${formatPoints(line.min)}`);
  if (line.trimmed > 0) parts.push(`${formatPoints(line.trimmed)} over the cap not counted`);
  return parts.join(" · ");
}

/** One bar per top-level category, on the scale of the points required (so bars compare). */
export function categoryBars(report: ProgressReport): CategoryBar[] {
  const scale = Math.max(report.required, report.earned, 1);
  return report.categories
    .filter((c) => c.parentId === null)
    .map((c) => ({
      id: c.id,
      label: c.label,
      counted: c.counted,
      trimmed: c.trimmed,
      countedShare: Math.min(c.counted / scale, 1),
      trimmedShare: Math.min(c.trimmed / scale, 1),
      capShare: c.cap !== null && c.capKind !== "per_calendar_year" ? Math.min(c.cap / scale, 1) : null,
      note: capNote(c),
      capReached: c.capReached,
    }));
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

export type TimelineEntry = { key: string; label: string; date: string; when: "past" | "today" | "future" };

/** earned (or cycle start) → today → due date → end of suspension → expiry, in date order. */
export function timeline(report: ProgressReport): TimelineEntry[] {
  const { cycle, asOf } = report;
  const fixed: Omit<TimelineEntry, "when">[] = [
    { key: "start", label: cycle.index === 0 ? "Earned" : "Cycle started", date: cycle.start },
    { key: "due", label: "Due date", date: cycle.dueDate },
    { key: "suspension", label: "Suspension ends", date: cycle.suspensionEnd },
    { key: "expiry", label: "Expires if not renewed", date: cycle.expiryDate },
  ];
  const entries: TimelineEntry[] = fixed.map((e) => ({ ...e, when: e.date < asOf ? "past" : e.date === asOf ? "today" : "future" }));
  const today: TimelineEntry = { key: "today", label: "Today", date: asOf, when: "today" };
  const at = entries.findIndex((e) => e.date > asOf);
  if (at < 0) entries.push(today);
  else entries.splice(at, 0, today);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Chart: points over the cycle against the straight line to the requirement
// ---------------------------------------------------------------------------------------------

export type ChartModel = {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Step line of counted points over time. */
  actualPath: string;
  /** Straight line from 0 at the cycle start to the requirement on the due date. */
  targetPath: string;
  todayX: number | null;
  dueX: number;
  requiredY: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The text alternative. */
  summary: string;
  /** Points on the straight line today. */
  expectedToday: number;
};

function niceStep(max: number): number {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Width in px of a tick label in the page's sans-serif at `fontSize`, on the wide side: digits are
 * 0.50–0.64 em in the system fonts the page asks for (DejaVu Sans, Linux's fallback, is the
 * widest), separators about half that. Used to give the y axis room for "10,000".
 */
export function labelWidth(label: string, fontSize: number): number {
  let em = 0;
  for (const ch of label) em += ch >= "0" && ch <= "9" ? 0.64 : ch === "," || ch === "." ? 0.32 : 0.7;
  return em * fontSize;
}

/**
 * Memo per report: a report may be shared by many requests (lib/progress/cache.ts keeps it while
 * the holder's data is unchanged), and the model walks every contribution — 20,000 of them for a
 * long record. Reports are never mutated, so the model of one report and size never changes.
 */
const chartMemo = new WeakMap<ProgressReport, Map<string, ChartModel>>();

export function chartModel(report: ProgressReport, size: { width: number; height: number } = { width: 640, height: 240 }): ChartModel {
  const key = `${size.width}x${size.height}`;
  let memo = chartMemo.get(report);
  const known = memo?.get(key);
  if (known) return known;
  const model = buildChartModel(report, size);
  if (!memo) chartMemo.set(report, (memo = new Map()));
  memo.set(key, model);
  return model;
}

function buildChartModel(report: ProgressReport, size: { width: number; height: number }): ChartModel {
  const { cycle, asOf } = report;
  const step = niceStep(Math.max(report.required, report.counted, 1));
  const yMax = Math.ceil(Math.max(report.required, report.counted, 1) / step) * step;
  const yLabels: { value: number; label: string }[] = [];
  for (let v = 0; v <= yMax; v += step) yLabels.push({ value: v, label: formatPoints(v) });
  // The y labels end 6 px left of the plot: the plot starts where the widest of them fits.
  const widest = Math.max(0, ...yLabels.map((l) => labelWidth(l.label, 12)));
  const plot = { left: Math.max(40, Math.ceil(widest + 6 + 2)), top: 16, right: size.width - 16, bottom: size.height - 28 };
  const start = cycle.start;
  const end = asOf > cycle.dueDate ? (asOf < cycle.suspensionEnd ? asOf : cycle.suspensionEnd) : cycle.dueDate;
  const span = Math.max(daysBetween(start, end), 1);
  const x = (iso: string) => round1(plot.left + (Math.min(Math.max(daysBetween(start, iso), 0), span) / span) * (plot.right - plot.left));
  const y = (points: number) => round1(plot.bottom - (Math.min(points, yMax) / yMax) * (plot.bottom - plot.top));

  // Counted points by day, from the report's own contributions (after caps).
  // Grouped by the date as a number (yyyymmdd): no string is made per contribution.
  const byDay = new Map<number, number>();
  const list = report.contributions;
  const asOfDay = dateNumber(asOf);
  const startDay = dateNumber(start);
  for (let k = 0; k < list.length; k++) {
    const counted = list.counted(k);
    const d = list.day(k);
    if (counted <= 0 || d > asOfDay) continue;
    const day = d < startDay ? startDay : d;
    byDay.set(day, (byDay.get(day) ?? 0) + counted);
  }
  let total = report.openingBalance + report.carriedIn;
  const segments: string[] = [`M${x(start)},${y(total)}`];
  // One step per pixel column at most: days that land on the same pixel climb together. A long
  // record (20,000 activities: a step on nearly every day of the cycle) would otherwise write
  // thousands of segments per drawing into the page (bench:dashboard, 97 KB of SVG).
  let column: number | null = null;
  let columnX = 0;
  for (const dayNumber of [...byDay.keys()].sort((a, b) => a - b)) {
    const day = fromDateNumber(dayNumber);
    if (day > end) break;
    const px = x(day);
    if (column !== null && Math.round(px) !== column) segments.push(`H${columnX}`, `V${y(total)}`);
    if (column === null || Math.round(px) !== column) {
      column = Math.round(px);
      columnX = px;
    }
    total += byDay.get(dayNumber) ?? 0;
  }
  if (column !== null) segments.push(`H${columnX}`, `V${y(total)}`);
  const lastDay = asOf < end ? asOf : end;
  segments.push(`H${x(lastDay)}`);

  const xTicks: ChartModel["xTicks"] = [];
  const firstYear = Number(start.slice(0, 4)) + 1;
  const lastYear = Number(end.slice(0, 4));
  const every = lastYear - firstYear > 6 ? 2 : 1;
  for (let yr = firstYear; yr <= lastYear; yr += every) xTicks.push({ x: x(`${yr}-01-01`), label: String(yr) });
  const yTicks: ChartModel["yTicks"] = [];
  for (const l of yLabels) yTicks.push({ y: y(l.value), label: l.label });

  const cycleDays = Math.max(daysBetween(start, cycle.dueDate), 1);
  const elapsed = Math.min(Math.max(daysBetween(start, asOf), 0), cycleDays);
  const expectedToday = Math.round(((report.required * elapsed) / cycleDays) * 10) / 10;
  const ahead = report.counted >= expectedToday;
  const summary =
    `Points counted over the cycle from ${formatDate(start)}: ${formatPoints(report.counted)} of ${formatPoints(report.required)} by ${formatDate(asOf)}. ` +
    `A straight line to ${formatPoints(report.required)} points by ${formatDate(cycle.dueDate)} would be at ${formatPoints(expectedToday)} today, ` +
    `so you are ${ahead ? "ahead of" : "behind"} that line.`;

  return {
    width: size.width,
    height: size.height,
    plot,
    actualPath: segments.join(""),
    targetPath: `M${x(start)},${y(0)}L${x(cycle.dueDate)},${y(report.required)}`,
    todayX: asOf >= start && asOf <= end ? x(asOf) : null,
    dueX: x(cycle.dueDate),
    requiredY: y(report.required),
    xTicks,
    yTicks,
    summary,
    expectedToday,
  };
}

// ---------------------------------------------------------------------------------------------
// Latest activities
// ---------------------------------------------------------------------------------------------

export type LatestActivity = {
  id: string;
  title: string;
  date: string;
  /** Counted points per designation this activity counts for. */
  counts: { credentialCode: string; points: number }[];
};

/**
 * Memo per activity list and reports: both arrays are shared by every request of a holder whose
 * data did not change (lib/progress/cache.ts), and this walks all of them (20,000 rows for a long
 * record). Neither is ever mutated.
 */
const latestMemo = new WeakMap<ScoringRow[], WeakMap<ProgressReport[], Map<number, LatestActivity[]>>>();

/** The most recent activities (by date), with the points each report counted for them. */
export function latestActivities(rows: ScoringRow[], reports: ProgressReport[], limit = 5): LatestActivity[] {
  let byReports = latestMemo.get(rows);
  if (!byReports) latestMemo.set(rows, (byReports = new WeakMap()));
  let byLimit = byReports.get(reports);
  if (!byLimit) byReports.set(reports, (byLimit = new Map()));
  const known = byLimit.get(limit);
  if (known) return known;
  const made = computeLatest(rows, reports, limit);
  byLimit.set(limit, made);
  return made;
}

function computeLatest(rows: ScoringRow[], reports: ProgressReport[], limit: number): LatestActivity[] {
  // The `limit` latest in one pass (a stable descending sort of 20,000 rows cost more than the
  // rest of the dashboard): a row goes after those with the same date, as a stable sort puts it.
  const latest: ScoringRow[] = [];
  for (const row of rows) {
    const day = row.endDate ?? row.startDate;
    let at = latest.length;
    while (at > 0 && (latest[at - 1]!.endDate ?? latest[at - 1]!.startDate) < day) at -= 1;
    if (at >= limit) continue;
    latest.splice(at, 0, row);
    if (latest.length > limit) latest.pop();
  }
  const wanted = new Set(latest.map((r) => r.id));
  const counts = new Map<string, { credentialCode: string; points: number }[]>();
  for (const report of reports) {
    const contributions = report.contributions;
    for (let k = 0; k < contributions.length; k++) {
      const id = contributions.activityId(k);
      if (!wanted.has(id)) continue;
      const list = counts.get(id) ?? [];
      list.push({ credentialCode: report.credentialCode, points: contributions.counted(k) });
      counts.set(id, list);
    }
  }
  return latest.map((r) => ({ id: r.id, title: r.title, date: r.endDate ?? r.startDate, counts: counts.get(r.id) ?? [] }));
}

// ---------------------------------------------------------------------------------------------
// Gap planner display
// ---------------------------------------------------------------------------------------------

const planMemo = new WeakMap<ProgressReport, Map<string, PlanItem[]>>();

/**
 * lib/rules' planGap, memoised per report (shared by the requests of an unchanged holder, see
 * latestActivities): the planner walks every contribution for each activity type it considers.
 */
export function planFor(report: ProgressReport, opts: { asOf: string; isMember: boolean }): PlanItem[] {
  const key = `${opts.asOf}|${opts.isMember}`;
  let memo = planMemo.get(report);
  const known = memo?.get(key);
  if (known) return known;
  const plan = planGap(report, opts);
  if (!memo) planMemo.set(report, (memo = new Map()));
  memo.set(key, plan);
  return plan;
}

export type PlanLine = { typeId: string; label: string; count: number; points: number };

/** The planner's items with identical suggestions folded together ("3 × one-day workshop, +24"). */
export function groupPlan(items: PlanItem[]): PlanLine[] {
  const lines: PlanLine[] = [];
  const byKey = new Map<string, PlanLine>();
  for (const item of items) {
    const key = `${item.typeId}\u0000${item.label}\u0000${item.points}`;
    const line = byKey.get(key);
    if (line) {
      line.count += 1;
      line.points = Math.round((line.points + item.points) * 100) / 100;
    } else {
      const fresh = { typeId: item.typeId, label: item.label, count: 1, points: item.points };
      byKey.set(key, fresh);
      lines.push(fresh);
    }
  }
  return lines;
}
