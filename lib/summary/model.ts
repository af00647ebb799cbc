/**
 * The submission summary of one certification for one cycle: a view of the ProgressReport from
 * lib/rules, arranged as the issuer's form asks for it, with every activity line numbered.
 * PURE: no database, no clock. Every point figure is copied from the report (category lines,
 * contributions, totals); nothing here adds points up or scores anything.
 *
 * The page, the PDF, the CSV and the audit pack are all rendered from this one object, so they
 * can never disagree.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import { pts } from "./text";
import type {
  ActivityTypeDef,
  CategoryLine,
  Contribution,
  Cycle,
  ISODate,
  PackVersion,
  ProgressReport,
  ReportStatus,
  RulePack,
  SourceRef,
} from "@/lib/rules";
import { submissionInfo, type FeeInfo, type IssuerSubmission } from "./issuers";

export interface SummaryEvidence {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** One activity as the summary lists it. */
export interface SummaryLine {
  /** 1-based, in the order of the summary (category, then date). The audit pack names files by it. */
  lineNo: number;
  activityId: string;
  /** The date that placed the activity in the cycle (from the report). */
  date: ISODate;
  startDate: ISODate;
  endDate: ISODate | null;
  title: string;
  provider: string | null;
  /** What the activity type is, e.g. "Webinar or webcast". */
  typeLabel: string;
  /** "8 hours", "3 days", "3 credit hours × 10 weeks". */
  amount: string;
  /** Points before caps (report contribution). */
  points: number;
  /** Points after caps (report contribution). */
  counted: number;
  /** The limit that trimmed this line, in words, when counted < points. */
  trimmedBy: string | null;
  ruleId: string;
  /** How the rule scored it, from the report. */
  explanation: string;
  source: SourceRef;
  /** A sub-category shown on the line, e.g. PMI's talent area under Education. */
  subCategoryLabel: string | null;
  manual: { points: number; reason: string } | null;
  evidence: SummaryEvidence[];
}

/** One category of the issuer's form, with the activity lines whose points go there. */
export interface SummaryCategory {
  id: string;
  label: string;
  versionId: string;
  /** Points after caps: the figure to type into the form. */
  counted: number;
  /** Points before caps. */
  earned: number;
  trimmed: number;
  min: number | null;
  cap: number | null;
  capKind: CategoryLine["capKind"];
  /** Sub-categories (PMI talent areas …), each with its own counted figure. */
  children: { id: string; label: string; counted: number; earned: number; min: number | null; cap: number | null }[];
  lines: SummaryLine[];
  /** True when the issuer's form for this cycle has this category (false: an older rule version's category with points). */
  onForm: boolean;
}

export interface SummaryOpeningBalance {
  categoryId: string;
  categoryLabel: string;
  points: number;
  attested: boolean;
  note: string | null;
}

export interface SummaryWarning {
  code: "points_short" | "missing_evidence" | "unconfirmed_rule" | "cap_trimmed" | "other";
  title: string;
  details: string[];
}

export interface SummaryCycleRef {
  index: number;
  start: ISODate;
  dueDate: ISODate;
  closed: boolean;
  submittedDate: ISODate | null;
  approvedDate: ISODate | null;
  current: boolean;
}

export interface SubmissionSummary {
  certificationId: string;
  packId: string;
  issuer: string;
  unit: { one: string; many: string };
  credentialCode: string;
  credentialName: string;
  holder: { name: string; issuerId: string | null; issuerIdLabel: string };
  cycle: Cycle;
  /** Every cycle of this certification up to today (for links between cycles). */
  cycles: SummaryCycleRef[];
  isCurrentCycle: boolean;
  asOf: ISODate;
  status: ReportStatus;
  statusReason: string;
  required: number;
  earned: number;
  counted: number;
  remaining: number;
  openingBalance: number;
  carriedIn: number;
  formPrompt: string;
  /** The categories with the figures to type, the form's first. */
  categories: SummaryCategory[];
  openingBalances: SummaryOpeningBalance[];
  lineCount: number;
  linesWithoutEvidence: number;
  warnings: SummaryWarning[];
  fee: FeeInfo | null;
  isMember: boolean;
  steps: string[];
  auditNote: string;
  /** Pack versions that scored this cycle, e.g. "ASCM rules from 4 January 2018". */
  ruleVersions: { id: string; label: string }[];
  /** The renewal recorded for this cycle, if any (submitted / approved dates and points claimed). */
  renewal: { submittedDate: ISODate | null; approvedDate: ISODate | null; pointsClaimed: number | null } | null;
  errors: string[];
}

export interface SummaryActivity {
  id: string;
  typeId: string;
  title: string;
  provider: string | null;
  startDate: ISODate;
  endDate: ISODate | null;
  quantity: number | null;
  details: Record<string, unknown>;
  manualPoints: number | null;
  manualReason: string | null;
}

export interface SummaryInput {
  report: ProgressReport;
  pack: RulePack;
  /** Every cycle of the certification up to asOf (lib/rules cyclesOf). */
  cycles: Cycle[];
  certification: {
    id: string;
    holderId: string | null;
    renewals: { dueDate: ISODate; submittedDate: ISODate | null; approvedDate: ISODate | null; pointsClaimed: number | null }[];
    openingBalances: { cycleDueDate: ISODate; categoryId: string; points: number; attested: boolean; note: string | null }[];
  };
  holder: { name: string; issuerIds: Record<string, string>; isMember: boolean };
  activities: SummaryActivity[];
  evidence: (SummaryEvidence & { activityId: string })[];
}

function flatten(lines: CategoryLine[]): CategoryLine[] {
  return lines.flatMap((l) => [l, ...flatten(l.children)]);
}

function typeDef(pack: RulePack, ruleId: string, typeId: string, date: ISODate): { type: ActivityTypeDef; version: PackVersion } | null {
  let fallback: { type: ActivityTypeDef; version: PackVersion } | null = null;
  for (const version of pack.versions) {
    const type = version.activityTypes.find((t) => t.id === typeId);
    if (!type) continue;
    if (type.ruleId === ruleId) return { type, version };
    const inForce = version.effectiveFrom <= date && (version.effectiveUntil === null || date < version.effectiveUntil);
    if (inForce || !fallback) fallback = { type, version };
  }
  return fallback;
}

function plural(n: number, one: string, many: string): string {
  return `${pts(n)} ${n === 1 ? one : many}`;
}

/** The amount in the type's own unit: "8 hours", "3 days", "3 credit hours × 10 weeks", "1 book". */
export function formatAmount(type: ActivityTypeDef | null, a: Pick<SummaryActivity, "quantity" | "details">): string {
  if (!type) return a.quantity === null ? "" : pts(a.quantity);
  const scoring = type.scoring;
  if (scoring.kind === "product") {
    const parts = scoring.factors.map((key) => {
      const field = type.fields.find((f) => f.key === key);
      const raw = a.details[key];
      const value = typeof raw === "number" ? pts(raw) : typeof raw === "string" ? raw : "?";
      return `${value} ${(field?.label ?? key).toLowerCase()}`;
    });
    return parts.join(" × ");
  }
  if (scoring.kind === "fixed") return `1 ${type.unit}`;
  if (a.quantity === null) return "";
  return plural(a.quantity, type.unit, type.unitPlural);
}

function trimmedWords(trimmedBy: string | undefined, categories: Map<string, CategoryLine>): string | null {
  if (!trimmedBy) return null;
  // "ascm-2018/cap/service/per_calendar_year" → the category's limit label when the report has it.
  const parts = trimmedBy.split("/");
  const categoryId = parts[2];
  const kind = parts[3];
  const cat = categoryId ? categories.get(categoryId) : undefined;
  const limit = cat?.limits.find((l) => l.kind === kind);
  if (limit) return `${cat?.label}: ${limit.label}`;
  if (cat) return `${cat.label} cap`;
  return trimmedBy;
}

function listLines(nums: number[]): string {
  if (nums.length === 0) return "";
  return (nums.length === 1 ? "Line " : "Lines ") + nums.join(", ");
}

export function buildSummary(input: SummaryInput): SubmissionSummary {
  const { report, pack, holder, certification } = input;
  const info: IssuerSubmission | null = submissionInfo(pack.id);
  const allCategories = flatten(report.categories);
  const byId = new Map(allCategories.map((c) => [c.id, c]));
  const parentOf = (id: string): CategoryLine | undefined => {
    let cur = byId.get(id);
    while (cur && cur.parentId !== null) {
      const up = byId.get(cur.parentId);
      if (!up) break;
      cur = up;
    }
    return cur;
  };

  const activities = new Map(input.activities.map((a) => [a.id, a]));
  const evidenceByActivity = new Map<string, SummaryEvidence[]>();
  for (const e of input.evidence) {
    const list = evidenceByActivity.get(e.activityId) ?? [];
    list.push({ id: e.id, fileName: e.fileName, contentType: e.contentType, sizeBytes: e.sizeBytes, sha256: e.sha256 });
    evidenceByActivity.set(e.activityId, list);
  }

  // The form's categories: those of the version that dated the cycle, then any other version's with points.
  const formVersion = report.cycle.ruleVersion;
  const roots = report.categories.filter((c) => c.parentId === null);
  const hasFormVersion = roots.some((c) => c.versionId === formVersion);
  const shown = roots.filter((c) => (hasFormVersion ? c.versionId === formVersion : true) || c.earned > 0 || c.counted > 0);
  const groups = new Map<string, { root: CategoryLine; contributions: Contribution[] }>();
  for (const root of shown) groups.set(root.id, { root, contributions: [] });
  const orphans: Contribution[] = [];
  for (const c of report.contributions) {
    const root = parentOf(c.categoryId);
    const g = root ? groups.get(root.id) : undefined;
    if (g) g.contributions.push(c);
    else orphans.push(c);
  }
  if (orphans.length) {
    // A contribution whose category the report has no line for: keep it visible rather than drop it.
    groups.set("__other", {
      root: {
        id: "__other",
        label: "Other",
        parentId: null,
        versionId: formVersion,
        earned: 0,
        counted: 0,
        trimmed: 0,
        min: null,
        cap: null,
        capKind: null,
        limits: [],
        capReached: false,
        remainingToMin: 0,
        children: [],
      },
      contributions: orphans,
    });
  }

  let lineNo = 0;
  const categories: SummaryCategory[] = [];
  for (const { root, contributions } of groups.values()) {
    const sorted = [...contributions].sort(
      (a, b) => a.date.localeCompare(b.date) || (activities.get(a.activityId)?.title ?? "").localeCompare(activities.get(b.activityId)?.title ?? ""),
    );
    const lines: SummaryLine[] = sorted.map((c) => {
      const a = activities.get(c.activityId);
      const def = typeDef(pack, c.ruleId, c.typeId, c.date);
      const sub = c.categoryId !== root.id ? (byId.get(c.categoryId)?.label ?? null) : null;
      lineNo += 1;
      return {
        lineNo,
        activityId: c.activityId,
        date: c.date,
        startDate: a?.startDate ?? c.date,
        endDate: a?.endDate ?? null,
        title: a?.title ?? "(activity not found)",
        provider: a?.provider ?? null,
        typeLabel: def?.type.label ?? c.typeId,
        amount: a ? formatAmount(def?.type ?? null, a) : "",
        points: c.points,
        counted: c.counted,
        trimmedBy: c.counted < c.points ? trimmedWords(c.trimmedBy, byId) : null,
        ruleId: c.ruleId,
        explanation: c.explanation,
        source: c.source,
        subCategoryLabel: sub,
        manual: a && a.manualPoints !== null ? { points: a.manualPoints, reason: a.manualReason ?? "" } : null,
        evidence: evidenceByActivity.get(c.activityId) ?? [],
      };
    });
    categories.push({
      id: root.id,
      label: root.label,
      versionId: root.versionId,
      counted: root.counted,
      earned: root.earned,
      trimmed: root.trimmed,
      min: root.min,
      cap: root.cap,
      capKind: root.capKind,
      children: root.children.map((ch) => ({ id: ch.id, label: ch.label, counted: ch.counted, earned: ch.earned, min: ch.min, cap: ch.cap })),
      lines,
      onForm: root.versionId === formVersion || !hasFormVersion,
    });
  }
  categories.sort((a, b) => Number(b.onForm) - Number(a.onForm));
  // Line numbers follow the final order.
  let n = 0;
  for (const cat of categories) for (const line of cat.lines) line.lineNo = ++n;
  const allLines = categories.flatMap((c) => c.lines);
  const lineOf = new Map(allLines.map((l) => [l.activityId, l.lineNo]));

  const openingBalances: SummaryOpeningBalance[] = certification.openingBalances
    .filter((b) => b.cycleDueDate === report.cycle.dueDate)
    .map((b) => ({
      categoryId: b.categoryId,
      categoryLabel: byId.get(b.categoryId)?.label ?? b.categoryId,
      points: b.points,
      attested: b.attested,
      note: b.note,
    }));

  const warnings = summaryWarnings(report, allLines, lineOf, info, pack.unit);

  const renewal = certification.renewals.find((r) => r.dueDate === report.cycle.dueDate) ?? null;
  const credential = pack.credentials.find((c) => c.code === report.credentialCode);
  const issuerId = certification.holderId ?? (info ? holder.issuerIds[info.issuerIdKey] : undefined) ?? null;
  const current = input.cycles[input.cycles.length - 1];
  const versionIds = [...new Set([formVersion, ...allLines.map((l) => l.ruleId.split("/")[0] ?? "")])];
  const ruleVersions = pack.versions.filter((v) => versionIds.includes(v.id)).map((v) => ({ id: v.id, label: v.label }));

  return {
    certificationId: report.certificationId,
    packId: pack.id,
    issuer: info?.issuer ?? pack.issuer,
    unit: pack.unit,
    credentialCode: report.credentialCode,
    credentialName: report.credentialName || credential?.name || report.credentialCode,
    holder: { name: holder.name, issuerId: issuerId || null, issuerIdLabel: info?.holderIdLabel ?? `${pack.issuer} ID` },
    cycle: report.cycle,
    cycles: input.cycles.map((c) => ({
      index: c.index,
      start: c.start,
      dueDate: c.dueDate,
      closed: c.closed,
      submittedDate: c.submittedDate,
      approvedDate: c.approvedDate,
      current: c === current,
    })),
    isCurrentCycle: current !== undefined && current.index === report.cycle.index,
    asOf: report.asOf,
    status: report.status,
    statusReason: report.statusReason,
    required: report.required,
    earned: report.earned,
    counted: report.counted,
    remaining: report.remaining,
    openingBalance: report.openingBalance,
    carriedIn: report.carriedIn,
    formPrompt: info?.formPrompt ?? `Enter the ${pack.unit.many} earned in each category.`,
    categories,
    openingBalances,
    lineCount: allLines.length,
    linesWithoutEvidence: allLines.filter((l) => l.evidence.length === 0).length,
    warnings,
    fee: info?.fee ?? null,
    isMember: holder.isMember,
    steps: info?.steps ?? [],
    auditNote: info?.auditNote ?? "",
    ruleVersions,
    renewal: renewal ? { submittedDate: renewal.submittedDate, approvedDate: renewal.approvedDate, pointsClaimed: renewal.pointsClaimed } : null,
    errors: report.errors.map((e) => e.message),
  };
}

function summaryWarnings(
  report: ProgressReport,
  lines: SummaryLine[],
  lineOf: Map<string, number>,
  info: IssuerSubmission | null,
  unit: { one: string; many: string },
): SummaryWarning[] {
  const out: SummaryWarning[] = [];
  if (report.remaining > 0) {
    const belowMin = report.warnings.filter((w) => w.code === "below_minimum").map((w) => w.message);
    out.push({
      code: "points_short",
      title: `${formatPoints(report.remaining)} ${report.remaining === 1 ? unit.one : unit.many} short of the ${formatPoints(report.required)} required`,
      details: [
        `${formatPoints(report.counted)} of ${formatPoints(report.required)} count for this cycle, due ${formatDate(report.cycle.dueDate)}.`,
        ...belowMin,
      ],
    });
  }
  const noEvidence = lines.filter((l) => l.evidence.length === 0).map((l) => l.lineNo);
  if (noEvidence.length) {
    out.push({
      code: "missing_evidence",
      title: `${noEvidence.length} ${noEvidence.length === 1 ? "activity has" : "activities have"} no evidence attached`,
      details: [
        `${listLines(noEvidence)}. ${info?.auditNote ?? "If you are audited you will need proof of each activity."} Attach a certificate, receipt or agenda to each.`,
      ],
    });
  }
  if (report.unconfirmedRulesUsed.length) {
    const msgs = report.warnings.filter((w) => w.code === "unconfirmed_rule");
    const details = msgs.length
      ? [...new Map(msgs.map((w) => [w.ruleId ?? w.message, w])).values()].map((w) => {
          const at = w.activityId && lineOf.has(w.activityId) ? ` (line ${lineOf.get(w.activityId)})` : "";
          return `${w.message}${at}`;
        })
      : report.unconfirmedRulesUsed;
    out.push({
      code: "unconfirmed_rule",
      title: "Some points rest on rules Recert could not confirm with the issuer",
      details: [...new Set(details)],
    });
  }
  const trimmed = lines.filter((l) => l.counted < l.points);
  const capMsgs = report.warnings.filter((w) => w.code === "cap_reached").map((w) => w.message);
  if (trimmed.length || capMsgs.length) {
    out.push({
      code: "cap_trimmed",
      title: "Points trimmed by a limit",
      details: [
        ...new Set(capMsgs),
        ...trimmed.map(
          (l) => `Line ${l.lineNo}: ${formatPoints(l.points)} earned, ${formatPoints(l.counted)} counted${l.trimmedBy ? ` (${l.trimmedBy})` : ""}.`,
        ),
      ],
    });
  }
  const shown = new Set(["below_minimum", "unconfirmed_rule", "cap_reached", "missing_evidence"]);
  const other = report.warnings.filter((w) => !shown.has(w.code));
  if (other.length || report.errors.length) {
    out.push({
      code: "other",
      title: "Also check",
      details: [
        ...new Set([
          ...report.errors.map((e) => e.message),
          ...other.map((w) => (w.activityId && lineOf.has(w.activityId) ? `Line ${lineOf.get(w.activityId)}: ${w.message}` : w.message)),
        ]),
      ],
    });
  }
  return out;
}
