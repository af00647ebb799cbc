/**
 * What the certification forms accept, in the holder's words. Pure (zod only): the server
 * actions parse with these; facts that need the pack or the holder's cycles (is this a due date
 * of this designation?) are checked in the action with lib/certifications/view.
 */
import { z } from "zod";
import { isIsoDate } from "@/lib/dates";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "That item was not found.");

const requiredDate = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .refine(isIsoDate, "Enter a real date as YYYY-MM-DD.");

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isIsoDate(v), "Enter a real date as YYYY-MM-DD, or leave it empty.");

const holderId = z
  .string()
  .trim()
  .max(40, "Keep the ID to 40 characters or fewer.")
  .regex(/^[A-Za-z0-9 ._\-/]*$/, "Use letters, digits, spaces, dots, dashes or slashes.")
  .optional()
  .transform((v) => (v ? v : null));

const points = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return 0;
      if (!/^\d+(\.\d{1,2})?$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label}: enter points as a number with at most two decimals.` });
        return z.NEVER;
      }
      const n = Number(v);
      if (n > 1000) {
        ctx.addIssue({ code: "custom", message: `${label}: enter at most 1000 points.` });
        return z.NEVER;
      }
      return n;
    });

export const AddCertificationSchema = z.object({
  packId: z.string({ error: "Choose the issuer." }).trim().min(1, "Choose the issuer."),
  credentialCode: z.string({ error: "Choose the designation." }).trim().min(1, "Choose the designation."),
  earnedDate: requiredDate("the date you earned it"),
  holderId,
});

export const EditCertificationSchema = z.object({
  id: uuid,
  earnedDate: requiredDate("the date you earned it"),
  holderId,
});

export const IdSchema = z.object({ id: uuid });
export const CertificationIdSchema = z.object({ certificationId: uuid });

export const RenewalSchema = z
  .object({
    certificationId: uuid,
    dueDate: requiredDate("the due date this renewal is for"),
    submittedDate: optionalDate,
    approvedDate: optionalDate,
    pointsClaimed: points("Points claimed").transform((n) => (n === 0 ? null : n)),
  })
  .superRefine((r, ctx) => {
    if (!r.submittedDate && !r.approvedDate) ctx.addIssue({ code: "custom", path: ["submittedDate"], message: "Enter the date you submitted it, the date it was approved, or both." });
    if (r.submittedDate && r.approvedDate && r.approvedDate < r.submittedDate)
      ctx.addIssue({ code: "custom", path: ["approvedDate"], message: "The approval cannot be before the submission." });
  });

export const RenewalIdSchema = z.object({ renewalId: uuid });

/** Opening balance: one `points.<categoryId>` input per category, plus the attestation. */
export function openingBalanceSchema(categories: { id: string; label: string }[]) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const c of categories) shape[`points.${c.id}`] = points(c.label) as unknown as z.ZodType<number>;
  return z
    .object({
      certificationId: uuid,
      attested: z.literal("on").optional(),
      note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").optional(),
      ...shape,
    })
    .superRefine((v, ctx) => {
      const total = categories.reduce((s, c) => s + ((v as Record<string, unknown>)[`points.${c.id}`] as number), 0);
      if (total > 0 && v.attested !== "on")
        ctx.addIssue({ code: "custom", path: ["attested"], message: "Tick the box to attest these points before saving them." });
    });
}
