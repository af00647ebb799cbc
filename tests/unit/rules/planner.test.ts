import { describe, expect, test } from "vitest";
import { cyclesOf, evaluate, planGap, type ActivityInput, type PlanItem } from "@/lib/rules";
import { act, cert, hours } from "./helpers";

const CPIM = cert("CPIM", "2021-06-01"); // due 2026-06-30

function plan(activities: ActivityInput[], asOf: string, opts?: Parameters<typeof planGap>[1]): PlanItem[] {
  return planGap(evaluate({ certification: CPIM, activities, asOf }), opts);
}

const brief = (items: PlanItem[]) => items.map((i) => [i.typeId, i.label, i.points]);

describe("gap planner (ASCM)", () => {
  test.each<[string, number, string, { isMember?: boolean } | undefined, [string, string, number][]]>([
    [
      "35 missing, 2.5 years left: two ASCM conferences",
      40,
      "2024-01-01",
      undefined,
      [
        ["ascm_conference", "Attend an ASCM conference (3 days) in 2024", 24],
        ["ascm_conference", "Attend an ASCM conference (2 days) in 2025", 16],
      ],
    ],
    ["3 missing: three hours of webinars", 72, "2024-01-01", undefined, [["online_event", "Watch supply-chain webinars (3 hours)", 3]]],
    [
      "19 missing, a member: the renewals they make anyway come first",
      56,
      "2024-01-01",
      { isMember: true },
      [
        ["ascm_membership", "Renew your ASCM membership in 2024", 6],
        ["ascm_membership", "Renew your ASCM membership in 2025", 6],
        ["ascm_membership", "Renew your ASCM membership in 2026", 6],
        ["online_event", "Watch supply-chain webinars (1 hour)", 1],
      ],
    ],
    ["19 missing, not a member: one conference", 56, "2024-01-01", { isMember: false }, [["ascm_conference", "Attend an ASCM conference (3 days) in 2024", 24]]],
    [
      "5 missing in the suspension: a book before its end",
      70,
      "2026-07-15",
      undefined,
      [["book", "Read a relevant book of 200+ pages", 5]],
    ],
  ])("%s", (_l, counted, asOf, opts, expected) => {
    expect(brief(plan([hours("a", "2022-01-01", counted)], asOf, opts))).toEqual(expected);
  });

  // A once-a-year item is not planned in a year with only weeks left before its end or the due date.
  test.each<[string, number, string, { isMember?: boolean } | undefined, [string, string, number][]]>([
    [
      "December: the conferences go to the next years, not to this one",
      40,
      "2024-12-01",
      undefined,
      [
        ["ascm_conference", "Attend an ASCM conference (3 days) in 2025", 24],
        ["ascm_conference", "Attend an ASCM conference (2 days) in 2026", 16],
      ],
    ],
    [
      "late November, a member: memberships from next year on",
      40,
      "2024-11-20",
      { isMember: true },
      [
        ["ascm_membership", "Renew your ASCM membership in 2025", 6],
        ["ascm_membership", "Renew your ASCM membership in 2026", 6],
        ["ascm_conference", "Attend an ASCM conference (3 days) in 2025", 24],
      ],
    ],
    [
      "six weeks before the due date: no conference in the due year, workshops and webinars",
      56,
      "2026-05-15",
      undefined,
      [
        ["attend_training", "Attend a one-day workshop or training (8 hours)", 8],
        ["attend_training", "Attend a one-day workshop or training (8 hours)", 8],
        ["online_event", "Watch supply-chain webinars (3 hours)", 3],
      ],
    ],
    ["eleven weeks before the due date: a conference in the due year is still a plan", 56, "2026-04-15", undefined, [["ascm_conference", "Attend an ASCM conference (3 days) in 2026", 24]]],
    [
      "October: room left this year",
      40,
      "2024-10-01",
      undefined,
      [
        ["ascm_conference", "Attend an ASCM conference (3 days) in 2024", 24],
        ["ascm_conference", "Attend an ASCM conference (2 days) in 2025", 16],
      ],
    ],
  ])("once a year, %s", (_l, counted, asOf, opts, expected) => {
    expect(brief(plan([hours("a", "2022-01-01", counted)], asOf, opts))).toEqual(expected);
  });

  test("a plan item says why and carries the form details", () => {
    const [item] = plan([hours("a", "2022-01-01", 40)], "2024-01-01");
    expect(item).toEqual({
      typeId: "ascm_conference",
      label: "Attend an ASCM conference (3 days) in 2024",
      points: 24,
      quantity: 3,
      categoryId: "education",
      details: { eventName: "ASCM conference" },
      reason: "+24 toward the 35 points still needed by 2026-06-30.",
    });
  });

  test("a whole requirement in six months: closes the gap, one conference and one service year at most", () => {
    const items = plan([], "2026-01-01");
    const total = items.reduce((s, i) => s + i.points, 0);
    expect(total).toBeGreaterThanOrEqual(75);
    expect(total - 75).toBeLessThan(8);
    expect(items.filter((i) => i.typeId === "ascm_conference")).toHaveLength(1);
    expect(items.filter((i) => i.typeId === "volunteer_service").length).toBeLessThanOrEqual(1);
  });

  test("the service cap: a year whose 5 points are used is not proposed again", () => {
    const r = evaluate({ certification: CPIM, activities: [act("s", "volunteer_service", "2026-01-10")], asOf: "2026-02-01" });
    expect(planGap(r).some((i) => i.typeId === "volunteer_service")).toBe(false);
  });

  test.each<[string, ActivityInput[], string, Partial<typeof CPIM>]>([
    ["complete", [hours("a", "2022-01-01", 80)], "2024-01-01", {}],
    ["expired", [], "2026-10-01", {}],
    ["a renewed (closed) cycle", [], "2026-07-01", { renewals: [{ dueDate: "2026-06-30", approvedDate: "2026-06-01" }] }],
  ])("nothing to plan when %s", (_l, activities, asOf, extra) => {
    const c = { ...CPIM, ...extra };
    const r = evaluate({ certification: c, activities, asOf, cycle: extra.renewals ? cyclesOf(c, asOf)[0] : undefined });
    expect(planGap(r)).toEqual([]);
  });

  test("an invalid report plans nothing", () => {
    expect(planGap(evaluate({ certification: cert("SCOR-P", "2020-01-01"), activities: [], asOf: "2024-01-01" }))).toEqual([]);
  });
});

describe("gap planner (minimums first)", () => {
  test("PMI: the missing talent area, then the rest of Education", () => {
    const pmp = cert("PMP", "2023-01-15", {}, "pmi");
    const r = evaluate({
      certification: pmp,
      activities: [
        act("w", "course_training", "2024-02-01", { quantity: 10, details: { categoryId: "ways_of_working" } }, "pmi"),
        act("p", "reading", "2024-02-01", { quantity: 8, details: { categoryId: "power_skills" } }, "pmi"),
        act("v", "volunteer", "2024-02-01", { quantity: 25 }, "pmi"),
      ],
      asOf: "2025-06-01",
    });
    expect(planGap(r).map((i) => [i.typeId, i.categoryId, i.points, i.details])).toEqual([
      ["course_training", "business_acumen", 8, { categoryId: "business_acumen" }],
      ["course_training", "ways_of_working", 8, { categoryId: "ways_of_working" }],
      ["online_digital_media", "ways_of_working", 1, { categoryId: "ways_of_working" }],
    ]);
  });

  test("PMI: Giving Back at its cap is not proposed", () => {
    const pmp = cert("PMP", "2023-01-15", {}, "pmi");
    const r = evaluate({ certification: pmp, activities: [act("v", "volunteer", "2024-02-01", { quantity: 25 }, "pmi")], asOf: "2024-03-01" });
    const items = planGap(r);
    expect(items.some((i) => i.categoryId === "giving_back" || i.categoryId === "working_as_practitioner")).toBe(false);
    expect(items.reduce((s, i) => s + i.points, 0)).toBeGreaterThanOrEqual(35);
  });

  test("ISC2: Group A up to 90 first", () => {
    const r = evaluate({
      certification: cert("CISSP", "2023-01-01", {}, "isc2"),
      activities: [act("b", "professional_development", "2023-03-01", { quantity: 30 }, "isc2")],
      asOf: "2024-06-01",
    });
    const items = planGap(r);
    expect(items.every((i) => i.categoryId === "group_a")).toBe(true);
    expect(items.reduce((s, i) => s + i.points, 0)).toBe(90);
    expect(items[0]).toMatchObject({ typeId: "conference", label: "Attend a security conference (21 hours) in Group A (domain-related) in 2024", points: 21 });
  });
});
