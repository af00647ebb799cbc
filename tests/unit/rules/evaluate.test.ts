import { describe, expect, test } from "vitest";
import { cyclesOf, evaluate, evaluateAll, type ActivityInput, type CertificationInput, type ProgressReport, type ReportStatus } from "@/lib/rules";
import { act, cert, countedByCategory, hours, warningCodes } from "./helpers";

const CPIM = cert("CPIM", "2021-06-01"); // due 2026-06-30, suspension to 2026-09-28
const AS_OF = "2024-01-01";

function run(c: CertificationInput, activities: ActivityInput[], asOf = AS_OF): ProgressReport {
  return evaluate({ certification: c, activities, asOf });
}

function contribution(r: ProgressReport, id: string) {
  const c = r.contributions.toArray().find((x) => x.activityId === id);
  if (c === undefined) throw new Error(`no contribution ${id}`);
  return c;
}

describe("caps: at, one under, one over", () => {
  // ASCM service: 5 points per calendar year (manual points give exact values around the cap).
  test.each<[string, number, number, boolean]>([
    ["service one under the yearly cap", 4, 4, false],
    ["service at the yearly cap", 5, 5, true],
    ["service one over the yearly cap", 6, 5, true],
  ])("%s", (_l, points, counted, reached) => {
    const r = run(CPIM, [act("s1", "volunteer_service", "2023-02-01", { manualPoints: { points, reason: "test" } })]);
    const service = r.categories.find((c) => c.id === "service");
    expect({ counted: service?.counted, earned: service?.earned, capReached: service?.capReached, years: service?.years }).toEqual({
      counted,
      earned: points,
      capReached: reached,
      years: [{ year: 2023, earned: points, counted, cap: 5 }],
    });
    expect(contribution(r, "s1").trimmedBy).toBe(points > 5 ? "ascm-2018/cap/service/per_calendar_year" : undefined);
  });

  test("two service years in the same calendar year count 5; the later one is trimmed, whatever the input order", () => {
    const a = act("s-a", "volunteer_service", "2023-02-01");
    const b = act("s-b", "volunteer_service", "2023-09-01");
    for (const list of [
      [a, b],
      [b, a],
    ]) {
      const r = run(CPIM, list);
      expect([contribution(r, "s-a").counted, contribution(r, "s-b").counted, r.counted]).toEqual([5, 0, 5]);
    }
    const r = run(CPIM, [a, act("s-c", "volunteer_service", "2024-01-01")], "2024-06-01");
    expect(r.counted).toBe(10);
  });

  // ASCM conference: 8 a day, 3 days per conference at most.
  test.each<[string, number[], number, number]>([
    ["conference one day under the cap", [2], 16, 16],
    ["conference at the cap", [3], 24, 24],
    ["conference one day over the cap", [4], 32, 24],
    ["the same conference logged as two activities: 2 + 2 days", [2, 2], 32, 24],
    ["the same conference logged day by day", [1, 1, 1, 1], 32, 24],
  ])("%s", (_l, days, earned, counted) => {
    const list = days.map((d, i) => act(`c${i}`, "ascm_conference", `2023-05-0${i + 1}`, { quantity: d, details: { eventName: i % 2 ? " ascm  CONNECT" : "ASCM Connect" } }));
    const r = run(CPIM, list);
    expect([r.earned, r.counted]).toEqual([earned, counted]);
    if (earned > counted) expect(r.warnings.some((w) => w.code === "cap_reached" && w.ruleId === "ascm-2018/ascm_conference/per_event")).toBe(true);
  });

  test("the same conference name in another year is another conference", () => {
    const r = run(CPIM, [
      act("c1", "ascm_conference", "2022-05-01", { quantity: 3, details: { eventName: "Connect" } }),
      act("c2", "ascm_conference", "2023-05-01", { quantity: 3, details: { eventName: "Connect" } }),
    ]);
    expect(r.counted).toBe(48);
  });

  // Pre-2018 presentations/publications (PPED): at most 60% of the required total, 80% for Fellows.
  test.each<[string, string, number, number, number]>([
    ["CPIM PPED one under 60% of 75", "CPIM", 22, 44, 45],
    ["CPIM PPED at 60% of 75", "CPIM", 22.5, 45, 45],
    ["CPIM PPED one over 60% of 75", "CPIM", 23, 45, 45],
    ["CPIM-F PPED one under 80% of 100", "CPIM-F", 39.5, 79, 80],
    ["CPIM-F PPED at 80% of 100", "CPIM-F", 40, 80, 80],
    ["CPIM-F PPED one over 80% of 100", "CPIM-F", 40.5, 80, 80],
  ])("%s", (_l, code, teachingHours, counted, cap) => {
    const r = run(cert(code, "2013-06-15"), [act("t1", "teach", "2017-03-01", { quantity: teachingHours })], "2018-03-01");
    const pped = r.categories.find((c) => c.id === "legacy_pped");
    expect({ counted: pped?.counted, cap: pped?.cap, capKind: pped?.capKind, capReached: pped?.capReached }).toEqual({
      counted,
      cap,
      capKind: "share_of_required",
      capReached: counted >= cap,
    });
  });

  test("PMI Giving Back: 24 / 25 / 26 counts 24 / 25 / 25", () => {
    const pmp = cert("PMP", "2023-01-15", {}, "pmi");
    const out = [24, 25, 26].map((h) => countedByCategory(evaluate({ certification: pmp, activities: [act("v", "volunteer", "2024-01-10", { quantity: h }, "pmi")], asOf: "2025-06-01" })).giving_back);
    expect(out).toEqual([24, 25, 25]);
  });

  test("PMI Working as a practitioner: 7 / 8 / 9 counts 7 / 8 / 8 inside Giving Back", () => {
    const pmp = cert("PMP", "2023-01-15", {}, "pmi");
    const out = [7, 8, 9].map((h) => {
      const c = countedByCategory(evaluate({ certification: pmp, activities: [act("w", "work_as_practitioner", "2024-01-10", { quantity: h }, "pmi")], asOf: "2025-06-01" }));
      return [c.working_as_practitioner, c.giving_back];
    });
    expect(out).toEqual([
      [7, 7],
      [8, 8],
      [8, 8],
    ]);
  });

  test("PMI nested caps: practitioner 8 + volunteering 20 = 28 → Giving Back 25, the latest activity trimmed", () => {
    const pmp = cert("PMP", "2023-01-15", {}, "pmi");
    const r = evaluate({
      certification: pmp,
      activities: [act("v", "volunteer", "2023-06-01", { quantity: 20 }, "pmi"), act("w", "work_as_practitioner", "2024-06-01", { quantity: 10 }, "pmi")],
      asOf: "2025-06-01",
    });
    expect(countedByCategory(r)).toMatchObject({ giving_back: 25, working_as_practitioner: 5 });
    expect(contribution(r, "w")).toMatchObject({ points: 10, counted: 5, trimmedBy: "pmi-2015/cap/giving_back" });
    expect(contribution(r, "v").counted).toBe(20);
    const gb = r.categories.find((c) => c.id === "giving_back");
    expect({ earned: gb?.earned, counted: gb?.counted, trimmed: gb?.trimmed, child: gb?.children.map((c) => [c.id, c.earned, c.counted]) }).toEqual({
      earned: 30,
      counted: 25,
      trimmed: 5,
      child: [["working_as_practitioner", 10, 5]],
    });
  });

  test.each<[string, number, number]>([
    ["ISC2 Group B one under 30", 29, 29],
    ["ISC2 Group B at 30", 30, 30],
    ["ISC2 Group B one over 30", 31, 30],
  ])("%s", (_l, h, counted) => {
    const r = evaluate({
      certification: cert("CISSP", "2023-01-01", {}, "isc2"),
      activities: [act("b", "professional_development", "2023-05-01", { quantity: h }, "isc2")],
      asOf: "2024-06-01",
    });
    expect(countedByCategory(r).group_b).toBe(counted);
  });

  test("opening balances go through the cycle caps too", () => {
    const pmp = cert("PMP", "2023-01-15", { openingBalances: [{ categoryId: "giving_back", points: 20, attested: true }] }, "pmi");
    const r = evaluate({ certification: pmp, activities: [act("v", "volunteer", "2024-01-10", { quantity: 10 }, "pmi")], asOf: "2025-06-01" });
    expect([countedByCategory(r).giving_back, contribution(r, "v").counted, r.openingBalance]).toEqual([25, 5, 20]);
  });
});

describe("once-per rules", () => {
  test("two activities for the same membership year count once; another year counts", () => {
    const r = run(CPIM, [
      act("m1", "ascm_membership", "2022-03-01"),
      act("m2", "ascm_membership", "2022-11-01"),
      act("m3", "ascm_membership", "2023-03-01"),
      act("m4", "ascm_membership", "2023-12-01", { details: { membershipYear: 2024 } }),
    ]);
    expect(r.contributions.toArray().map((c) => [c.activityId, c.counted])).toEqual([
      ["m1", 6],
      ["m2", 0],
      ["m3", 6],
      ["m4", 6],
    ]);
    expect(contribution(r, "m2").trimmedBy).toBe("ascm-2018/ascm_membership/once_per");
  });

  test("the same teaching topic counts once a calendar year", () => {
    const r = run(CPIM, [
      act("t1", "teach", "2022-03-01", { quantity: 2, details: { topic: "S&OP basics" } }),
      act("t2", "teach", "2022-09-01", { quantity: 2, details: { topic: "s&op  BASICS" } }),
      act("t3", "teach", "2023-03-01", { quantity: 2, details: { topic: "S&OP basics" } }),
      act("t4", "teach", "2022-10-01", { quantity: 2 }),
    ]);
    expect(r.contributions.toArray().map((c) => c.counted)).toEqual([4, 0, 4, 4]);
    // The once-a-year rule comes from the pre-2018 page: inferred for the 2018 rules, so it is named.
    expect(r.unconfirmedRulesUsed).toEqual(["ascm-2018/cycle/due", "ascm-2018/teach/once_per"]);
  });
});

describe("the cycle window: the due date, the day after, the suspension", () => {
  test.each<[string, string, string, boolean, ReportStatus]>([
    ["an activity on the due date counts", "2026-06-30", "2026-07-15", true, "suspended"],
    ["the day after the due date counts (suspension, unconfirmed)", "2026-07-01", "2026-07-15", true, "suspended"],
    ["inside the suspension counts", "2026-08-01", "2026-08-15", true, "suspended"],
    ["after the suspension: outside every cycle", "2026-09-29", "2026-10-01", false, "expired"],
    ["the earned date itself counts", "2021-06-01", "2022-01-01", true, "on_track"],
    ["the day before the earned date does not", "2021-05-31", "2022-01-01", false, "behind"],
  ])("%s", (_l, date, asOf, counts, status) => {
    const r = run(CPIM, [hours("a", date, 10)], asOf);
    expect([r.counted, r.status]).toEqual([counts ? 10 : 0, status]);
    expect(r.outsideWindow).toEqual(counts ? [] : ["a"]);
    if (!counts) expect(r.warnings.find((w) => w.code === "outside_window")?.activityId).toBe("a");
  });

  test("a suspension activity warns and names the unconfirmed rule", () => {
    const r = run(CPIM, [hours("a", "2026-07-01", 10)], "2026-07-15");
    expect(warningCodes(r)).toContain("grace_period_activity");
    expect(r.unconfirmedRulesUsed).toContain("ascm-2018/cycle/grace_activities");
  });

  test("after an on-time renewal, the day after belongs to the next cycle", () => {
    const renewed = { ...CPIM, renewals: [{ dueDate: "2026-06-30", approvedDate: "2026-06-15" }] };
    const r = run(renewed, [hours("a", "2026-07-01", 10), hours("b", "2026-06-10", 3)], "2026-08-01");
    expect([r.cycle.index, r.cycle.dueDate, r.counted, r.outsideWindow]).toEqual([1, "2031-06-30", 10, ["b"]]);
    const past = evaluate({ certification: renewed, activities: [hours("a", "2026-07-01", 10), hours("b", "2026-06-10", 3)], asOf: "2026-08-01", cycle: cyclesOf(renewed, "2026-08-01")[0] });
    expect([past.cycle.index, past.counted, past.status, past.statusReason]).toEqual([0, 3, "complete", "Renewal approved on 15 Jun 2026; 3 of 75 points counted in this cycle."]);
  });

  test("an activity dated after asOf is planned, not counted", () => {
    const r = run(CPIM, [hours("f", "2024-02-01", 5)], AS_OF);
    expect([r.counted, r.future]).toEqual([0, ["f"]]);
    expect(warningCodes(r)).toContain("future_activity");
  });
});

describe("credit sharing: one activity, several designations", () => {
  const CSCP = cert("CSCP", "2022-03-15");
  const activities = [
    hours("both", "2023-01-10", 8),
    hours("cpim-only", "2021-12-01", 4),
    act("exam", "ascm_exam", "2022-03-15", { details: { credentialCode: "CSCP" } }),
    hours("excluded", "2023-02-01", 2, { excludedCertificationIds: ["cscp"] }),
  ];

  test("shared by CPIM and CSCP", () => {
    const cpim = run(CPIM, activities);
    const cscp = run(CSCP, activities);
    expect([cpim.counted, cscp.counted]).toEqual([8 + 4 + 20 + 2, 8]);
    expect(cpim.creditShared).toBe(true);
    expect(cscp.outsideWindow).toEqual(["cpim-only"]);
    expect(cscp.excluded).toEqual(["excluded"]);
    expect(contribution(cscp, "exam")).toMatchObject({ points: 0, counted: 0 });
    expect(contribution(cscp, "exam").explanation).toBe(
      "The CSCP exam earned this CSCP designation, so it does not count for CSCP (initial exams are not eligible); it counts for your other ASCM designations.",
    );
    expect(cscp.warnings.find((w) => w.code === "own_exam")?.activityId).toBe("exam");
    expect(contribution(cpim, "exam").counted).toBe(20);
  });

  test("evaluateAll: an activity outside every cycle of every designation is flagged once", () => {
    const { reports, warnings } = evaluateAll({
      certifications: [CPIM, CSCP],
      activities: [...activities, hours("old", "2019-01-01", 3), act("pmi-1", "volunteer", "2023-01-01", { quantity: 2 }, "pmi")],
      asOf: AS_OF,
    });
    expect(reports.map((r) => r.credentialCode)).toEqual(["CPIM", "CSCP"]);
    expect(warnings.map((w) => [w.code, w.activityId])).toEqual([
      ["outside_window", "old"],
      ["outside_window", undefined],
    ]);
    expect(warnings[1]?.message).toBe("1 activity is logged under PMI rules, but you hold no PMI designation: it counts for none.");
  });
});

describe("status, pace and projection (CPIM earned 2021-06-01, due 2026-06-30)", () => {
  test.each<[string, number, string, ReportStatus, string]>([
    ["complete", 75, "2024-01-01", "complete", "75 of 75 points counted: ready to submit before 30 Jun 2026."],
    [
      "on track: above the straight line",
      40,
      "2024-01-01",
      "on_track",
      "40 of 75 points; on pace for 30 Jun 2026 (a steady pace would have 38.19 by now).",
    ],
    [
      "behind: below the straight line",
      30,
      "2024-01-01",
      "behind",
      "30 points counted; a steady pace to 75 by 30 Jun 2026 would have 38.19 by now. You need 1.5 a month; you have averaged 0.97.",
    ],
    ["due soon: 76 days left", 70, "2026-04-15", "due_soon", "Due in 76 days (30 Jun 2026) with 5 points to go."],
    ["due soon on the due date", 70, "2026-06-30", "due_soon", "Due in 0 days (30 Jun 2026) with 5 points to go."],
    [
      "suspended",
      70,
      "2026-07-15",
      "suspended",
      "The due date 30 Jun 2026 has passed: CPIM is in its suspension until 28 Sep 2026. 5 points to go, then submit before 29 Sep 2026.",
    ],
    [
      "suspended with the points",
      75,
      "2026-07-15",
      "suspended",
      "The due date 30 Jun 2026 has passed: CPIM is in its suspension until 28 Sep 2026. You have the points: submit the maintenance application before 29 Sep 2026.",
    ],
    [
      "expired",
      75,
      "2026-10-01",
      "expired",
      "The due date was 30 Jun 2026 and the suspension ended on 28 Sep 2026 without an approved renewal: CPIM expired on 29 Sep 2026. ASCM reinstates it once the certification exam is passed again.",
    ],
    ["nobody is behind in the first month", 0, "2021-06-20", "on_track", "0 of 75 points; on pace for 30 Jun 2026 (a steady pace would have 0.81 by now)."],
  ])("%s", (_l, points, asOf, status, reason) => {
    const r = run(CPIM, points > 0 ? [act("p", "attend_training", "2021-06-01", { manualPoints: { points, reason: "fixture" } })] : [], asOf);
    expect([r.status, r.statusReason]).toEqual([status, reason]);
  });

  test("pace figures and the projected completion date", () => {
    const r = run(CPIM, [hours("a", "2022-01-01", 40)], "2024-01-01");
    expect({ remaining: r.remaining, daysLeft: r.daysLeft, pace: r.pace, projectedCompletion: r.projectedCompletion }).toEqual({
      remaining: 35,
      daysLeft: 911,
      pace: { neededPerMonth: 1.17, achievedPerMonth: 1.29, monthsLeft: 29.93, monthsElapsed: 31.05 },
      projectedCompletion: "2026-04-07",
    });
  });

  test("no projection without points, asOf when complete", () => {
    expect(run(CPIM, [], AS_OF).projectedCompletion).toBeNull();
    expect(run(CPIM, [act("p", "attend_training", "2022-01-01", { manualPoints: { points: 80, reason: "x" } })], AS_OF).projectedCompletion).toBe(AS_OF);
  });

  test("points above the requirement do not carry over (ASCM, unconfirmed)", () => {
    const r = run(CPIM, [hours("a", "2022-01-01", 80)], AS_OF);
    expect(r.carryOver).toBeUndefined();
    expect(r.warnings.find((w) => w.code === "no_carry_over")?.message).toBe("5 points above the 75 required do not carry over to the next cycle.");
    expect(r.unconfirmedRulesUsed).toEqual(["ascm-2018/carry_over", "ascm-2018/cycle/due"]);
  });

  test("sentences show large totals grouped and dates as people write them", () => {
    const many = Array.from({ length: 13 }, (_, i) => act(`m${i}`, "attend_training", "2022-01-01", { manualPoints: { points: 1000, reason: "fixture" } }));
    const r = run(CPIM, [...many, hours("x", "2022-02-01", 0.5)], "2026-05-10");
    expect(r.counted).toBe(13000.5);
    expect(r.statusReason).toBe("13,000.5 of 75 points counted: ready to submit before 30 Jun 2026.");
  });

  test("a submitted application is mentioned", () => {
    const c = { ...CPIM, renewals: [{ dueDate: "2026-06-30", submittedDate: "2026-05-01" }] };
    const r = run(c, [hours("a", "2022-01-01", 75)], "2026-05-10");
    expect(r.statusReason).toBe("75 of 75 points counted: ready to submit before 30 Jun 2026. Application submitted on 1 May 2026; awaiting approval.");
  });
});

describe("minimums", () => {
  const pmp = cert("PMP", "2023-01-15", {}, "pmi"); // due 2026-01-14
  const pmi = (id: string, typeId: string, q: number, categoryId?: string) =>
    act(id, typeId, "2024-02-01", { quantity: q, details: categoryId === undefined ? {} : { categoryId } }, "pmi");

  test("PMI: each talent area at least 8, Education at least 35", () => {
    const r = evaluate({
      certification: pmp,
      activities: [pmi("w", "course_training", 10, "ways_of_working"), pmi("p", "reading", 8, "power_skills"), pmi("b", "course_training", 7.75, "business_acumen")],
      asOf: "2025-06-01",
    });
    const edu = r.categories.find((c) => c.id === "education");
    expect(edu?.children.map((c) => [c.id, c.counted, c.min, c.remainingToMin])).toEqual([
      ["ways_of_working", 10, 8, 0],
      ["power_skills", 8, 8, 0],
      ["business_acumen", 7.75, 8, 0.25],
    ]);
    expect([edu?.counted, edu?.remainingToMin]).toEqual([25.75, 9.25]);
    expect(r.warnings.filter((w) => w.code === "below_minimum").map((w) => w.message)).toEqual([
      "Education: 25.75 of the 35 required; 9.25 more needed.",
      "Business Acumen: 7.75 of the 8 required; 0.25 more needed.",
    ]);
  });

  test("PMI: 60 PDUs are not complete while a talent area is short", () => {
    const r = evaluate({
      certification: pmp,
      activities: [pmi("w", "course_training", 27, "ways_of_working"), pmi("p", "course_training", 8, "power_skills"), pmi("v", "volunteer", 25)],
      asOf: "2025-06-01",
    });
    expect([r.counted, r.status, r.statusReason]).toEqual([60, "on_track", "60 of 60 PDUs; on pace for 14 Jan 2026 (a steady pace would have 47.57 by now). Still needed: 8 in Business Acumen."]);
  });

  test("PMI: complete with every minimum", () => {
    const r = evaluate({
      certification: pmp,
      activities: [pmi("w", "course_training", 15, "ways_of_working"), pmi("p", "course_training", 10, "power_skills"), pmi("b", "course_training", 10, "business_acumen"), pmi("v", "volunteer", 25)],
      asOf: "2025-06-01",
    });
    expect([r.counted, r.status, r.statusReason]).toEqual([60, "complete", "60 of 60 PDUs counted and every minimum met: ready to submit before 14 Jan 2026."]);
  });

  test.each<[string, number, number, ReportStatus]>([
    ["ISC2 Group A one under 90", 89, 31, "on_track"],
    ["ISC2 Group A at 90", 90, 30, "complete"],
  ])("%s", (_l, a, b, status) => {
    const r = evaluate({
      certification: cert("CISSP", "2023-01-01", {}, "isc2"),
      activities: [act("a", "training", "2023-06-01", { quantity: a, details: { categoryId: "group_a" } }, "isc2"), act("b", "professional_development", "2023-07-01", { quantity: b }, "isc2")],
      asOf: "2024-06-01",
    });
    expect([countedByCategory(r).group_a, countedByCategory(r).group_b, r.status]).toEqual([a, 30, status]);
  });
});

describe("carry-over", () => {
  const pmiAct = (id: string, typeId: string, date: string, q: number, categoryId?: string) =>
    act(id, typeId, date, { quantity: q, details: categoryId === undefined ? {} : { categoryId } }, "pmi");
  const pmp = cert("PMP", "2020-01-15", { renewals: [{ dueDate: "2023-01-14", approvedDate: "2023-01-10" }] }, "pmi");
  const cycle0 = [
    pmiAct("p1", "course_training", "2020-03-01", 12, "ways_of_working"),
    pmiAct("p2", "course_training", "2020-04-01", 12, "power_skills"),
    pmiAct("p3", "course_training", "2020-05-01", 11, "business_acumen"),
    pmiAct("p4", "volunteer", "2021-06-01", 25),
  ];

  test.each<[string, ActivityInput[], number | null]>([
    ["PMI: 10 over, earned in the last 12 months, carry 10", [pmiAct("p5", "reading", "2022-06-01", 10, "power_skills")], 10],
    ["PMI: 30 over in the last 12 months, at most 20 carry", [pmiAct("p5", "reading", "2022-06-01", 30, "power_skills")], 20],
    ["PMI: over, but earned before the last 12 months: nothing carries", [pmiAct("p5", "reading", "2021-12-01", 10, "power_skills")], null],
  ])("%s", (_l, extra, carried) => {
    const activities = [...cycle0, ...extra, pmiAct("p6", "course_training", "2023-03-01", 5, "ways_of_working")];
    const cycles = cyclesOf(pmp, "2023-06-01");
    const past = evaluate({ certification: pmp, activities, asOf: "2023-06-01", cycle: cycles[0] });
    expect(past.carryOver).toEqual(carried === null ? undefined : { points: carried, categoryId: "power_skills", byCategory: [{ categoryId: "power_skills", points: carried }] });
    const now = evaluate({ certification: pmp, activities, asOf: "2023-06-01" });
    expect([now.cycle.index, now.carriedIn, now.counted, countedByCategory(now).power_skills]).toEqual([1, carried ?? 0, 5 + (carried ?? 0), carried ?? 0]);
    if (carried !== null) expect(now.warnings.find((w) => w.code === "carry_over")?.message).toBe(`${carried} PDUs carried over from the cycle that ended before 2023-01-11.`);
  });

  const cissp = cert("CISSP", "2020-01-01", { renewals: [{ dueDate: "2022-12-31", approvedDate: "2022-12-20" }] }, "isc2");
  const isc = (id: string, date: string, q: number, group: "group_a" | "group_b") => act(id, "training", date, { quantity: q, details: { categoryId: group } }, "isc2");

  test.each<[string, ActivityInput[], number | null]>([
    ["ISC2: 30 Group A over, in the last 6 months: 30 roll over", [isc("x", "2022-09-01", 30, "group_a")], 30],
    ["ISC2: 50 over: at most 40 roll over", [isc("x", "2022-09-01", 50, "group_a")], 40],
    ["ISC2: Group B never rolls over", [isc("x", "2022-09-01", 30, "group_b")], null],
    ["ISC2: Group A before the last 6 months does not roll over", [isc("x", "2022-06-30", 30, "group_a")], null],
  ])("%s", (_l, extra, carried) => {
    const activities = [isc("a1", "2020-06-01", 50, "group_a"), isc("a2", "2021-06-01", 50, "group_a"), isc("b1", "2022-03-01", 20, "group_b"), ...extra];
    const now = evaluate({ certification: cissp, activities, asOf: "2023-06-01" });
    expect([now.cycle.index, now.carriedIn, countedByCategory(now).group_a]).toEqual([1, carried ?? 0, carried ?? 0]);
  });
});

describe("warnings and odd input", () => {
  test("missing evidence, manual points, invalid activity, other packs", () => {
    const r = run(CPIM, [
      hours("e", "2022-01-01", 2, { hasEvidence: false, title: "Lean workshop" }),
      hours("m", "2022-01-02", 2, { manualPoints: { points: 3, reason: "certificate" } }),
      act("bad", "book", "2022-01-03", { details: { pages: 150 } }),
      act("other", "course_training", "2022-01-04", { quantity: 2, details: { categoryId: "power_skills" } }, "pmi"),
    ]);
    expect(r.counted).toBe(5);
    expect(r.invalid).toEqual(["bad"]);
    expect(r.warnings.filter((w) => w.activityId !== undefined).map((w) => [w.code, w.activityId, w.message])).toEqual([
      ["manual_points", "m", "Activity m (attend_training): points set by hand (3) instead of the rule."],
      ["invalid_activity", "bad", "Activity bad (book) is not counted: A book counts only from 200 pages. You entered 150."],
      ["missing_evidence", "e", "“Lean workshop” has no evidence attached; an auditor may ask for it."],
    ]);
    expect(r.warnings.find((w) => w.code === "missing_evidence")?.activityIds).toEqual(["e"]);
    expect(r.contributions.toArray().map((c) => c.activityId)).toEqual(["e", "m"]);
  });

  test("activities without evidence: one warning per report, for those it counts, plain and special alike, in input order", () => {
    const none = { hasEvidence: false };
    const activities = [
      hours("late", "2022-03-01", 1, { ...none, title: "Late" }),
      act("exam", "ascm_exam", "2022-02-01", { ...none, title: "CPIM exam", details: { credentialCode: "CPIM" } }),
      hours("manual", "2022-01-05", 1, { ...none, title: "By hand", manualPoints: { points: 2, reason: "certificate" } }),
      hours("old", "2019-01-01", 1, { ...none, title: "Before the cycle" }),
      hours("future", "2025-01-01", 1, { ...none, title: "Not yet" }),
      hours("excluded", "2022-01-06", 1, { ...none, title: "Left out", excludedCertificationIds: ["cpim"] }),
      hours("ok", "2022-01-07", 1),
      hours("plain2", "2022-01-08", 1, { ...none, title: "  " }),
      hours("plain3", "2022-01-09", 1, { ...none, title: "Fourth" }),
    ];
    const r = run(CPIM, activities);
    const ev = r.warnings.filter((w) => w.code === "missing_evidence");
    expect(ev).toEqual([
      {
        code: "missing_evidence",
        activityIds: ["late", "exam", "manual", "plain2", "plain3"],
        message: "5 counted activities have no evidence attached (“Late”, “CPIM exam”, “By hand” and 2 more); an auditor may ask for proof of each.",
      },
    ]);
    // Two: both named, no "more".
    const two = run(CPIM, [hours("a", "2022-01-01", 1, { ...none, title: "A" }), hours("b", "2022-01-02", 1, { ...none })]);
    expect(two.warnings.filter((w) => w.code === "missing_evidence").map((w) => [w.activityId, w.activityIds, w.message])).toEqual([
      [undefined, ["a", "b"], "2 counted activities have no evidence attached (“A” and Activity b (attend_training)); an auditor may ask for proof of each."],
    ]);
    // Many: the list of them grows past its first size; the first three named, all ids in order.
    const many = Array.from({ length: 40 }, (_, x) => hours(`n${x}`, `2022-02-${String((x % 28) + 1).padStart(2, "0")}`, 1, { ...none, title: `Course ${x}` }));
    const w = run(CPIM, many).warnings.filter((x) => x.code === "missing_evidence");
    expect(w.map((x) => [x.activityIds?.length, x.activityIds?.[39], x.message])).toEqual([
      [40, "n39", "40 counted activities have no evidence attached (“Course 0”, “Course 1”, “Course 2” and 37 more); an auditor may ask for proof of each."],
    ]);
    expect(w[0]?.activityIds).toEqual(many.map((a) => a.id));
    // None counted without evidence: no warning at all.
    expect(warningCodes(run(CPIM, [hours("old", "2019-01-01", 1, none), hours("ok", "2022-01-07", 1)]))).not.toContain("missing_evidence");
    // evaluateAll gives each designation its own list: CSCP's window (earned 2023) holds only the 2024 activity.
    const cscp = cert("CSCP", "2023-06-01");
    const both = [hours("y22", "2022-01-01", 1, { ...none, title: "In 2022" }), hours("y23", "2023-08-01", 1, { ...none, title: "In 2023" })];
    const [forCpim, forCscp] = evaluateAll({ certifications: [CPIM, cscp], activities: both, asOf: AS_OF }).reports as [ProgressReport, ProgressReport];
    expect(forCpim.warnings.find((w) => w.code === "missing_evidence")?.activityIds).toEqual(["y22", "y23"]);
    expect(forCscp.warnings.find((w) => w.code === "missing_evidence")).toEqual({
      code: "missing_evidence",
      activityId: "y23",
      activityIds: ["y23"],
      message: "“In 2023” has no evidence attached; an auditor may ask for it.",
    });
  });

  test("an unconfirmed rule used is named in the report", () => {
    const r = run(CPIM, [act("p", "pm_project", "2022-05-01", { quantity: 100 }), act("p2", "pm_project", "2022-06-01", { quantity: 50 })]);
    expect(r.unconfirmedRulesUsed).toEqual(["ascm-2018/cycle/due", "ascm-2018/pm_project/tiers"]);
    const w = r.warnings.find((x) => x.ruleId === "ascm-2018/pm_project/tiers");
    expect(w?.message).toMatch(/^Not confirmed by the issuer: .*tier thresholds 40 hours, 80 hours, 120 hours are unconfirmed.*\(used 2 times\)\.$/);
  });

  test("invalid activity dates and unknown types are reported, not thrown", () => {
    const r = run(CPIM, [act("d", "attend_training", "2022-02-30", { quantity: 1 }), act("t", "juggling", "2022-02-01", { quantity: 1 }), act("b", "book", "2017-06-01", { details: { pages: 300 } })]);
    expect(r.invalid).toEqual(["d", "t"]);
    expect(r.outsideWindow).toEqual(["b"]);
    expect(r.warnings.filter((w) => w.code === "invalid_activity").map((w) => w.message)).toEqual([
      "Activity d (attend_training) is not counted: The start date must be a real date written YYYY-MM-DD.",
      'Activity t (juggling) is not counted: "juggling" is not an activity type of ASCM.',
    ]);
  });

  test("type ids that are not pack types, or not strings, are invalid activities, never a throw", () => {
    const odd: unknown[] = ["__proto__", "constructor", "toString", "hasOwnProperty", 7, null, Object.create(null), ["book"]];
    const activities = odd.map((typeId, i) => ({ ...act(`o${i}`, "x", "2022-02-01", { quantity: 1, endDate: "2022-02-02" }), typeId }) as ActivityInput);
    const r = run(CPIM, [...activities, hours("ok", "2022-02-01", 2)]);
    expect(r.invalid).toEqual(odd.map((_, i) => `o${i}`));
    expect(r.counted).toBe(2);
    expect(r.warnings.filter((w) => w.code === "invalid_activity")).toHaveLength(odd.length);
  });

  test("a cycle across the 2018 change shows both versions' categories", () => {
    const r = run(cert("CPIM", "2015-06-10"), [act("t1", "teach", "2017-03-01", { quantity: 2 }), act("t2", "teach", "2019-03-01", { quantity: 2 })], "2019-06-01");
    expect(r.categories.map((c) => [c.id, c.versionId, c.counted])).toEqual([
      ["education", "ascm-2018", 4],
      ["service", "ascm-2018", 0],
      ["legacy_continuing_education", "ascm-legacy", 0],
      ["legacy_pped", "ascm-legacy", 4],
      ["legacy_service", "ascm-legacy", 0],
      ["legacy_membership", "ascm-legacy", 0],
    ]);
    expect(r.counted).toBe(8);
  });

  test("opening balances: attested, unattested, unknown category, another cycle", () => {
    const c = {
      ...CPIM,
      openingBalances: [
        { categoryId: "education", points: 30, attested: true },
        { categoryId: "service", points: 4, attested: false },
        { categoryId: "hobbies", points: 9, attested: true },
        { categoryId: "education", points: 50, attested: true, cycleDueDate: "2021-06-30" },
        { categoryId: "education", points: -3, attested: true },
      ],
    };
    const r = run(c, []);
    expect([r.openingBalance, r.counted, countedByCategory(r).service]).toEqual([34, 34, 4]);
    expect(r.warnings.filter((w) => w.code === "opening_balance").map((w) => w.message)).toEqual([
      "The opening balance of 4 points in Service is not marked as attested; confirm you can document it.",
      'Opening balance 3 names an unknown category "hobbies"; it is not counted.',
      "Opening balance 5 must be a number of points from 0 to 1000; it is not counted.",
    ]);
  });

  test("ISC2 annual target: a warning, not a cap", () => {
    const r = evaluate({
      certification: cert("CISSP", "2022-01-01", {}, "isc2"),
      activities: [act("a", "training", "2022-06-01", { quantity: 30, details: { categoryId: "group_a" } }, "isc2")],
      asOf: "2023-06-01",
    });
    expect(r.counted).toBe(30);
    expect(r.warnings.find((w) => w.code === "annual_target")?.message).toBe("Year 1 of the cycle (2022-01-01 to 2022-12-31): 30 of the 40 CPE credits recommended a year.");
    expect(r.unconfirmedRulesUsed).toEqual(["isc2-2015/annual_target", "isc2-2015/cycle/due", "isc2-2015/increment/hour"]);
  });

  test.each<[string, unknown, string]>([
    ["an endorsement", { certification: cert("SCOR-P", "2020-01-01"), activities: [], asOf: AS_OF }, "credentialCode"],
    ["no certification", { activities: [], asOf: AS_OF }, "certification"],
    ["a bad asOf", { certification: CPIM, activities: [], asOf: "01/01/2024" }, "asOf"],
    ["activities not a list", { certification: CPIM, activities: "none", asOf: AS_OF }, "activities"],
  ])("%s gives errors, not a throw", (_l, input, field) => {
    const r = evaluate(input as Parameters<typeof evaluate>[0]);
    expect(r.errors.map((e) => e.field)).toEqual([field]);
    expect([r.counted, r.required, r.contributions]).toEqual([0, 0, []]);
    expect(r.statusReason).toMatch(/^Cannot evaluate this certification: /);
  });

  test("a null in the activity list is skipped", () => {
    expect(run(CPIM, [null as unknown as ActivityInput, hours("a", "2022-01-01", 2)]).counted).toBe(2);
  });
});
