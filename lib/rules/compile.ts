/**
 * Loading a pack: zod validation, normalization (form fields derived from the rules), and the
 * precompiled indexes the hot path uses (Map lookups, numbers pulled out of their provenance
 * wrappers). Done once per pack and cached: evaluate never parses or validates pack data.
 */
import { ascmPack } from "./packs/ascm";
import { isc2Pack } from "./packs/isc2";
import { pmiPack } from "./packs/pmi";
import {
  PackSchema,
  type CategoryData,
  type Confidence,
  type FieldDef,
  type PackData,
  type ParsedPack,
  type SourcedNumber,
} from "./schema";
import type { ActivityTypeDef, FieldError, FieldSpec, ISODate, PackVersion, RulePack, SourceRef } from "./types";
import { dateNumber } from "./dates";

export const PACK_DATA: readonly PackData[] = [ascmPack, pmiPack, isc2Pack];

export function isWeak(c: Confidence): boolean {
  return c === "inferred" || c === "unconfirmed";
}

/** A rule whose number is inferred or unconfirmed; reported when used. */
export interface WeakRule {
  id: string;
  message: string;
}

export interface CompiledField {
  key: string;
  label: string;
  kind: FieldDef["kind"];
  required: boolean;
  min: number | null;
  minMessage: string | null;
  max: number | null;
  step: number | null;
  options: Set<string> | null;
  optionList: string[];
  defaultsToYearOfDate: boolean;
}

export const KIND_PER_UNIT = 0;
export const KIND_FIXED = 1;
export const KIND_PRODUCT = 2;
export const KIND_TIERS = 3;

export interface CompiledType {
  id: string;
  ruleId: string;
  versionId: string;
  versionLabel: string;
  label: string;
  unit: string;
  unitPlural: string;
  kind: number;
  rate: number;
  increment: number;
  maxQuantity: number;
  quantityLabel: string;
  unitShort: string;
  fixedPoints: number;
  tiers: { from: number; points: number; label: string }[];
  formula: string;
  factors: CompiledField[];
  fields: CompiledField[];
  categoryId: string | null;
  /** Index of the fixed category in CompiledPack.categories, or -1 when the holder picks. */
  categoryIdx: number;
  categoryChoices: Set<string> | null;
  categoryChoiceLabel: string;
  /** "Label (id)" of each choice, for error messages. */
  categoryChoiceList: string[];
  /** Index in `fields` of the per-event key, the own-credential field, the once-per keys. */
  perEventIndex: number;
  ownCredentialIndex: number;
  onceIndexes: number[];
  pointOne: string;
  pointMany: string;
  dateBasisStart: boolean;
  perEvent: { field: string; maxQuantity: number; capPoints: number; ruleId: string; label: string } | null;
  oncePer: { fields: string[]; perYear: boolean; ruleId: string; label: string; message: string; weak: WeakRule | null } | null;
  ownCredentialField: string | null;
  source: SourceRef;
  weak: WeakRule[];
  /** Explanations by quantity ÷ increment (memo of pure string formatting; bounded). */
  explainSteps: (string | undefined)[];
  /** Explanations of per-unit points above the per-event cap, by step (as explainSteps). */
  explainCapped: (string | undefined)[];
  /** Explanations of formula points (KIND_PRODUCT), by the factors' values joined with "|". */
  explainProduct: Map<string, string>;
  /** Position among all types of the pack (per-evaluation counters are indexed by it). */
  ordinal: number;
  /**
   * Points per unit of a fixed category, with no detail fields, no per-event or once-per key and
   * no day span to check: scorePlain scores it without scoreInto's general path.
   */
  plain: boolean;
}

export interface CompiledCategory {
  id: string;
  label: string;
  parentId: string | null;
  versionId: string;
  def: CategoryData;
  /** Index in CompiledPack.categories. */
  index: number;
  depth: number;
  /** This category or an ancestor trims points (so its contributions need attribution). */
  needsAttribution: boolean;
}

export interface CompiledVersion {
  id: string;
  label: string;
  effectiveFrom: ISODate;
  /** effectiveFrom as yyyymmdd (dateNumber), for integer compares in the scoring loop. */
  from: number;
  effectiveUntil: ISODate | null;
  data: PackVersion;
  types: Map<string, CompiledType>;
  /**
   * The same types in an object without a prototype, for the scoring loop: a property read with
   * a string key costs about a third of Map.get (17 ns against 51 ns, node 20, 25 keys; bench/
   * rules.ts reads one per activity). Unknown ids, "__proto__" and "constructor" included, read
   * undefined.
   */
  typeByKey: Readonly<Record<string, CompiledType | undefined>>;
  categoryIds: string[];
}

export interface CompiledPack {
  id: RulePack["id"];
  pack: RulePack;
  versions: CompiledVersion[];
  /** Categories of every version, unique by id (a later version's definition wins). */
  categories: CompiledCategory[];
  categoryIndex: Map<string, CompiledCategory>;
  credentials: Map<string, RulePack["credentials"][number]>;
  /** All compiled types of all versions, by ordinal. */
  allTypes: CompiledType[];
  /** Activity types dated by their start date (memberships, service years). */
  startBasis: Set<string>;
  /** The same, as a prototype-less object (true for those types): read in the scoring loop, see CompiledVersion.typeByKey. */
  startBasisByKey: Readonly<Record<string, true | undefined>>;
  /** Every type id of any version, with the versions that know it. */
  typeVersions: Map<string, CompiledVersion[]>;
  sourceRef(n: { source: string; confidence: Confidence }): SourceRef;
}

function fieldSpec(f: FieldDef): FieldSpec {
  const s: FieldSpec = { key: f.key, label: f.label, kind: f.kind, required: f.required };
  if (f.min !== undefined) s.min = f.min.value;
  if (f.max !== undefined) s.max = f.max.value;
  if (f.step !== undefined) s.step = f.step.value;
  if (f.options !== undefined) s.options = f.options.map((o) => ({ ...o }));
  if (f.help !== undefined) s.help = f.help;
  return s;
}

function compileField(f: FieldDef): CompiledField {
  return {
    key: f.key,
    label: f.label,
    kind: f.kind,
    required: f.required,
    min: f.min?.value ?? null,
    minMessage: f.minMessage ?? null,
    max: f.max?.value ?? null,
    step: f.step?.value ?? null,
    options: f.options ? new Set(f.options.map((o) => o.value)) : null,
    optionList: f.options ? f.options.map((o) => o.value) : [],
    defaultsToYearOfDate: f.defaultsToYearOfDate === true,
  };
}

function normalize(parsed: ParsedPack): RulePack {
  const versions: PackVersion[] = parsed.versions.map((v, i) => {
    const catLabel = new Map(v.categories.map((c) => [c.id, c.label]));
    const parentOf = new Map(v.categories.map((c) => [c.id, c.parentId]));
    const activityTypes: ActivityTypeDef[] = v.activityTypes.map((t) => {
      const fields: FieldSpec[] = [];
      const sc = t.scoring;
      if (sc.kind === "per_unit" || sc.kind === "tiers") {
        const integer = Number.isInteger(sc.increment.value);
        const quantity: FieldSpec = {
          key: "quantity",
          label: sc.quantityLabel,
          kind: integer ? "integer" : "number",
          min: sc.increment.value,
          max: sc.maxQuantity.value,
          step: sc.increment.value,
          required: true,
        };
        if (sc.kind === "tiers") quantity.help = sc.tiers.map((x) => `${x.from.value}+ ${t.unitPlural}: ${x.points.value} points`).join("; ");
        fields.push(quantity);
      }
      let categoryId: string;
      let categoryChoices: string[] | null = null;
      if (t.categoryChoice !== undefined) {
        categoryChoices = [...t.categoryChoice.options];
        const parents = new Set(categoryChoices.map((o) => parentOf.get(o)));
        const [only] = [...parents];
        categoryId = parents.size === 1 && only !== undefined ? only : (categoryChoices[0] ?? "");
        const choice: FieldSpec = {
          key: "categoryId",
          label: t.categoryChoice.label,
          kind: "select",
          required: true,
          options: categoryChoices.map((o) => ({ value: o, label: catLabel.get(o) ?? o })),
        };
        if (t.categoryChoice.help !== undefined) choice.help = t.categoryChoice.help;
        fields.push(choice);
      } else {
        categoryId = t.category ?? "";
      }
      for (const f of t.fields ?? []) fields.push(fieldSpec(f));
      const { fields: fieldRules, ...rest } = t;
      return {
        ...rest,
        fieldRules: fieldRules ?? [],
        categoryId,
        categoryChoices,
        unitLabel: t.unitPlural,
        fields,
        ruleId: `${v.id}/${t.id}`,
      };
    });
    return { ...v, activityTypes, effectiveUntil: parsed.versions[i + 1]?.effectiveFrom ?? null };
  });
  const credentials: RulePack["credentials"] = parsed.credentials.map((c) => {
    const out: RulePack["credentials"][number] = {
      code: c.code,
      name: c.name,
      kind: c.kind,
      requiredPoints: c.maintained.value ? (c.requiredPoints?.value ?? 0) : 0,
      maintained: c.maintained.value,
      requiredRule: c.requiredPoints,
      maintainedRule: c.maintained,
    };
    if (c.note !== undefined) out.note = c.note;
    return out;
  });
  return { ...parsed, credentials, versions };
}

function describe(n: SourcedNumber, what: string): string {
  return `${what}: ${n.value} is ${n.confidence}${n.note ? ` (${n.note})` : ""}`;
}

function compileType(pack: RulePack, v: PackVersion, t: ActivityTypeDef, sourceRef: CompiledPack["sourceRef"]): CompiledType {
  const catLabel = new Map(v.categories.map((c) => [c.id, c.label]));
  const sc = t.scoring;
  const ruleId = t.ruleId;
  const weak: WeakRule[] = [];
  const fieldDefs: FieldDef[] = t.fieldRules;
  const compiled = fieldDefs.map(compileField);
  let main: SourcedNumber;
  let kind = KIND_FIXED;
  let rate = 0;
  let increment = 1;
  let maxQuantity = 0;
  let quantityLabel = "";
  let unitShort = t.unit;
  let fixedPoints = 0;
  let tiers: CompiledType["tiers"] = [];
  let formula = "";
  let factors: CompiledField[] = [];
  switch (sc.kind) {
    case "per_unit":
      kind = KIND_PER_UNIT;
      main = sc.rate;
      rate = sc.rate.value;
      increment = sc.increment.value;
      maxQuantity = sc.maxQuantity.value;
      quantityLabel = sc.quantityLabel;
      unitShort = sc.unitShort;
      if (isWeak(sc.rate.confidence)) weak.push({ id: ruleId, message: `${v.label} · ${t.label}: ${describe(sc.rate, "points per " + t.unit)}` });
      if (isWeak(sc.increment.confidence))
        weak.push({ id: `${v.id}/increment/${t.unit}`, message: `${v.label}: ${describe(sc.increment, `steps of a ${t.unit}`)}` });
      break;
    case "fixed":
      main = sc.points;
      fixedPoints = sc.points.value;
      if (isWeak(sc.points.confidence)) weak.push({ id: ruleId, message: `${v.label} · ${t.label}: ${describe(sc.points, "points")}` });
      break;
    case "product":
      kind = KIND_PRODUCT;
      main = sc.rate;
      rate = sc.rate.value;
      formula = sc.formula;
      factors = sc.factors.map((k) => compiled.find((f) => f.key === k)).filter((f): f is CompiledField => f !== undefined);
      if (isWeak(sc.rate.confidence)) weak.push({ id: ruleId, message: `${v.label} · ${t.label}: ${describe(sc.rate, sc.formula)}` });
      break;
    case "tiers": {
      kind = KIND_TIERS;
      const top = sc.tiers[sc.tiers.length - 1];
      main = top ? top.points : sc.increment;
      increment = sc.increment.value;
      maxQuantity = sc.maxQuantity.value;
      quantityLabel = sc.quantityLabel;
      unitShort = sc.unitShort;
      tiers = sc.tiers.map((x) => ({ from: x.from.value, points: x.points.value, label: x.label }));
      const weakFrom = sc.tiers.filter((x) => isWeak(x.from.confidence));
      if (weakFrom.length)
        weak.push({
          id: `${ruleId}/tiers`,
          message: `${v.label} · ${t.label}: the tier thresholds ${sc.tiers.map((x) => `${x.from.value} ${t.unitPlural}`).join(", ")} are ${weakFrom[0]?.from.confidence} (${weakFrom[0]?.from.note ?? "not from the issuer"})`,
        });
      const weakPts = sc.tiers.filter((x) => isWeak(x.points.confidence));
      if (weakPts.length) weak.push({ id: ruleId, message: `${v.label} · ${t.label}: tier points are ${weakPts[0]?.points.confidence}` });
      break;
    }
  }
  for (const f of fieldDefs) {
    if (f.min !== undefined && f.minMessage !== undefined && isWeak(f.min.confidence))
      weak.push({ id: `${ruleId}/${f.key}`, message: `${v.label} · ${t.label}: ${describe(f.min, f.label + " threshold")}` });
  }
  let perEvent: CompiledType["perEvent"] = null;
  if (t.perEventCap) {
    const pe = t.perEventCap;
    perEvent = { field: pe.field, maxQuantity: pe.maxQuantity.value, capPoints: pe.maxQuantity.value * rate, ruleId: `${ruleId}/per_event`, label: pe.label };
    if (isWeak(pe.maxQuantity.confidence)) weak.push({ id: perEvent.ruleId, message: `${v.label} · ${t.label}: ${describe(pe.maxQuantity, pe.label)}` });
  }
  let oncePer: CompiledType["oncePer"] = null;
  if (t.oncePer) {
    oncePer = {
      fields: t.oncePer.fields,
      perYear: t.oncePer.period === "calendar_year",
      ruleId: `${ruleId}/once_per`,
      label: t.oncePer.label,
      message: `${t.label}: ${t.oncePer.label}; this entry repeats one already counted, so it counts 0.`,
      weak: isWeak(t.oncePer.confidence)
        ? { id: `${ruleId}/once_per`, message: `${v.label} · ${t.label}: “${t.oncePer.label}” is ${t.oncePer.confidence}${t.oncePer.note ? ` (${t.oncePer.note})` : ""}` }
        : null,
    };
  }
  return {
    id: t.id,
    ruleId,
    versionId: v.id,
    versionLabel: v.label,
    label: t.label,
    unit: t.unit,
    unitPlural: t.unitPlural,
    kind,
    rate,
    increment,
    maxQuantity,
    quantityLabel,
    unitShort,
    fixedPoints,
    tiers,
    formula,
    factors,
    fields: compiled,
    categoryId: t.categoryChoices === null ? t.categoryId : null,
    categoryIdx: -1,
    categoryChoices: t.categoryChoices === null ? null : new Set(t.categoryChoices),
    categoryChoiceLabel: t.categoryChoice?.label ?? "Category",
    categoryChoiceList: (t.categoryChoices ?? []).map((c) => `${catLabel.get(c) ?? c} (${c})`),
    perEventIndex: t.perEventCap ? compiled.findIndex((f) => f.key === t.perEventCap?.field) : -1,
    ownCredentialIndex: t.notForOwnCredential ? compiled.findIndex((f) => f.key === t.notForOwnCredential?.field) : -1,
    onceIndexes: (t.oncePer?.fields ?? []).map((k) => compiled.findIndex((f) => f.key === k)),
    pointOne: pack.unit.one,
    pointMany: pack.unit.many,
    dateBasisStart: t.dateBasis === "start",
    perEvent,
    oncePer,
    ownCredentialField: t.notForOwnCredential?.field ?? null,
    source: sourceRef(main),
    weak,
    explainSteps: [],
    explainCapped: [],
    explainProduct: new Map(),
    ordinal: 0,
    plain: kind === KIND_PER_UNIT && compiled.length === 0 && t.categoryChoices === null && perEvent === null && oncePer === null && t.unit !== "day" && !t.notForOwnCredential,
  };
}

function compile(parsed: ParsedPack): CompiledPack {
  const pack = normalize(parsed);
  const sourceRef = (n: { source: string; confidence: Confidence }): SourceRef => ({
    key: n.source,
    url: pack.sources[n.source]?.url ?? "",
    confidence: n.confidence,
  });
  const categories: CompiledCategory[] = [];
  const categoryIndex = new Map<string, CompiledCategory>();
  const versions: CompiledVersion[] = pack.versions.map((v) => {
    const types = new Map<string, CompiledType>();
    for (const t of v.activityTypes) types.set(t.id, compileType(pack, v, t, sourceRef));
    for (const c of v.categories) {
      const existing = categoryIndex.get(c.id);
      const cc: CompiledCategory = {
        id: c.id,
        label: c.label,
        parentId: c.parentId ?? null,
        versionId: v.id,
        def: c,
        index: existing?.index ?? categories.length,
        depth: 0,
        needsAttribution: false,
      };
      categories[cc.index] = cc;
      categoryIndex.set(c.id, cc);
    }
    return {
      id: v.id,
      label: v.label,
      effectiveFrom: v.effectiveFrom,
      from: dateNumber(v.effectiveFrom),
      effectiveUntil: v.effectiveUntil,
      data: v,
      types,
      typeByKey: byKey(types),
      categoryIds: v.categories.map((c) => c.id),
    };
  });
  const trims = (c: CategoryData) => c.cap !== undefined || c.capPerCalendarYear !== undefined || c.capShareOfRequired !== undefined;
  for (const c of categories) {
    let depth = 0;
    let needs = trims(c.def);
    for (let p = c.parentId; p !== null; ) {
      const parent = categoryIndex.get(p);
      if (parent === undefined || depth > 20) break;
      depth++;
      needs ||= trims(parent.def);
      p = parent.parentId;
    }
    c.depth = depth;
    c.needsAttribution = needs;
  }
  let ordinal = 0;
  for (const v of versions)
    for (const t of v.types.values()) {
      if (t.categoryId !== null) t.categoryIdx = categoryIndex.get(t.categoryId)?.index ?? -1;
      t.ordinal = ordinal++;
    }
  const startBasis = new Set<string>();
  const typeVersions = new Map<string, CompiledVersion[]>();
  for (const v of versions)
    for (const t of v.types.values()) {
      if (t.dateBasisStart) startBasis.add(t.id);
      const list = typeVersions.get(t.id) ?? [];
      list.push(v);
      typeVersions.set(t.id, list);
    }
  return {
    id: pack.id,
    pack,
    versions,
    categories,
    categoryIndex,
    credentials: new Map(pack.credentials.map((c) => [c.code, c])),
    allTypes: versions.flatMap((v) => [...v.types.values()]),
    startBasis,
    startBasisByKey: byKey([...startBasis].map((id) => [id, true as const])),
    typeVersions,
    sourceRef,
  };
}

/** Parses pack data with the schema. Errors name the path of the bad value. */
export function validatePack(data: unknown): { ok: true; pack: RulePack } | { ok: false; errors: FieldError[] } {
  const r = PackSchema.safeParse(data);
  if (!r.success) {
    return { ok: false, errors: r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })) };
  }
  return { ok: true, pack: compile(r.data).pack };
}

const cache = new Map<string, CompiledPack | null>();

/** The compiled pack, validated on first use; null for an unknown id or a pack that fails validation. */
export function compiledPack(packId: string): CompiledPack | null {
  const hit = cache.get(packId);
  if (hit !== undefined) return hit;
  const data = PACK_DATA.find((p) => p.id === packId);
  let result: CompiledPack | null = null;
  if (data !== undefined) {
    const r = PackSchema.safeParse(data);
    result = r.success ? compile(r.data) : null;
  }
  if (data !== undefined) cache.set(packId, result);
  return result;
}

/** Compiles arbitrary pack data (tests and tools); not cached. */
export function compilePackData(data: unknown): CompiledPack | null {
  const r = PackSchema.safeParse(data);
  return r.success ? compile(r.data) : null;
}

/** The version in force on `date`, or null before the first version. */
export function versionOn(cp: CompiledPack, date: ISODate): CompiledVersion | null {
  const vs = cp.versions;
  for (let i = vs.length - 1; i >= 0; i--) {
    const v = vs[i];
    if (v !== undefined && date >= v.effectiveFrom) return v;
  }
  return null;
}

/** A prototype-less object of the entries (see CompiledVersion.typeByKey). */
function byKey<T>(entries: Iterable<readonly [string, T]>): Readonly<Record<string, T | undefined>> {
  const o = Object.create(null) as Record<string, T | undefined>;
  for (const [k, v] of entries) o[k] = v;
  return Object.freeze(o);
}
