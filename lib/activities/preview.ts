/**
 * What the activity form shows while the holder types: the points the draft earns (lib/rules
 * scoreActivity, through validateActivity), the rule and its source, which designations it counts
 * for (lib/rules countsFor) and whether a cap is reached or would be (lib/rules evaluate over the
 * holder's other activities plus the draft). Pure: the caller loads the data and passes asOf.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import {
  countsFor,
  cyclesOf,
  evaluate,
  getPack,
  type ActivityInput,
  type CategoryLine,
  type CertificationInput,
} from "@/lib/rules";
import { type ActivityDraft, type OkScore, validateActivity } from "./input";

export const DRAFT_ID = "draft";

export type CountsForLine = { certificationId: string; credentialCode: string; counts: boolean; excluded: boolean; reason: string };

export type Preview =
  | { ok: false; problems: { field: string; message: string }[] }
  | {
      ok: true;
      points: number;
      rawPoints: number;
      categoryLabel: string;
      explanation: string;
      ruleVersionLabel: string;
      source: { key: string; title: string; url: string; confidence: string };
      warnings: string[];
      countsFor: CountsForLine[];
      capWarnings: string[];
      duplicates: { id: string; title: string; startDate: string }[];
    };

export function draftInput(value: ActivityDraft, id = DRAFT_ID): ActivityInput {
  return {
    id,
    packId: value.packId,
    typeId: value.typeId,
    title: value.title,
    startDate: value.startDate,
    endDate: value.endDate,
    quantity: value.quantity,
    details: value.details,
    manualPoints: value.manualPoints === null ? null : { points: value.manualPoints, reason: value.manualReason ?? "" },
    excludedCertificationIds: value.excludedCertificationIds,
  };
}

function findLine(lines: CategoryLine[], id: string): CategoryLine | null {
  for (const l of lines) {
    if (l.id === id) return l;
    const c = findLine(l.children, id);
    if (c) return c;
  }
  return null;
}

/** The lines from `id` up to its top-level category (caps may bind at a parent). */
function lineAndParents(lines: CategoryLine[], id: string): CategoryLine[] {
  const out: CategoryLine[] = [];
  let line = findLine(lines, id);
  while (line) {
    out.push(line);
    line = line.parentId ? findLine(lines, line.parentId) : null;
  }
  return out;
}

/**
 * Cap warnings for one certification: evaluate the cycle that holds the draft with and without
 * it, and say when the draft is trimmed by a cap or brings a category to its cap.
 */
function capWarningsFor(cert: CertificationInput, others: ActivityInput[], draft: ActivityInput, score: OkScore, cycleIndex: number, asOf: string): string[] {
  const cycle = cyclesOf(cert, asOf).find((c) => c.index === cycleIndex);
  if (!cycle || cycle.error) return [];
  const report = evaluate({ certification: cert, activities: [...others, draft], asOf, cycle });
  const mine = report.contributions.at(report.contributions.indexOf(DRAFT_ID));
  const out: string[] = [];
  const code = cert.credentialCode;
  const year = Number(score.date.slice(0, 4));
  const lines = lineAndParents(report.categories, score.categoryId);
  if (mine && mine.counted < mine.points) {
    const binding = lines.find((l) => l.capReached) ?? lines[0];
    const capText =
      binding?.capKind === "per_calendar_year"
        ? `${binding.label} counts at most ${formatPoints(binding.cap ?? 0)} points a calendar year`
        : binding?.cap !== null && binding?.cap !== undefined
          ? `${binding.label} counts at most ${formatPoints(binding.cap)} points in a cycle`
          : "a limit of the rules applies";
    out.push(
      `${code}: only ${formatPoints(mine.counted)} of its ${formatPoints(mine.points)} points would count, because ${capText}${binding?.capKind === "per_calendar_year" ? ` and ${year} is already at or over it` : ""}.`,
    );
  } else if (mine) {
    for (const l of lines) {
      if (l.capKind === "per_calendar_year") {
        const y = l.years?.find((x) => x.year === year);
        if (y && y.counted >= y.cap && y.cap > 0)
          out.push(`${code}: this brings ${l.label} to its cap of ${formatPoints(y.cap)} points for ${year}; more ${l.label.toLowerCase()} in ${year} will not add points.`);
      } else if (l.cap !== null && l.counted >= l.cap) {
        out.push(`${code}: this brings ${l.label} to its cap of ${formatPoints(l.cap)} points for the cycle due ${formatDate(cycle.dueDate)}.`);
      }
    }
  }
  // Limits one activity can hit only together with others (same conference, once per year).
  for (const w of report.warnings) {
    if (w.activityId === DRAFT_ID && (w.code === "cap_reached" || w.code === "own_exam")) {
      const text = `${code}: ${w.message}`;
      if (!out.includes(text)) out.push(text);
    }
  }
  return out;
}

/**
 * Which of the holder's activities the preview of this draft needs: those of its pack in the
 * windows of the cycles that hold its date. null when none are needed (the draft is incomplete,
 * or no designation's cycle holds it).
 */
export function previewWindow(raw: Record<string, unknown>, certifications: CertificationInput[], asOf: string): { packId: string; from: string; to: string } | null {
  const v = validateActivity({ ...raw, title: "Untitled", excludedCertificationIds: [] });
  if (!v.ok) return null;
  let from: string | null = null;
  let to: string | null = null;
  for (const c of countsFor(draftInput(v.value), certifications, asOf)) {
    if (!c.counts || c.cycleIndex === null) continue;
    const cert = certifications.find((x) => x.id === c.certificationId);
    const cycle = cert ? cyclesOf(cert, asOf).find((x) => x.index === c.cycleIndex) : undefined;
    if (!cycle) continue;
    if (from === null || cycle.countsFrom < from) from = cycle.countsFrom;
    if (to === null || cycle.countsUntil > to) to = cycle.countsUntil;
  }
  return from !== null && to !== null ? { packId: v.value.packId, from, to } : null;
}

/**
 * The live preview of a draft. `certifications` are the holder's maintained designations;
 * `others` the holder's other live activities (the edited one left out).
 */
export function buildPreview(
  raw: Record<string, unknown>,
  ctx: { certifications: CertificationInput[]; others: ActivityInput[]; asOf: string; duplicates?: { id: string; title: string; startDate: string }[] },
): Preview {
  // The title does not change the points: a missing one must not hide them.
  const titled = typeof raw.title === "string" && raw.title.trim() ? raw : { ...raw, title: "Untitled" };
  const v = validateActivity(titled, { certificationIds: ctx.certifications.map((c) => c.id) });
  if (!v.ok) return { ok: false, problems: Object.entries(v.fieldErrors).map(([field, message]) => ({ field, message })) };
  const { value, score } = v;
  const pack = getPack(value.packId);
  const version = pack?.versions.find((x) => x.id === score.ruleVersion);
  const category = version?.categories.find((c) => c.id === score.categoryId);
  const draft = draftInput(value);
  const samePack = ctx.certifications.filter((c) => c.packId === value.packId);
  // countsFor says "excluded" for an excluded one; ask it without exclusions too, to show where it would count.
  const open = countsFor({ ...draft, excludedCertificationIds: [] }, samePack, ctx.asOf);
  const lines: CountsForLine[] = open.map((c) => {
    const excluded = value.excludedCertificationIds.includes(c.certificationId);
    return {
      certificationId: c.certificationId,
      credentialCode: c.credentialCode,
      counts: c.counts && !excluded,
      excluded,
      reason: excluded ? `You chose not to count it for ${c.credentialCode}.` : c.counts && c.dueDate ? `Counts for the cycle due ${formatDate(c.dueDate)}.` : c.reason,
    };
  });
  const others = ctx.others.filter((a) => a.packId === value.packId);
  const capWarnings: string[] = [];
  for (const c of open) {
    if (!c.counts || c.cycleIndex === null || value.excludedCertificationIds.includes(c.certificationId)) continue;
    const cert = samePack.find((x) => x.id === c.certificationId);
    if (cert) capWarnings.push(...capWarningsFor(cert, others, draft, score, c.cycleIndex, ctx.asOf));
  }
  const sourceTitle = pack?.sources[score.source.key]?.title ?? score.source.key;
  return {
    ok: true,
    points: score.points,
    rawPoints: score.rawPoints,
    categoryLabel: category?.label ?? score.categoryId,
    explanation: score.explanation,
    ruleVersionLabel: version?.label ?? score.ruleVersion,
    source: { key: score.source.key, title: sourceTitle, url: score.source.url, confidence: score.source.confidence },
    warnings: score.warnings,
    countsFor: lines,
    capWarnings,
    duplicates: ctx.duplicates ?? [],
  };
}
