/**
 * Marking a cycle as submitted, then approved: the checks, in one pure function per step, so the
 * server action stays thin and the rules are testable. The cycle comes from lib/rules (cyclesOf),
 * so "the next cycle starts as the pack says" is the engine's business, not ours.
 */
import { z } from "zod";
import { formatDate, isIsoDate } from "@/lib/dates";
import type { Cycle } from "@/lib/rules";

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine(isIsoDate, `Enter the ${label} as a date, e.g. 2026-03-31.`);

const pointsClaimed = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const v = (raw ?? "").trim();
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1000 || Math.round(n * 100) !== n * 100) {
      ctx.addIssue({ code: "custom", message: "Enter the points you claimed, a number from 0 to 1000 (at most two decimals)." });
      return z.NEVER;
    }
    return n;
  });

export const MarkSubmittedSchema = z.object({
  certificationId: z.string().min(1),
  dueDate: z.string().refine(isIsoDate, "Unknown cycle."),
  submittedDate: isoDate("date you submitted"),
  pointsClaimed,
});

export const MarkApprovedSchema = z.object({
  certificationId: z.string().min(1),
  dueDate: z.string().refine(isIsoDate, "Unknown cycle."),
  approvedDate: isoDate("date it was approved"),
});

export const UndoRenewalSchema = z.object({
  certificationId: z.string().min(1),
  dueDate: z.string().refine(isIsoDate, "Unknown cycle."),
});

/** The field errors of a submission date for this cycle, or null when it is fine. */
export function checkSubmittedDate(cycle: Cycle, submittedDate: string, today: string): Record<string, string> | null {
  if (submittedDate > today) return { submittedDate: "That date is in the future. Mark the cycle once you have submitted." };
  if (submittedDate < cycle.start) return { submittedDate: `This cycle started on ${formatDate(cycle.start)}; the submission cannot be earlier.` };
  if (submittedDate > cycle.suspensionEnd) {
    return { submittedDate: `The ${formatDate(cycle.suspensionEnd)} end of the suspension was the last day to submit for this cycle.` };
  }
  return null;
}

export function checkApprovedDate(cycle: Cycle, submittedDate: string | null, approvedDate: string, today: string): Record<string, string> | null {
  if (!submittedDate) return { approvedDate: "Mark the cycle as submitted first." };
  if (approvedDate > today) return { approvedDate: "That date is in the future. Mark the cycle once it is approved." };
  if (approvedDate < submittedDate) return { approvedDate: `The approval cannot come before the submission on ${formatDate(submittedDate)}.` };
  if (approvedDate > cycle.suspensionEnd) {
    return { approvedDate: `An approval after ${formatDate(cycle.suspensionEnd)}, the end of the suspension, does not renew this cycle.` };
  }
  return null;
}
