/**
 * The words the page, the PDF and the CSV share, so all three say the same thing.
 */
import { formatDate, formatPoints } from "@/lib/dates";
import type { SubmissionSummary, SummaryLine } from "./model";

/** formatPoints without Intl for the common case (a 1,000-line PDF formats thousands of numbers). */
export function pts(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Math.abs(r) < 1000 ? String(r === 0 ? 0 : r) : formatPoints(r);
}

export function cycleLabel(s: Pick<SubmissionSummary, "cycle">): string {
  return `${formatDate(s.cycle.start)} to ${formatDate(s.cycle.dueDate)}`;
}

const STATUS: Record<SubmissionSummary["status"], string> = {
  complete: "Complete",
  on_track: "On track",
  behind: "Behind",
  due_soon: "Due soon",
  suspended: "Suspended",
  expired: "Expired",
};

export function statusLabel(s: Pick<SubmissionSummary, "status" | "statusReason" | "renewal" | "cycle">): string {
  if (s.cycle.closed && s.cycle.approvedDate) return `Renewed: approved on ${formatDate(s.cycle.approvedDate)}`;
  const base = STATUS[s.status] ?? s.status;
  return s.statusReason ? `${base}. ${s.statusReason}` : base;
}

export function evidenceLabel(line: Pick<SummaryLine, "evidence">): string {
  const n = line.evidence.length;
  return n === 0 ? "None" : n === 1 ? "Yes" : `Yes (${n})`;
}

function money(n: number): string {
  return `$${n.toLocaleString("en-US")}`;
}

export function feeSentence(s: Pick<SubmissionSummary, "fee" | "isMember">): string {
  const fee = s.fee;
  if (!fee) return "";
  const confirmed = fee.lastConfirmed ? ` Last confirmed: ${fee.lastConfirmed}.` : "";
  if (fee.nonMember === null) return `${money(fee.member)}, ${fee.per}. ${fee.note}${confirmed}`;
  const yours = s.isMember ? fee.member : fee.nonMember;
  return (
    `${money(fee.member)} for ${fee.memberLabel}, ${money(fee.nonMember)} for non-members, ${fee.per}. ` +
    `You are recorded as ${s.isMember ? "a member" : "not a member"} (Settings), so expect ${money(yours)}. ` +
    `${fee.note}${confirmed}`
  );
}

export type FormRow = { kind: "category" | "child" | "total"; label: string; value: string; note?: string };

/** The rows of "Enter on the form": each category's counted points, sub-categories, and the total. */
export function formTotalsRows(s: SubmissionSummary): FormRow[] {
  const rows: FormRow[] = [];
  for (const c of s.categories) {
    const notes: string[] = [];
    if (!c.onForm) notes.push("older rules");
    if (c.trimmed > 0) notes.push(`${formatPoints(c.earned)} earned, ${formatPoints(c.trimmed)} over the limit`);
    rows.push({ kind: "category", label: c.label, value: formatPoints(c.counted), note: notes.join("; ") || undefined });
    for (const ch of c.children) rows.push({ kind: "child", label: ch.label, value: formatPoints(ch.counted) });
  }
  rows.push({
    kind: "total",
    label: "Total",
    value: `${formatPoints(s.counted)} of ${formatPoints(s.required)}`,
  });
  return rows;
}
