/**
 * The gap planner: the fewest activities, from the pack's own types, that close what a report
 * still misses before its deadline, respecting caps. Category minimums first (PMI talent areas,
 * ISC2 Group A), then the total. Among candidates the one that covers most of the gap wins; ties
 * go to the lower effort, then to the smaller overshoot. Only types the pack marks as
 * suggestable are proposed (no exams for other designations, no college degrees).
 */
import { compiledPack, versionOn, type CompiledPack, type CompiledType } from "./compile";
import { diffDays, yearOf } from "./dates";
import { collectMinGaps } from "./evaluate";
import { fmt, newScratch, round2, scoreInto } from "./score";
import type { ActivityTypeData } from "./schema";
import type { ActivityInput, CategoryLine, ISODate, PlanItem, ProgressReport } from "./types";

const EFFORT = { low: 0, medium: 1, high: 2 } as const;
const MAX_ITEMS = 60;
/**
 * A once-a-year item (a conference, a membership year, a year of service) is planned in a
 * calendar year only when at least this many days of it are left before the deadline: with only
 * weeks left, "in 2026" is not a plan, the next year is.
 */
export const MIN_DAYS_LEFT_IN_YEAR = 60;

/** The calendar years from asOf to the deadline with at least MIN_DAYS_LEFT_IN_YEAR days left in them. */
function plannableYears(asOf: ISODate, deadline: ISODate): number[] {
  const years: number[] = [];
  for (let y = yearOf(asOf); y <= yearOf(deadline); y++) {
    const first = `${String(y).padStart(4, "0")}-01-01`;
    const last = `${String(y).padStart(4, "0")}-12-31`;
    const from = asOf > first ? asOf : first;
    const until = deadline < last ? deadline : last;
    if (diffDays(from, until) + 1 >= MIN_DAYS_LEFT_IN_YEAR) years.push(y);
  }
  return years;
}

interface Candidate {
  t: CompiledType;
  suggest: NonNullable<ActivityTypeData["suggest"]>;
  /** The categories this type can put points in. */
  targets: string[];
  quantity: number;
  effort: number;
  order: number;
  /** Years still free for a once-a-year item. */
  freeYears: number[] | null;
}

function flatten(lines: CategoryLine[], out = new Map<string, CategoryLine>()): Map<string, CategoryLine> {
  for (const l of lines) {
    out.set(l.id, l);
    flatten(l.children, out);
  }
  return out;
}

function scoreOf(cp: CompiledPack, t: CompiledType, date: ISODate, quantity: number, details: Record<string, unknown>): number | null {
  const a: ActivityInput = { id: "plan", packId: cp.id, typeId: t.id, startDate: date, quantity: t.kind === 0 || t.kind === 3 ? quantity : null, details };
  const s = newScratch();
  return scoreInto(a, t, date, s) === null ? s.points : null;
}

/**
 * Proposes activities that close the remaining gap of `report` before its due date (or before
 * the end of the suspension when activities then still count). Empty when nothing is missing,
 * the cycle is closed or expired, or the report could not be made.
 */
export function planGap(report: ProgressReport, opts: { asOf?: ISODate; isMember?: boolean } = {}): PlanItem[] {
  if (report.errors.length > 0 || report.cycle.closed || report.status === "expired") return [];
  const cp = compiledPack(report.packId);
  if (cp === null) return [];
  const asOf = opts.asOf ?? report.asOf;
  const deadline = report.cycle.state === "suspended" ? report.cycle.countsUntil : report.cycle.dueDate;
  if (asOf > deadline || (report.cycle.state === "suspended" && deadline <= report.cycle.dueDate)) return [];
  const version = versionOn(cp, asOf);
  if (version === null) return [];

  const lines = flatten(report.categories);
  // Room left under caps, per category (a child is also bounded by its parent).
  const room = new Map<string, number>();
  for (const [id, l] of lines) if (l.cap !== null && l.capKind !== "per_calendar_year") room.set(id, Math.max(0, l.cap - l.counted));
  const roomFor = (cat: string): number => {
    let r = Infinity;
    for (let c: string | null = cat; c !== null; ) {
      r = Math.min(r, room.get(c) ?? Infinity);
      c = lines.get(c)?.parentId ?? cp.categoryIndex.get(c)?.parentId ?? null;
    }
    return r;
  };
  const spend = (cat: string, pts: number) => {
    for (let c: string | null = cat; c !== null; ) {
      const r = room.get(c);
      if (r !== undefined) room.set(c, r - pts);
      c = lines.get(c)?.parentId ?? cp.categoryIndex.get(c)?.parentId ?? null;
    }
  };
  // Per calendar year caps: what is left in each year up to the deadline (years with room left in them).
  const yearRoom = new Map<string, Map<number, number>>();
  const years = plannableYears(asOf, deadline);
  for (const cat of version.categoryIds) {
    const def = cp.categoryIndex.get(cat)?.def;
    const cap = def?.capPerCalendarYear?.value;
    if (cap === undefined) continue;
    const m = new Map<number, number>();
    for (const y of years) m.set(y, cap - (lines.get(cat)?.years?.find((x) => x.year === y)?.counted ?? 0));
    yearRoom.set(cat, m);
  }

  const candidates: Candidate[] = [];
  let order = 0;
  for (const t of version.types.values()) {
    const def = version.data.activityTypes.find((x) => x.id === t.id);
    const suggest = def?.suggest;
    if (def === undefined || suggest === undefined || suggest.effort === "high") continue;
    let freeYears: number[] | null = null;
    if (suggest.perYear !== undefined) {
      freeYears = [];
      for (const y of years) {
        const list = report.contributions;
        let used = 0;
        for (let k = 0; k < list.length; k++) if (list.typeId(k) === t.id && yearOf(list.date(k)) === y && list.counted(k) > 0) used++;
        for (let k = used; k < suggest.perYear; k++) freeYears.push(y);
      }
    }
    candidates.push({
      t,
      suggest,
      targets: t.categoryChoices !== null ? [...t.categoryChoices] : [t.categoryId as string],
      quantity: suggest.quantity ?? 1,
      effort: EFFORT[suggest.effort],
      order: order++,
      freeYears,
    });
  }

  const items: PlanItem[] = [];
  const pts = (n: number) => `${fmt(n)} ${n === 1 ? cp.pack.unit.one : cp.pack.unit.many}`;
  let total = report.remaining;
  const minNeed = new Map(collectMinGaps(report.categories).map((g) => [g.id, g.remaining]));

  /** Best option for `gap` points in one of `cats` (any category when null). */
  const pick = (gap: number, cats: Set<string> | null, membershipOnly: boolean) => {
    let best: { c: Candidate; cat: string; points: number; quantity: number } | null = null;
    for (const c of candidates) {
      if (membershipOnly && c.suggest.membership !== true) continue;
      if (c.freeYears !== null && c.freeYears.length === 0) continue;
      for (const cat of c.targets) {
        if (cats !== null && !cats.has(cat)) continue;
        const details: Record<string, unknown> = { ...(c.suggest.details ?? {}) };
        if (c.t.categoryChoices !== null) details.categoryId = cat;
        const full = scoreOf(cp, c.t, asOf, c.quantity, details);
        if (full === null || full <= 0) continue;
        let quantity = c.quantity;
        let points = full;
        if (c.suggest.divisible === true && full > gap && (c.t.kind === 0 || c.t.kind === 3)) {
          const perUnit = full / c.quantity;
          const q = Math.min(c.quantity, Math.ceil(gap / perUnit / c.t.increment - 1e-9) * c.t.increment);
          const p = scoreOf(cp, c.t, asOf, q, details);
          if (p !== null && p > 0) {
            quantity = q;
            points = p;
          }
        }
        let limit = roomFor(cat);
        const yr = yearRoom.get(cat);
        if (yr !== undefined) {
          let bestYear = 0;
          for (const v of yr.values()) bestYear = Math.max(bestYear, v);
          limit = Math.min(limit, bestYear);
        }
        points = Math.min(points, limit);
        if (points <= 0) continue;
        const covered = Math.min(points, gap);
        const better =
          best === null ||
          covered > Math.min(best.points, gap) + 1e-9 ||
          (Math.abs(covered - Math.min(best.points, gap)) <= 1e-9 &&
            (c.effort < best.c.effort || (c.effort === best.c.effort && (points < best.points - 1e-9 || (Math.abs(points - best.points) <= 1e-9 && c.order < best.c.order)))));
        if (better) best = { c, cat, points, quantity };
      }
    }
    return best;
  };

  const take = (choice: NonNullable<ReturnType<typeof pick>>, reason: string) => {
    const { c, cat, points, quantity } = choice;
    const year = c.freeYears !== null ? (c.freeYears.shift() ?? null) : null;
    const yr = yearRoom.get(cat);
    if (yr !== undefined) {
      let y0: number | null = null;
      for (const [y, v] of yr) if (v >= points && y0 === null) y0 = y;
      if (y0 !== null) yr.set(y0, (yr.get(y0) ?? 0) - points);
    }
    spend(cat, points);
    total = round2(total - points);
    for (let k: string | null = cat; k !== null; ) {
      const need = minNeed.get(k);
      if (need !== undefined) minNeed.set(k, round2(need - points));
      k = lines.get(k)?.parentId ?? cp.categoryIndex.get(k)?.parentId ?? null;
    }
    const title = c.suggest.membership === true && opts.isMember === false && c.suggest.titleIfNotMember !== undefined ? c.suggest.titleIfNotMember : c.suggest.title;
    const catLabel = lines.get(cat)?.label ?? cp.categoryIndex.get(cat)?.label ?? cat;
    const qty = c.t.kind === 0 || c.t.kind === 3 ? ` (${fmt(quantity)} ${quantity === 1 ? c.t.unit : c.t.unitPlural})` : "";
    const item: PlanItem = {
      typeId: c.t.id,
      label: `${title}${qty}${c.t.categoryChoices !== null ? ` in ${catLabel}` : ""}${year !== null ? ` in ${year}` : ""}`,
      points: round2(points),
      quantity,
      categoryId: cat,
      reason,
    };
    const details: Record<string, string | number | boolean> = { ...(c.suggest.details ?? {}) };
    if (c.t.categoryChoices !== null) details.categoryId = cat;
    if (Object.keys(details).length > 0) item.details = details;
    items.push(item);
  };

  // Members renew anyway: their membership years come first.
  if (opts.isMember === true) {
    for (let guard = 0; total > 0 && guard < MAX_ITEMS; guard++) {
      const m = pick(total, null, true);
      if (m === null) break;
      take(m, `+${fmt(m.points)} toward the ${pts(total)} still needed by ${deadline}; you renew anyway.`);
    }
  }

  // Category minimums, deepest first (a talent area before Education).
  const depth = (id: string) => cp.categoryIndex.get(id)?.depth ?? 0;
  for (const id of [...minNeed.keys()].sort((a, b) => depth(b) - depth(a))) {
    const cats = new Set([id]);
    for (const c of cp.categories) for (let p = c.parentId; p !== null; p = cp.categoryIndex.get(p)?.parentId ?? null) if (p === id) cats.add(c.id);
    for (let guard = 0; (minNeed.get(id) ?? 0) > 0 && items.length < MAX_ITEMS && guard < MAX_ITEMS; guard++) {
      const need = minNeed.get(id) ?? 0;
      const choice = pick(need, cats, false);
      if (choice === null) break;
      const label = lines.get(id)?.label ?? id;
      take(choice, `+${fmt(choice.points)} toward the ${pts(need)} still needed in ${label} (a minimum) by ${deadline}.`);
    }
  }

  // The total.
  while (total > 0 && items.length < MAX_ITEMS) {
    const choice = pick(total, null, false);
    if (choice === null) break;
    take(choice, `+${fmt(choice.points)} toward the ${pts(total)} still needed by ${deadline}.`);
  }
  return items;
}
