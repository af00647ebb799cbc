import { describe, expect, test } from "vitest";
import { activityTypesOn, getPack, listPacks, ruleVersionOn, validatePack, type PackData, type RulePack } from "@/lib/rules";
import { ascmPack } from "@/lib/rules/packs/ascm";
import { isc2Pack } from "@/lib/rules/packs/isc2";
import { pmiPack } from "@/lib/rules/packs/pmi";

const ALL: [string, PackData][] = [
  ["ascm", ascmPack],
  ["pmi", pmiPack],
  ["isc2", isc2Pack],
];
const CONFIDENCE = ["confirmed", "secondary", "inferred", "unconfirmed"];

function pack(id: string): RulePack {
  const p = getPack(id);
  if (p === null) throw new Error(`pack ${id} did not load`);
  return p;
}

/** Every object in the pack data that carries a number (or a rule) with provenance. */
function sourced(node: unknown, path: string, out: { path: string; rec: Record<string, unknown> }[] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => sourced(v, `${path}[${i}]`, out));
  else if (node !== null && typeof node === "object") {
    const rec = node as Record<string, unknown>;
    if ("confidence" in rec || "source" in rec || (typeof rec.value === "number" && path !== "")) out.push({ path, rec });
    for (const [k, v] of Object.entries(rec)) if (k !== "sources") sourced(v, `${path}.${k}`, out);
  }
  return out;
}

describe("packs load and every number carries a source and a confidence", () => {
  test.each(ALL)("%s validates with the zod schema", (id, data) => {
    const r = validatePack(data);
    expect(r.ok).toBe(true);
    expect(getPack(id)?.id).toBe(id);
  });

  test.each(ALL)("%s: every number has a source key in the table (with a URL) and a confidence", (_id, data) => {
    const numbers = sourced(data, "");
    expect(numbers.length).toBeGreaterThan(20);
    for (const { path, rec } of numbers) {
      expect(typeof rec.source, path).toBe("string");
      expect(data.sources[rec.source as string]?.url, `${path} → ${String(rec.source)}`).toBeTruthy();
      expect(CONFIDENCE, path).toContain(rec.confidence);
    }
  });

  test.each(ALL)("%s: no bare numbers in rules (scoring, caps, minimums, cycle)", (_id, data) => {
    for (const v of data.versions) {
      for (const t of v.activityTypes) {
        for (const [k, val] of Object.entries(t.scoring)) if (typeof val === "number") throw new Error(`${v.id}/${t.id}.scoring.${k} is a bare number`);
      }
      for (const c of v.categories) for (const k of ["min", "cap", "capPerCalendarYear"] as const) if (c[k] !== undefined) expect(c[k]?.source).toBeTruthy();
      expect(v.cycle.lengthYears.source).toBeTruthy();
      expect(v.cycle.grace.length.source).toBeTruthy();
    }
  });

  test("unknown pack", () => {
    expect(getPack("shrm")).toBeNull();
    expect(activityTypesOn("shrm", "2024-01-01")).toEqual([]);
  });
});

describe("listPacks", () => {
  test("issuers, credentials, required points, maintained", () => {
    expect(listPacks().map((p) => [p.id, p.issuer, p.unit.many, p.credentials.map((c) => `${c.code}:${c.requiredPoints}:${c.maintained ? "m" : "-"}`)])).toEqual([
      ["ascm", "ASCM", "points", ["CPIM:75:m", "CSCP:75:m", "CLTD:75:m", "CTSC:75:m", "CPIM-F:100:m", "CSCP-F:100:m", "CLTD-F:100:m", "SCOR-P:0:-"]],
      ["pmi", "PMI", "PDUs", ["PMP:60:m"]],
      ["isc2", "ISC2", "CPE credits", ["CISSP:120:m"]],
    ]);
  });

  test("SCOR-P is an endorsement; the sourced rule is kept", () => {
    const scor = pack("ascm").credentials.find((c) => c.code === "SCOR-P");
    expect([scor?.kind, scor?.maintained, scor?.maintainedRule.source, scor?.maintainedRule.confidence]).toEqual(["endorsement", false, "A16", "confirmed"]);
  });
});

describe("versions", () => {
  test.each<[string, string, string]>([
    ["ascm", "2018-01-03", "ascm-legacy"],
    ["ascm", "2018-01-04", "ascm-2018"],
    ["ascm", "2030-01-01", "ascm-2018"],
    ["ascm", "1850-01-01", "ascm-legacy"],
    ["ascm", "not a date", "ascm-legacy"],
    ["pmi", "2015-11-30", "pmi-2015"],
    ["isc2", "2024-01-01", "isc2-2015"],
  ])("%s on %s: %s", (id, date, version) => {
    expect(ruleVersionOn(pack(id), date).id).toBe(version);
  });

  test("effectiveUntil closes each version but the last", () => {
    expect(pack("ascm").versions.map((v) => [v.id, v.effectiveFrom, v.effectiveUntil])).toEqual([
      ["ascm-legacy", "1900-01-01", "2018-01-04"],
      ["ascm-2018", "2018-01-04", null],
    ]);
  });

  test("all 20 activity types of the current ASCM table (rows 1–21; row 3 is the half-hour step)", () => {
    expect(activityTypesOn("ascm", "2024-01-01").map((t) => t.id)).toEqual([
      "attend_training",
      "online_event",
      "teach",
      "ascm_conference",
      "college_course",
      "ascm_exam",
      "cpim_module_exam",
      "learning_system",
      "endorsement_exam",
      "ascm_membership",
      "related_membership",
      "book",
      "article_read",
      "pm_project",
      "mentor",
      "publication",
      "research_publication",
      "cited_reference",
      "volunteer_service",
      "exam_simulator",
    ]);
    expect(activityTypesOn("ascm", "2017-01-01").some((t) => t.id === "book")).toBe(false);
  });
});

describe("form fields are generated from the pack", () => {
  const type = (packId: string, typeId: string) => {
    const t = activityTypesOn(packId, "2024-01-01").find((x) => x.id === typeId);
    if (t === undefined) throw new Error(typeId);
    return t;
  };

  test.each<[string, string, string, unknown[]]>([
    ["hours in half-hour steps", "ascm", "attend_training", [{ key: "quantity", label: "Hours", kind: "number", min: 0.5, max: 500, step: 0.5, required: true }]],
    [
      "conference days and its name",
      "ascm",
      "ascm_conference",
      [
        { key: "quantity", label: "Days attended", kind: "integer", min: 1, max: 14, step: 1, required: true },
        { key: "eventName", label: "Conference name", kind: "text", required: true, help: "Days of the same conference in the same year are added up and capped at 3." },
      ],
    ],
    [
      "college credit hours and weeks",
      "ascm",
      "college_course",
      [
        { key: "creditHours", label: "Credit hours", kind: "number", required: true, min: 0.5, max: 12, step: 0.5 },
        { key: "weeks", label: "Weeks", kind: "integer", required: true, min: 1, max: 52 },
      ],
    ],
    ["book pages", "ascm", "book", [{ key: "pages", label: "Pages", kind: "integer", required: true, min: 200, max: 5000 }]],
    [
      "project hours with the tiers as help",
      "ascm",
      "pm_project",
      [
        { key: "quantity", label: "Hours on the project", kind: "number", min: 0.5, max: 10000, step: 0.5, required: true, help: "40+ hours: 2 points; 80+ hours: 5 points; 120+ hours: 10 points" },
        { key: "projectName", label: "Project", kind: "text", required: false },
      ],
    ],
    [
      "PMI talent area picked by the holder",
      "pmi",
      "course_training",
      [
        { key: "quantity", label: "Hours", kind: "number", min: 0.25, max: 500, step: 0.25, required: true },
        {
          key: "categoryId",
          label: "Talent area",
          kind: "select",
          required: true,
          options: [
            { value: "ways_of_working", label: "Ways of Working" },
            { value: "power_skills", label: "Power Skills" },
            { value: "business_acumen", label: "Business Acumen" },
          ],
          help: "Pick the talent area this activity develops. An activity that spans several areas can be logged as one activity per area.",
        },
      ],
    ],
  ])("%s", (_l, packId, typeId, fields) => {
    expect(type(packId, typeId).fields).toEqual(fields);
  });

  test("a type whose category the holder picks names the parent", () => {
    expect([type("pmi", "course_training").categoryId, type("pmi", "course_training").categoryChoices]).toEqual(["education", ["ways_of_working", "power_skills", "business_acumen"]]);
    expect([type("isc2", "training").categoryId, type("ascm", "book").categoryChoices]).toEqual(["group_a", null]);
    expect(type("ascm", "book")).toMatchObject({ label: "Relevant book read", unitLabel: "books", ruleId: "ascm-2018/book" });
  });
});

describe("the schema rejects broken packs, naming the path", () => {
  const clone = (): PackData => structuredClone(ascmPack);
  const v1 = (p: PackData) => p.versions[1] as PackData["versions"][number];

  test.each<[string, (p: PackData) => void, string, string]>([
    ["an unknown source key", (p) => void ((v1(p).categories[1] as { capPerCalendarYear: { source: string } }).capPerCalendarYear.source = "Z9"), "versions.1.categories.1.capPerCalendarYear.source", 'unknown source key "Z9"'],
    ["an unknown category", (p) => void (v1(p).activityTypes[0]!.category = "fun"), "versions.1.activityTypes.0.category", 'unknown category "fun"'],
    ["a duplicate activity type", (p) => void v1(p).activityTypes.push(structuredClone(v1(p).activityTypes[0]!)), "versions.1.activityTypes.20.id", "duplicate activity type attend_training"],
    ["versions out of order", (p) => void (v1(p).effectiveFrom = "1800-01-01"), "versions.1.effectiveFrom", "versions must be in increasing effectiveFrom order"],
    ["a bare number instead of a sourced one", (p) => void ((v1(p).activityTypes[0]!.scoring as { rate: unknown }).rate = 1), "versions.1.activityTypes.0.scoring.rate", ""],
    ["a bad confidence", (p) => void ((v1(p).activityTypes[0]!.scoring as { rate: { confidence: string } }).rate.confidence = "sure"), "versions.1.activityTypes.0.scoring.rate.confidence", ""],
    ["an unknown parent category", (p) => void (v1(p).categories[1]!.parentId = "nothing"), "versions.1.categories.1.parentId", 'unknown parent "nothing"'],
    [
      "a formula on a field that does not exist",
      (p) => void ((v1(p).activityTypes[4]!.scoring as { factors: string[] }).factors = ["creditHours", "semesters"]),
      "versions.1.activityTypes.4.scoring.factors.1",
      'no field "semesters" in fields',
    ],
    [
      "tiers that do not rise",
      (p) => {
        const tiers = (v1(p).activityTypes[13]!.scoring as { tiers: { from: { value: number } }[] }).tiers;
        tiers[2]!.from.value = 60;
      },
      "versions.1.activityTypes.13.scoring.tiers.2",
      "tiers must rise",
    ],
    ["both a category and a choice", (p) => void (v1(p).activityTypes[0]!.categoryChoice = { label: "x", options: ["education", "service"] }), "versions.1.activityTypes.0.category", "give exactly one of category and categoryChoice"],
    ["carry-over without its limits", (p) => void (v1(p).carryOver = { allowed: { value: true, source: "A1", confidence: "inferred" } }), "versions.1.carryOver", "carry-over needs max and withinLastMonths"],
    ["a maintained credential without required points", (p) => void (p.credentials[0]!.requiredPoints = null), "credentials.0.requiredPoints", "a maintained credential needs required points"],
    [
      "a reserved field key",
      (p) => void (v1(p).activityTypes[0]!.fields = [{ key: "quantity", label: "Q", kind: "number", required: true }]),
      "versions.1.activityTypes.0.fields.0.key",
      '"quantity" is reserved',
    ],
    ["a select without options", (p) => void (v1(p).activityTypes[5]!.fields![0]!.options = []), "versions.1.activityTypes.5.fields.0.options", "a select field needs options"],
  ])("%s", (_l, breakIt, path, message) => {
    const p = clone();
    breakIt(p);
    const r = validatePack(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.field)).toContain(path);
      if (message !== "") expect(r.errors.find((e) => e.field === path)?.message).toBe(message);
    }
  });
});
