/**
 * evaluateEach / evaluateAll score each activity once and count it per designation: the reports'
 * contribution lists share the pack's columns (ids, dates, points before caps). These tests check
 * that sharing never shows: every report equals evaluate() of its certification alone, and one
 * designation's caps or own exam never change another's report.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { evaluate, evaluateAll, evaluateEach, type ActivityInput, type CertificationInput, type Contribution, type ProgressReport } from "@/lib/rules";
import { fromDays, toDays } from "@/lib/rules/dates";
import { act, cert, hours } from "./helpers";

function contribution(r: ProgressReport, id: string): Contribution {
  const c = r.contributions.toArray().find((x) => x.activityId === id);
  if (c === undefined) throw new Error(`no contribution ${id} in ${r.credentialCode}`);
  return c;
}

describe("a designation's caps never change another designation's report", () => {
  // CPIM's window holds both service years of 2022; CSCP (earned 2022-03-15) only the second.
  const certs = [cert("CPIM", "2021-06-01"), cert("CSCP", "2022-03-15")];
  const activities: ActivityInput[] = [
    act("s1", "volunteer_service", "2022-02-01"),
    act("s2", "volunteer_service", "2022-05-01"),
    hours("h1", "2022-06-01", 4),
    act("x1", "ascm_exam", "2022-03-15", { details: { credentialCode: "CSCP" } }),
    hours("e1", "2022-07-01", 3, { excludedCertificationIds: ["cpim"] }),
  ];
  const asOf = "2023-01-01";

  test("the activity CPIM's yearly service cap trims still counts in full for CSCP", () => {
    const [cpim, cscp] = evaluateEach({ certifications: certs, activities, asOf }) as [ProgressReport, ProgressReport];
    const trimmed = contribution(cpim, "s2");
    const whole = contribution(cscp, "s2");
    expect(trimmed.trimmedBy).toBe("ascm-2018/cap/service/per_calendar_year");
    expect(trimmed.counted).toBeLessThan(trimmed.points);
    expect(whole.trimmedBy).toBeUndefined();
    expect(whole.counted).toBe(whole.points);
    // The columns read the same.
    const k = cpim.contributions.indexOf("s2");
    expect([cpim.contributions.counted(k), cpim.contributions.points(k), cpim.contributions.trimmedBy(k)]).toEqual([trimmed.counted, trimmed.points, trimmed.trimmedBy]);
    const j = cscp.contributions.indexOf("s2");
    expect([cscp.contributions.counted(j), cscp.contributions.trimmedBy(j)]).toEqual([whole.points, undefined]);
  });

  test("an activity nothing changes reads the same in both reports; the exam that earned CSCP is worth nothing for CSCP only", () => {
    const [cpim, cscp] = evaluateEach({ certifications: certs, activities, asOf }) as [ProgressReport, ProgressReport];
    expect(contribution(cpim, "h1")).toEqual(contribution(cscp, "h1"));
    const own = contribution(cscp, "x1");
    const other = contribution(cpim, "x1");
    expect(own.points).toBe(0);
    expect(own.counted).toBe(0);
    expect(cscp.contributions.points(cscp.contributions.indexOf("x1"))).toBe(0);
    expect(own.explanation).toContain("The CSCP exam earned this CSCP designation");
    expect(other.points).toBeGreaterThan(0);
    expect(other.explanation).not.toContain("earned this");
    expect(cpim.excluded).toEqual(["e1"]);
    expect(cscp.contributions.toArray().map((c) => c.activityId)).toContain("e1");
  });

  test("every report equals evaluate() of its certification alone, in either order", () => {
    for (const order of [certs, [...certs].reverse()]) {
      const each = evaluateEach({ certifications: order, activities, asOf });
      expect(each).toEqual(order.map((certification) => evaluate({ certification, activities, asOf })));
      expect(evaluateAll({ certifications: order, activities, asOf }).reports).toEqual(each);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Generated logs across the 2018 rule change: own exams, exclusions, caps, invalid and future
// activities, for designations whose windows overlap in different ways.
// ---------------------------------------------------------------------------------------------

type Draft = Omit<ActivityInput, "id" | "packId" | "startDate">;

const IDS = ["cpim", "cscp", "cltd", "cpim-f", "pmp"];
const excludedArb = fc.option(fc.subarray(IDS, { maxLength: 2 }), { freq: 4, nil: undefined });
const manual = fc.option(fc.record({ points: fc.integer({ min: 0, max: 12 }), reason: fc.constant("holder's figure") }), { freq: 6, nil: null });

const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ typeId: fc.constant("attend_training"), quantity: fc.integer({ min: -1, max: 30 }).map((n) => n / 2), manualPoints: manual, excludedCertificationIds: excludedArb }),
  fc.record({ typeId: fc.constant("teach"), quantity: fc.integer({ min: 1, max: 8 }).map((n) => n / 2), details: fc.record({ topic: fc.constantFrom("MRP", "mrp ", "Lean") }) }),
  fc.record({ typeId: fc.constant("ascm_conference"), quantity: fc.integer({ min: 0, max: 5 }), details: fc.record({ eventName: fc.constantFrom("Connect", " connect") }) }),
  fc.record({ typeId: fc.constant("volunteer_service"), manualPoints: manual, excludedCertificationIds: excludedArb }),
  fc.record({ typeId: fc.constant("ascm_membership") }),
  fc.record({ typeId: fc.constant("book"), details: fc.record({ pages: fc.integer({ min: 150, max: 400 }) }), hasEvidence: fc.boolean() }),
  fc.record({ typeId: fc.constant("ascm_exam"), details: fc.record({ credentialCode: fc.constantFrom("CPIM", "CSCP", "CLTD") }), excludedCertificationIds: excludedArb }),
  fc.record({ typeId: fc.constantFrom("publication", "research_publication"), excludedCertificationIds: excludedArb }),
  fc.record({ typeId: fc.constant("attend_training"), quantity: fc.integer({ min: 1, max: 10 }), endDate: fc.constantFrom("2017-13-01", "2010-01-01", null) }),
);

const logArb: fc.Arbitrary<ActivityInput[]> = fc
  .array(fc.tuple(draft, fc.integer({ min: toDays("2014-01-01"), max: toDays("2024-06-01") }).map(fromDays), fc.boolean()), { maxLength: 40 })
  .map((list) =>
    list.map(([d, startDate, pmi], i) =>
      pmi && d.typeId === "attend_training"
        ? { id: `p${i}`, packId: "pmi", typeId: "course_training", startDate, quantity: 2, details: { categoryId: "ways_of_working" } }
        : { ...d, id: `a${String(i).padStart(3, "0")}`, packId: "ascm", startDate },
    ),
  );

const CERTS: CertificationInput[] = [
  // Earned before the 2018 rules, renewed once: its cycles straddle 2018-01-04.
  cert("CPIM", "2014-06-01", { renewals: [{ dueDate: "2019-06-30", submittedDate: "2019-05-01", approvedDate: "2019-05-20" }] }),
  cert("CSCP", "2016-09-01"),
  cert("CLTD", "2019-03-10"),
  cert("CPIM-F", "2015-01-15"),
  cert("PMP", "2018-01-01", {}, "pmi"),
  // Not evaluable: an empty report among the others.
  cert("NOPE", "2019-01-01"),
];

describe("evaluateEach and evaluateAll equal evaluate() one designation at a time", () => {
  test("on generated logs (own exams, exclusions, caps, the 2018 rule change, invalid and future activities)", () => {
    fc.assert(
      fc.property(logArb, fc.subarray(CERTS, { minLength: 1 }), fc.constantFrom("2017-12-01", "2018-06-01", "2019-06-01", "2021-03-01"), (activities, certs, asOf) => {
        const expected = certs.map((certification) => evaluate({ certification, activities, asOf }));
        const each = evaluateEach({ certifications: certs, activities, asOf });
        expect(each).toEqual(expected);
        // A second call over the same objects gives the same reports (nothing is left behind).
        expect(evaluateAll({ certifications: certs, activities, asOf }).reports).toEqual(expected);
      }),
      { numRuns: 120 },
    );
  });

  test("bad input: no list, no certifications, a bad date", () => {
    expect(evaluateEach({ certifications: [], activities: [], asOf: "2024-01-01" })).toEqual([]);
    const c = cert("CPIM", "2021-06-01");
    expect(evaluateEach({ certifications: [c], activities: null as unknown as ActivityInput[], asOf: "2024-01-01" })).toEqual([
      evaluate({ certification: c, activities: null as unknown as ActivityInput[], asOf: "2024-01-01" }),
    ]);
    expect(evaluateEach({ certifications: [c], activities: [], asOf: "2024-13-01" })).toEqual([evaluate({ certification: c, activities: [], asOf: "2024-13-01" })]);
    expect(evaluateEach(null as unknown as Parameters<typeof evaluateEach>[0])).toEqual([]);
  });
});

describe("evaluateAll: outside every cycle, from the prepared activities", () => {
  test("warnings follow the input order across issuers; an end before the start is placed by its end", () => {
    const certs = [cert("CPIM", "2021-06-01"), cert("PMP", "2022-01-01", {}, "pmi")];
    const activities: ActivityInput[] = [
      hours("a1", "2019-01-10", 2),
      act("p1", "course_training", "2020-05-01", { quantity: 2, details: { categoryId: "ways_of_working" } }, "pmi"),
      hours("in", "2023-01-10", 2),
      hours("a2", "2020-03-01", 2, { endDate: "2019-12-01" }),
      hours("later", "2030-01-01", 2),
      act("i1", "training", "2020-01-01", { quantity: 2 }, "isc2"),
    ];
    const all = evaluateAll({ certifications: certs, activities, asOf: "2024-01-01" });
    expect(all.warnings.map((w) => [w.code, w.activityId ?? null])).toEqual([
      ["outside_window", "a1"],
      ["outside_window", "p1"],
      ["outside_window", "a2"],
      ["outside_window", null],
    ]);
    expect(all.warnings[2]?.message).toContain("(2019-12-01)");
    expect(all.warnings[3]?.message).toContain("you hold no ISC2 designation");
  });
});
