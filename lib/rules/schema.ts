/**
 * The rule-pack format, as a zod schema. Pack files (./packs/*.ts) are plain data of type
 * `PackData`; `getPack` parses them with `PackSchema` once, at first use, and rejects a pack
 * whose references do not resolve (an unknown category, source key or field).
 *
 * Every number that decides points is a `SourcedNumber`: its value, the key of the source it
 * comes from (resolved to a URL in the pack's `sources` table) and how sure we are of it.
 */
import { z } from "zod";

export const ConfidenceSchema = z.enum(["confirmed", "secondary", "inferred", "unconfirmed"]);
export type Confidence = z.infer<typeof ConfidenceSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD");
const id = z.string().regex(/^[a-z0-9_]+$/, "lower-case letters, digits and _");

const provenance = {
  source: z.string().min(1),
  confidence: ConfidenceSchema,
  note: z.string().optional(),
};

export const SourcedNumberSchema = z.strictObject({ value: z.number(), ...provenance });
export type SourcedNumber = z.infer<typeof SourcedNumberSchema>;

export const SourcedFlagSchema = z.strictObject({ value: z.boolean(), ...provenance });
export type SourcedFlag = z.infer<typeof SourcedFlagSchema>;

const FieldDefSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  kind: z.enum(["number", "integer", "select", "text", "boolean"]),
  required: z.boolean(),
  help: z.string().optional(),
  min: SourcedNumberSchema.optional(),
  max: SourcedNumberSchema.optional(),
  step: SourcedNumberSchema.optional(),
  /** Said to the holder when the value is below `min`, e.g. "A book counts from 200 pages". */
  minMessage: z.string().optional(),
  options: z.array(z.strictObject({ value: z.string().min(1), label: z.string().min(1) })).optional(),
  /** For an optional integer field: take the calendar year of the activity's date when empty. */
  defaultsToYearOfDate: z.boolean().optional(),
});
export type FieldDef = z.infer<typeof FieldDefSchema>;

const quantityRule = {
  increment: SourcedNumberSchema,
  maxQuantity: SourcedNumberSchema,
  /** Form label of the quantity, e.g. "Hours". */
  quantityLabel: z.string().min(1),
  /** Short unit for explanations, e.g. "h". */
  unitShort: z.string().min(1),
};

export const ScoringSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("per_unit"), rate: SourcedNumberSchema, ...quantityRule }),
  z.strictObject({ kind: z.literal("fixed"), points: SourcedNumberSchema }),
  /** points = rate × the product of the named detail fields (college course: credit hours × weeks). */
  z.strictObject({
    kind: z.literal("product"),
    rate: SourcedNumberSchema,
    factors: z.array(z.string().min(1)).min(1),
    formula: z.string().min(1),
  }),
  /** The quantity picks a tier: the highest tier whose `from` the quantity reaches. */
  z.strictObject({
    kind: z.literal("tiers"),
    ...quantityRule,
    tiers: z
      .array(z.strictObject({ from: SourcedNumberSchema, points: SourcedNumberSchema, label: z.string().min(1) }))
      .min(1),
  }),
]);
export type Scoring = z.infer<typeof ScoringSchema>;

export const ActivityTypeSchema = z.strictObject({
  id,
  label: z.string().min(1),
  description: z.string().min(1),
  /** Singular unit of one quantity ("hour", "day", "book", "membership year"). */
  unit: z.string().min(1),
  unitPlural: z.string().min(1),
  /** The category the points go to, unless the holder picks one (categoryChoice). */
  category: z.string().optional(),
  categoryChoice: z
    .strictObject({ label: z.string().min(1), options: z.array(z.string()).min(2), help: z.string().optional() })
    .optional(),
  /** Which date places the activity in a cycle and a rule version: "end" (completion, default) or "start". */
  dateBasis: z.enum(["start", "end"]).optional(),
  scoring: ScoringSchema,
  fields: z.array(FieldDefSchema).optional(),
  /** At most `maxQuantity` units per event, summed over activities with the same event key in one calendar year. */
  perEventCap: z.strictObject({ field: z.string().min(1), maxQuantity: SourcedNumberSchema, label: z.string().min(1) }).optional(),
  /** One activity per key counts (the one worth most; the earliest of equals); the key is the named fields, plus the calendar year when period is "calendar_year". */
  oncePer: z
    .strictObject({
      fields: z.array(z.string()).max(2),
      period: z.enum(["calendar_year", "cycle"]),
      label: z.string().min(1),
      ...provenance,
    })
    .optional(),
  /** The exam that earned a designation does not count for that designation. */
  notForOwnCredential: z.strictObject({ field: z.string().min(1), ...provenance }).optional(),
  /** How the gap planner may propose this type. */
  suggest: z
    .strictObject({
      title: z.string().min(1),
      quantity: z.number().positive().optional(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      effort: z.enum(["low", "medium", "high"]),
      /** At most this many per calendar year (e.g. one conference). */
      perYear: z.number().int().positive().optional(),
      /** The quantity may be lowered to close a small gap exactly (hours). */
      divisible: z.boolean().optional(),
      /** The issuer's membership: proposed first for members (they renew anyway). */
      membership: z.boolean().optional(),
      /** Title for a holder who is not a member. */
      titleIfNotMember: z.string().min(1).optional(),
    })
    .optional(),
  note: z.string().optional(),
});
export type ActivityTypeData = z.infer<typeof ActivityTypeSchema>;

export const CategorySchema = z.strictObject({
  id,
  label: z.string().min(1),
  description: z.string().optional(),
  parentId: z.string().optional(),
  min: SourcedNumberSchema.optional(),
  cap: SourcedNumberSchema.optional(),
  capPerCalendarYear: SourcedNumberSchema.optional(),
  capShareOfRequired: z
    .strictObject({ share: SourcedNumberSchema, byCredential: z.record(z.string(), SourcedNumberSchema).optional() })
    .optional(),
});
export type CategoryData = z.infer<typeof CategorySchema>;

export const CyclePolicySchema = z.strictObject({
  lengthYears: SourcedNumberSchema,
  /** end_of_month: last day of the month `lengthYears` after the anchor (ASCM). day_before_anniversary: PMI, ISC2. */
  due: z.strictObject({ rule: z.enum(["end_of_month", "day_before_anniversary"]), ...provenance }),
  /** What an approved renewal does: the next due date is `lengthYears` after the current due date. */
  renewal: z.strictObject({ rule: z.literal("from_current_due_date"), ...provenance }),
  grace: z.strictObject({
    length: SourcedNumberSchema,
    unit: z.enum(["days", "months", "years"]),
    /** What the issuer calls it: "suspension" or "grace period". */
    label: z.string().min(1),
  }),
  /** Whether activities done after the due date, during suspension/grace, count for the cycle. */
  graceActivitiesCount: SourcedFlagSchema,
});
export type CyclePolicy = z.infer<typeof CyclePolicySchema>;

export const CarryOverSchema = z.strictObject({
  allowed: SourcedFlagSchema,
  max: SourcedNumberSchema.optional(),
  /** Only points earned in the last N months of the cycle carry over. */
  withinLastMonths: SourcedNumberSchema.optional(),
  /** Only these categories' points carry over (ISC2: Group A). */
  categories: z.array(z.string()).optional(),
  /** Carried points land in this category; without it, in the category they were earned in. */
  into: z.string().optional(),
});
export type CarryOverPolicy = z.infer<typeof CarryOverSchema>;

export const PackVersionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  effectiveFrom: isoDate,
  summary: z.string().min(1),
  cycle: CyclePolicySchema,
  categories: z.array(CategorySchema).min(1),
  activityTypes: z.array(ActivityTypeSchema).min(1),
  carryOver: CarryOverSchema,
  annualTarget: z
    .strictObject({ points: SourcedNumberSchema, enforcement: z.enum(["advisory", "hard"]) })
    .optional(),
});
export type PackVersionData = z.infer<typeof PackVersionSchema>;

export const CredentialSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9-]*$/),
  name: z.string().min(1),
  kind: z.enum(["certification", "fellow", "endorsement"]),
  requiredPoints: SourcedNumberSchema.nullable(),
  maintained: SourcedFlagSchema,
  note: z.string().optional(),
});
export type CredentialData = z.infer<typeof CredentialSchema>;

export const PackSchema = z
  .strictObject({
    id: z.enum(["ascm", "pmi", "isc2"]),
    issuer: z.string().min(1),
    name: z.string().min(1),
    unit: z.strictObject({ one: z.string().min(1), many: z.string().min(1) }),
    sources: z.record(z.string(), z.strictObject({ url: z.string().min(1), title: z.string().min(1) })),
    credentials: z.array(CredentialSchema).min(1),
    creditSharing: SourcedFlagSchema,
    versions: z.array(PackVersionSchema).min(1),
  })
  .superRefine((pack, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    // Every provenance must name a source in the table.
    const walk = (node: unknown, path: (string | number)[]) => {
      if (Array.isArray(node)) {
        node.forEach((v, i) => walk(v, [...path, i]));
        return;
      }
      if (node === null || typeof node !== "object") return;
      const rec = node as Record<string, unknown>;
      if (typeof rec.source === "string" && typeof rec.confidence === "string" && !(rec.source in pack.sources)) {
        issue([...path, "source"], `unknown source key "${rec.source}"`);
      }
      for (const [k, v] of Object.entries(rec)) if (k !== "sources") walk(v, [...path, k]);
    };
    walk(pack, []);

    const codes = new Set<string>();
    pack.credentials.forEach((c, i) => {
      if (codes.has(c.code)) issue(["credentials", i, "code"], `duplicate credential ${c.code}`);
      codes.add(c.code);
      if (c.maintained.value && c.requiredPoints === null) issue(["credentials", i, "requiredPoints"], "a maintained credential needs required points");
    });

    let previous = "";
    pack.versions.forEach((v, vi) => {
      const at = (...p: (string | number)[]) => ["versions", vi, ...p];
      if (v.effectiveFrom <= previous) issue(at("effectiveFrom"), "versions must be in increasing effectiveFrom order");
      previous = v.effectiveFrom;
      const cats = new Map(v.categories.map((c) => [c.id, c]));
      if (cats.size !== v.categories.length) issue(at("categories"), "duplicate category id");
      v.categories.forEach((c, ci) => {
        if (c.parentId !== undefined && !cats.has(c.parentId)) issue(at("categories", ci, "parentId"), `unknown parent "${c.parentId}"`);
        for (const code of Object.keys(c.capShareOfRequired?.byCredential ?? {}))
          if (!codes.has(code)) issue(at("categories", ci, "capShareOfRequired"), `unknown credential ${code}`);
      });
      const types = new Set<string>();
      v.activityTypes.forEach((t, ti) => {
        const tp = (...p: (string | number)[]) => at("activityTypes", ti, ...p);
        if (types.has(t.id)) issue(tp("id"), `duplicate activity type ${t.id}`);
        types.add(t.id);
        if ((t.category === undefined) === (t.categoryChoice === undefined))
          issue(tp("category"), "give exactly one of category and categoryChoice");
        if (t.category !== undefined && !cats.has(t.category)) issue(tp("category"), `unknown category "${t.category}"`);
        for (const o of t.categoryChoice?.options ?? []) if (!cats.has(o)) issue(tp("categoryChoice"), `unknown category "${o}"`);
        const fieldKeys = new Set((t.fields ?? []).map((f) => f.key));
        const need = (key: string, p: (string | number)[]) => {
          if (!fieldKeys.has(key)) issue(p, `no field "${key}" in fields`);
        };
        if (t.scoring.kind === "product") t.scoring.factors.forEach((f, fi) => need(f, tp("scoring", "factors", fi)));
        if (t.perEventCap) need(t.perEventCap.field, tp("perEventCap", "field"));
        t.oncePer?.fields.forEach((f, fi) => need(f, tp("oncePer", "fields", fi)));
        if (t.notForOwnCredential) need(t.notForOwnCredential.field, tp("notForOwnCredential", "field"));
        (t.fields ?? []).forEach((f, fi) => {
          if (f.key === "quantity" || f.key === "categoryId") issue(tp("fields", fi, "key"), `"${f.key}" is reserved`);
          if (f.kind === "select" && (f.options === undefined || f.options.length === 0))
            issue(tp("fields", fi, "options"), "a select field needs options");
        });
        if (t.scoring.kind === "tiers") {
          let last = -Infinity;
          t.scoring.tiers.forEach((tier, k) => {
            if (tier.from.value <= last) issue(tp("scoring", "tiers", k), "tiers must rise");
            last = tier.from.value;
          });
        }
      });
      const co = v.carryOver;
      if (co.allowed.value && (co.max === undefined || co.withinLastMonths === undefined))
        issue(at("carryOver"), "carry-over needs max and withinLastMonths");
      for (const c of [...(co.categories ?? []), ...(co.into === undefined ? [] : [co.into])])
        if (!cats.has(c)) issue(at("carryOver"), `unknown category "${c}"`);
    });
  });
export type PackData = z.input<typeof PackSchema>;
export type ParsedPack = z.infer<typeof PackSchema>;
