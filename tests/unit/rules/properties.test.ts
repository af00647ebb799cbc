/**
 * Invariants of evaluate(), checked with fast-check on random activity logs:
 * counted ≤ earned; adding an activity never lowers counted; order does not matter; no cap is
 * ever exceeded. Logs mix valid, capped, duplicated, manual and invalid activities.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { evaluate, evaluateAll, type ActivityInput, type CertificationInput, type ProgressReport } from "@/lib/rules";
import { fromDays, toDays } from "@/lib/rules/dates";
import { cert, countedByCategory } from "./helpers";

const RUNS = 150;

type Draft = Omit<ActivityInput, "id" | "packId" | "startDate">;

function dateArb(from: string, to: string): fc.Arbitrary<string> {
  return fc.integer({ min: toDays(from), max: toDays(to) }).map(fromDays);
}

const manual = fc.option(fc.record({ points: fc.integer({ min: 0, max: 16 }).map((n) => n / 2), reason: fc.constant("holder's figure") }), { freq: 5, nil: null });

const ascmDraft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ typeId: fc.constant("attend_training"), quantity: fc.integer({ min: -1, max: 40 }).map((n) => n / 2), manualPoints: manual }),
  fc.record({ typeId: fc.constant("teach"), quantity: fc.integer({ min: 1, max: 8 }).map((n) => n / 2), details: fc.record({ topic: fc.constantFrom("MRP", "mrp ", "S&OP", "Lean") }) }),
  fc.record({
    typeId: fc.constant("ascm_conference"),
    quantity: fc.integer({ min: 0, max: 5 }),
    details: fc.record({ eventName: fc.constantFrom("Connect", " connect", "S&OP Summit") }),
  }),
  fc.record({ typeId: fc.constant("volunteer_service"), manualPoints: manual }),
  fc.record({ typeId: fc.constant("ascm_membership"), details: fc.option(fc.record({ membershipYear: fc.integer({ min: 2021, max: 2026 }) }), { nil: undefined }) }),
  fc.record({ typeId: fc.constant("book"), details: fc.record({ pages: fc.integer({ min: 150, max: 400 }) }) }),
  fc.record({ typeId: fc.constant("pm_project"), quantity: fc.integer({ min: 30, max: 200 }) }),
  fc.record({ typeId: fc.constant("ascm_exam"), details: fc.record({ credentialCode: fc.constantFrom("CPIM", "CSCP", "CLTD") }) }),
  fc.record({ typeId: fc.constant("article_read"), quantity: fc.integer({ min: 1, max: 6 }), hasEvidence: fc.boolean() }),
);

function log(draft: fc.Arbitrary<Draft>, packId: string, from: string, to: string, max = 30): fc.Arbitrary<ActivityInput[]> {
  return fc
    .array(fc.tuple(draft, dateArb(from, to)), { maxLength: max })
    .map((list) => list.map(([d, startDate], i) => ({ ...d, id: `a${String(i).padStart(3, "0")}`, packId, startDate })));
}

interface Scenario {
  name: string;
  certification: CertificationInput;
  asOf: string;
  activities: fc.Arbitrary<ActivityInput[]>;
  extra: fc.Arbitrary<Draft>;
  from: string;
  to: string;
  packId: string;
}

const pmiDraft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({
    typeId: fc.constantFrom("course_training", "reading", "online_digital_media"),
    quantity: fc.integer({ min: 1, max: 60 }).map((n) => n / 4),
    details: fc.record({ categoryId: fc.constantFrom("ways_of_working", "power_skills", "business_acumen") }),
  }),
  fc.record({ typeId: fc.constantFrom("volunteer", "create_content", "work_as_practitioner"), quantity: fc.integer({ min: 1, max: 40 }).map((n) => n / 2) }),
);

const isc2Draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ typeId: fc.constant("training"), quantity: fc.integer({ min: 1, max: 40 }), details: fc.record({ categoryId: fc.constantFrom("group_a", "group_b") }) }),
  fc.record({ typeId: fc.constant("professional_development"), quantity: fc.integer({ min: 1, max: 20 }) }),
);

const legacyDraft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ typeId: fc.constant("teach"), quantity: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ typeId: fc.constantFrom("publication", "research_publication", "cited_reference") }),
  fc.record({ typeId: fc.constant("attend_training"), quantity: fc.integer({ min: 1, max: 20 }) }),
);

const SCENARIOS: Scenario[] = [
  { name: "ASCM CPIM (2018 rules)", certification: cert("CPIM", "2021-06-01"), asOf: "2026-07-15", from: "2021-05-01", to: "2026-10-01", packId: "ascm", activities: log(ascmDraft, "ascm", "2021-05-01", "2026-10-01"), extra: ascmDraft },
  { name: "ASCM CPIM-F before 2018 (PPED share cap)", certification: cert("CPIM-F", "2013-06-15"), asOf: "2018-06-01", from: "2013-06-15", to: "2018-06-01", packId: "ascm", activities: log(legacyDraft, "ascm", "2013-06-15", "2018-06-01"), extra: legacyDraft },
  { name: "PMI PMP (nested caps)", certification: cert("PMP", "2023-01-15", {}, "pmi"), asOf: "2025-12-01", from: "2023-01-15", to: "2025-12-01", packId: "pmi", activities: log(pmiDraft, "pmi", "2023-01-15", "2025-12-01"), extra: pmiDraft },
  { name: "ISC2 CISSP", certification: cert("CISSP", "2023-01-01", {}, "isc2"), asOf: "2025-12-01", from: "2023-01-01", to: "2025-12-01", packId: "isc2", activities: log(isc2Draft, "isc2", "2023-01-01", "2025-12-01"), extra: isc2Draft },
];

function run(s: Scenario, activities: ActivityInput[]): ProgressReport {
  return evaluate({ certification: s.certification, activities, asOf: s.asOf });
}

function perActivity(r: ProgressReport): Record<string, number> {
  return Object.fromEntries(r.contributions.toArray().map((c) => [c.activityId, c.counted]));
}

function normalize(name: unknown): string {
  return String(name).trim().toLowerCase().replace(/\s+/g, " ");
}

describe.each(SCENARIOS)("$name", (s) => {
  test("counted ≤ earned, for the report, every category and every activity", () => {
    fc.assert(
      fc.property(s.activities, (activities) => {
        const r = run(s, activities);
        expect(r.counted).toBeLessThanOrEqual(r.earned);
        const walk = (lines: ProgressReport["categories"]) => {
          for (const l of lines) {
            expect(l.counted).toBeLessThanOrEqual(l.earned + 1e-9);
            expect(l.counted).toBeGreaterThanOrEqual(0);
            walk(l.children);
          }
        };
        walk(r.categories);
        for (const c of r.contributions) {
          expect(c.counted).toBeLessThanOrEqual(c.points);
          expect(c.counted).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("adding an activity never lowers counted points", () => {
    fc.assert(
      fc.property(s.activities, s.extra, dateArb(s.from, s.to), fc.nat(), fc.boolean(), (activities, draft, startDate, pick, copy) => {
        const before = run(s, activities);
        // Half the time the new activity is a smaller, re-dated copy of one already logged, so it
        // lands in the same cap or once-per group (same topic, event, membership year).
        const original = activities[pick % Math.max(1, activities.length)];
        const extra: ActivityInput =
          copy && original !== undefined
            ? { ...original, id: "zz-extra", startDate, quantity: typeof original.quantity === "number" ? Math.max(1, Math.floor(original.quantity / 2)) : original.quantity }
            : { ...draft, id: "zz-extra", packId: s.packId, startDate };
        const after = run(s, [...activities, extra]);
        expect(after.counted).toBeGreaterThanOrEqual(before.counted);
        const b = countedByCategory(before);
        const a = countedByCategory(after);
        for (const id of Object.keys(b)) if (before.categories.every((c) => c.min === null)) expect(a[id] ?? 0).toBeGreaterThanOrEqual((b[id] ?? 0) - 1e-9);
      }),
      { numRuns: RUNS },
    );
  });

  test("the order of activities does not matter", () => {
    fc.assert(
      fc.property(
        s.activities.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([list, shuffled]) => {
          const a = run(s, list);
          const b = run(s, shuffled);
          expect([b.earned, b.counted, b.status]).toEqual([a.earned, a.counted, a.status]);
          expect(countedByCategory(b)).toEqual(countedByCategory(a));
          expect(perActivity(b)).toEqual(perActivity(a));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("no cap is ever exceeded", () => {
    fc.assert(
      fc.property(s.activities, (activities) => {
        const r = run(s, activities);
        const walk = (lines: ProgressReport["categories"]) => {
          for (const l of lines) {
            if (l.cap !== null && l.capKind !== "per_calendar_year") expect(l.counted).toBeLessThanOrEqual(l.cap + 1e-9);
            for (const y of l.years ?? []) expect(y.counted).toBeLessThanOrEqual(y.cap);
            walk(l.children);
          }
        };
        walk(r.categories);
        // Per calendar year (service) and per event (conference), recomputed from the contributions.
        const perYear = new Map<string, number>();
        const perEvent = new Map<string, number>();
        const byId = new Map(activities.map((a) => [a.id, a]));
        for (const c of r.contributions) {
          if (c.categoryId === "service" || c.categoryId === "legacy_service") {
            const k = `${c.categoryId}${c.date.slice(0, 4)}`;
            perYear.set(k, (perYear.get(k) ?? 0) + c.counted);
          }
          if (c.typeId === "ascm_conference") {
            const k = `${normalize(byId.get(c.activityId)?.details?.eventName)}|${c.date.slice(0, 4)}`;
            perEvent.set(k, (perEvent.get(k) ?? 0) + c.counted);
          }
        }
        for (const v of perYear.values()) expect(v).toBeLessThanOrEqual(5);
        for (const v of perEvent.values()) expect(v).toBeLessThanOrEqual(24);
        const counted = countedByCategory(r);
        if (s.packId === "pmi") {
          expect(counted.giving_back ?? 0).toBeLessThanOrEqual(25);
          expect(counted.working_as_practitioner ?? 0).toBeLessThanOrEqual(8);
        }
        if (s.packId === "isc2") expect(counted.group_b ?? 0).toBeLessThanOrEqual(30);
        if (s.certification.credentialCode === "CPIM-F") expect(counted.legacy_pped ?? 0).toBeLessThanOrEqual(80);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("evaluateAll scores each activity once for all designations", () => {
  test("its reports equal one evaluate() per designation", () => {
    const certs = [cert("CPIM", "2021-06-01"), cert("CSCP", "2022-03-15"), cert("CLTD", "2023-09-10", { renewals: [] }), cert("PMP", "2022-01-01", {}, "pmi")];
    const mixed = fc
      .tuple(log(ascmDraft, "ascm", "2021-01-01", "2026-10-01", 25), log(pmiDraft, "pmi", "2022-01-01", "2026-01-01", 10))
      .map(([a, p]) => [...a, ...p.map((x) => ({ ...x, id: `p-${x.id}` }))]);
    fc.assert(
      fc.property(mixed, fc.constantFrom("2023-01-01", "2024-06-01", "2026-07-15"), (activities, asOf) => {
        const all = evaluateAll({ certifications: certs, activities, asOf });
        expect(all.reports).toEqual(certs.map((certification) => evaluate({ certification, activities, asOf })));
      }),
      { numRuns: 60 },
    );
  });
});
