/**
 * The JSON shapes the API accepts. These schemas check JSON types only (a title is a string, a
 * quantity a number); what an activity means (dates, units, the type's own fields, points) is
 * checked by lib/activities/input.ts `validateActivity`, the one validation every entry path uses.
 * Unknown members (userId, id, createdAt …) are dropped, never written.
 */
import { z } from "zod";
import { isIsoDate } from "@/lib/dates";

const text = (max: number) => z.string({ error: "Must be a string." }).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) => text(max).nullable().optional();
const number = z.number({ error: "Must be a number." }).finite("Must be a finite number.");
const isoDate = z.string({ error: "Must be a date string YYYY-MM-DD." }).refine(isIsoDate, "Must be a real date written YYYY-MM-DD.");
const uuid = z.string({ error: "Must be an id string." }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "Must be a certification id.");

/** Generous outer limits; validateActivity applies the real ones (title 200, notes 5000 …). */
const activityMembers = {
  packId: text(20).optional(),
  typeId: text(80),
  title: text(10_000),
  provider: optionalText(10_000),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  quantity: number.nullable().optional(),
  details: z.record(z.string(), z.unknown(), { error: "Must be an object of named values." }).optional(),
  manualPoints: number.nullable().optional(),
  manualReason: optionalText(10_000),
  notes: optionalText(100_000),
  excludedCertificationIds: z.array(uuid, { error: "Must be an array of certification ids." }).max(50, "At most 50 ids.").optional(),
};

export const ActivityBodySchema = z.object(activityMembers);
export type ActivityBody = z.infer<typeof ActivityBodySchema>;

export const ActivityPatchSchema = z.object({
  version: z.number({ error: "Send the version you read (a whole number)." }).int("Must be a whole number.").positive("Must be 1 or more."),
  packId: activityMembers.packId,
  typeId: activityMembers.typeId.optional(),
  title: activityMembers.title.optional(),
  provider: activityMembers.provider,
  startDate: activityMembers.startDate.optional(),
  endDate: activityMembers.endDate,
  quantity: activityMembers.quantity,
  details: activityMembers.details,
  manualPoints: activityMembers.manualPoints,
  manualReason: activityMembers.manualReason,
  notes: activityMembers.notes,
  excludedCertificationIds: activityMembers.excludedCertificationIds,
});
export type ActivityPatch = z.infer<typeof ActivityPatchSchema>;

export const CertificationBodySchema = z.object({
  packId: text(20).optional(),
  credentialCode: text(20).min(1, "Choose a credential, e.g. CPIM."),
  earnedDate: isoDate,
  holderId: z
    .string({ error: "Must be a string." })
    .trim()
    .max(40, "Use at most 40 characters.")
    .regex(/^[A-Za-z0-9-]*$/, "Use only letters, digits and dashes.")
    .nullable()
    .optional(),
});
export type CertificationBody = z.infer<typeof CertificationBodySchema>;

export const IdParamsSchema = z.object({ id: z.string() });

/** A query value that may be repeated (?type=a&type=b) or comma-separated (?type=a,b). */
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))
  .refine((v) => v.length <= 50, "At most 50 values.")
  .optional();
const single = <S extends z.ZodType<unknown, string>>(schema: S) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v[v.length - 1] : v) ?? "")
    .pipe(schema)
    .optional();
const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "Must be a whole number.")
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Must be between ${min} and ${max}.`);

export const ACTIVITY_SORTS = ["date_desc", "date_asc", "title_asc", "title_desc", "created_desc"] as const;

export const ListQuerySchema = z
  .object({
    from: single(isoDate),
    to: single(isoDate),
    type: list,
    category: list,
    pack: single(z.string().max(20)),
    certification: single(uuid),
    missingEvidence: single(z.enum(["true", "false"], { error: "Must be true or false." })).transform((v) => v === "true"),
    q: single(z.string().max(200, "Use at most 200 characters.")),
    sort: single(z.enum(ACTIVITY_SORTS, { error: `Must be one of ${ACTIVITY_SORTS.join(", ")}.` })),
    page: single(intIn(1, 100_000)).transform((v) => v ?? 1),
    pageSize: single(intIn(1, 200)).transform((v) => v ?? 50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "Must not be before from." });
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ProgressQuerySchema = z.object({ asOf: single(isoDate) });
