import { describe, expect, test } from "vitest";
import { scoreActivity, type ActivityInput } from "@/lib/rules";
import { act, okScore } from "./helpers";

const D = "2024-03-01"; // a date under the 2018 ASCM rules

describe("every ASCM activity type (2018 rules), scored alone", () => {
  test.each<[string, string, Partial<ActivityInput>, number, number, string]>([
    // label, typeId, input, points, rawPoints, explanation
    ["attendance 3 h", "attend_training", { quantity: 3 }, 3, 3, "3 hours × 1 point per hour = 3 points"],
    ["attendance half an hour", "attend_training", { quantity: 0.5 }, 0.5, 0.5, "0.5 hours × 1 point per hour = 0.5 points"],
    ["webinar 1.5 h", "online_event", { quantity: 1.5 }, 1.5, 1.5, "1.5 hours × 1 point per hour = 1.5 points"],
    ["teaching 1.5 h", "teach", { quantity: 1.5, details: { topic: "MRP" } }, 3, 3, "1.5 hours × 2 points per hour = 3 points"],
    ["teaching half an hour = 1", "teach", { quantity: 0.5 }, 1, 1, "0.5 hours × 2 points per hour = 1 point"],
    ["ASCM conference 2 days", "ascm_conference", { quantity: 2, details: { eventName: "Connect" } }, 16, 16, "2 days × 8 points per day = 16 points"],
    ["ASCM conference 3 days (the cap)", "ascm_conference", { quantity: 3, details: { eventName: "Connect" } }, 24, 24, "3 days × 8 points per day = 24 points"],
    [
      "ASCM conference 4 days (over the cap)",
      "ascm_conference",
      { quantity: 4, details: { eventName: "Connect" } },
      24,
      32,
      "4 days × 8 points per day = 32 points; 3 days per conference at most: 24 points",
    ],
    ["college course 3 credit hours × 15 weeks", "college_course", { details: { creditHours: 3, weeks: 15 } }, 45, 45, "3 credit hours × 15 weeks = 45 points (credit hours × weeks)"],
    ["certification exam", "ascm_exam", { details: { credentialCode: "CSCP" } }, 20, 20, "20 points per exam"],
    ["legacy CPIM module exam", "cpim_module_exam", { details: { module: "MPR" } }, 10, 10, "10 points per exam"],
    ["learning system at 80%", "learning_system", { details: { system: "CSCP", score: 80 } }, 30, 30, "30 points per learning system"],
    ["endorsement exam", "endorsement_exam", { details: { endorsement: "SCOR-P" } }, 10, 10, "10 points per exam"],
    ["ASCM membership year", "ascm_membership", {}, 6, 6, "6 points per membership year"],
    ["related membership year", "related_membership", { details: { organization: "ISM" } }, 1, 1, "1 point per membership year"],
    ["book of 200 pages", "book", { details: { pages: 200 } }, 5, 5, "5 points per book"],
    ["10 articles", "article_read", { quantity: 10 }, 5, 5, "10 articles × 0.5 points per article = 5 points"],
    ["one article", "article_read", { quantity: 1 }, 0.5, 0.5, "1 article × 0.5 points per article = 0.5 points"],
    ["project 40 h: small tier", "pm_project", { quantity: 40 }, 2, 2, "40 hours: small project (40 hours or more) = 2 points"],
    ["project 79.5 h: still small", "pm_project", { quantity: 79.5 }, 2, 2, "79.5 hours: small project (40 hours or more) = 2 points"],
    ["project 80 h: medium tier", "pm_project", { quantity: 80 }, 5, 5, "80 hours: medium project (80 hours or more) = 5 points"],
    ["project 120 h: large tier", "pm_project", { quantity: 120 }, 10, 10, "120 hours: large project (120 hours or more) = 10 points"],
    ["mentor of 2", "mentor", { quantity: 2 }, 4, 4, "2 mentees × 2 points per mentee = 4 points"],
    ["published article", "publication", {}, 2, 2, "2 points per item"],
    ["original research", "research_publication", {}, 5, 5, "5 points per item"],
    ["cited as a certification reference", "cited_reference", {}, 10, 10, "10 points per item"],
    ["volunteer service year", "volunteer_service", { details: { role: "Chapter VP" } }, 5, 5, "5 points per year of service"],
    ["exam simulator at 75%", "exam_simulator", { details: { score: 75 } }, 5, 5, "5 points per exam"],
  ])("%s", (_label, typeId, input, points, rawPoints, explanation) => {
    const s = okScore(scoreActivity(act("x", typeId, D, input)));
    expect({ points: s.points, rawPoints: s.rawPoints, explanation: s.explanation, ruleVersion: s.ruleVersion }).toEqual({
      points,
      rawPoints,
      explanation,
      ruleVersion: "ascm-2018",
    });
    expect(s.ruleId).toBe(`ascm-2018/${typeId}`);
    expect(s.source.url).toMatch(/^https?:\/\//);
  });

  test("the category is Education except volunteer service", () => {
    expect(okScore(scoreActivity(act("x", "book", D, { details: { pages: 300 } }))).categoryId).toBe("education");
    expect(okScore(scoreActivity(act("x", "volunteer_service", D))).categoryId).toBe("service");
  });

  test("an unconfirmed number used puts a warning in the score", () => {
    const s = okScore(scoreActivity(act("x", "pm_project", D, { quantity: 100 })));
    expect(s.unconfirmedRules).toEqual(["ascm-2018/pm_project/tiers"]);
    expect(s.warnings[0]).toContain("tier thresholds 40 hours, 80 hours, 120 hours are unconfirmed");
    const confirmed = okScore(scoreActivity(act("y", "attend_training", D, { quantity: 2 })));
    expect(confirmed.unconfirmedRules).toEqual([]);
    expect(confirmed.warnings).toEqual([]);
  });

  test("an exam says it does not count for the designation it earned", () => {
    const s = okScore(scoreActivity(act("x", "ascm_exam", D, { details: { credentialCode: "CLTD" } })));
    expect(s.warnings).toContain("This exam does not count for the CLTD designation it earned; it counts for your other ASCM designations.");
  });

  test("manual points replace the rule and are flagged", () => {
    const s = okScore(scoreActivity(act("x", "attend_training", D, { manualPoints: { points: 4, reason: "certificate says 4 PDUs" } })));
    expect(s.points).toBe(4);
    expect(s.explanation).toBe("Manual points: 4 points (certificate says 4 PDUs)");
    expect(s.warnings).toEqual(["Points set by hand (4) instead of the rule; an auditor may ask why."]);
  });

  test("membership and service are dated by their start, other activities by their end", () => {
    expect(okScore(scoreActivity(act("x", "attend_training", "2024-12-30", { quantity: 16, endDate: "2025-01-02" }))).date).toBe("2025-01-02");
    expect(okScore(scoreActivity(act("x", "ascm_membership", "2024-12-30", { endDate: "2025-12-29" }))).date).toBe("2024-12-30");
  });
});

describe("both sides of the 2018-01-04 rule change", () => {
  test.each<[string, string, string, Partial<ActivityInput>, string, string]>([
    ["teaching the day before: PPED", "teach", "2018-01-03", { quantity: 1 }, "ascm-legacy", "legacy_pped"],
    ["teaching on the day: Education", "teach", "2018-01-04", { quantity: 1 }, "ascm-2018", "education"],
    ["membership the day before: Professional membership", "ascm_membership", "2018-01-03", {}, "ascm-legacy", "legacy_membership"],
    ["membership on the day: Education", "ascm_membership", "2018-01-04", {}, "ascm-2018", "education"],
    ["service the day before", "volunteer_service", "2018-01-03", {}, "ascm-legacy", "legacy_service"],
    ["attendance the day before: Continuing education", "attend_training", "2018-01-03", { quantity: 2 }, "ascm-legacy", "legacy_continuing_education"],
  ])("%s", (_l, typeId, date, input, version, category) => {
    const s = okScore(scoreActivity(act("x", typeId, date, input)));
    expect([s.ruleVersion, s.categoryId]).toEqual([version, category]);
  });

  test.each([
    ["book", { details: { pages: 300 } }, "Relevant book read"],
    ["article_read", { quantity: 2 }, "Relevant article read"],
    ["pm_project", { quantity: 100 }, "Project-management work"],
    ["mentor", { quantity: 1 }, "ASCM Mentorship Program (mentor)"],
  ] as [string, Partial<ActivityInput>, string][])("%s: not eligible before 2018-01-04, eligible on it", (typeId, input, label) => {
    expect(scoreActivity(act("x", typeId, "2018-01-03", input))).toEqual({
      ok: false,
      errors: [{ field: "startDate", message: `${label} counts only from 2018-01-04 (ASCM rules from 4 January 2018); this activity is dated 2018-01-03.` }],
    });
    expect(scoreActivity(act("x", typeId, "2018-01-04", input)).ok).toBe(true);
  });

  test("a multi-day course is placed by its end date", () => {
    const s = okScore(scoreActivity(act("x", "teach", "2018-01-02", { quantity: 2, endDate: "2018-01-05" })));
    expect([s.ruleVersion, s.categoryId, s.points]).toEqual(["ascm-2018", "education", 4]);
  });
});

describe("bad input gives a specific error, never a silent 0 or a throw", () => {
  test.each<[string, Partial<ActivityInput> & { typeId: string }, { field: string; message: string }[]]>([
    ["zero hours", { typeId: "attend_training", quantity: 0 }, [{ field: "quantity", message: "Hours must be more than 0; you entered 0." }]],
    ["negative hours", { typeId: "attend_training", quantity: -2 }, [{ field: "quantity", message: "Hours must be more than 0; you entered -2." }]],
    ["hours not in half-hour steps", { typeId: "attend_training", quantity: 1.25 }, [{ field: "quantity", message: "Hours go in steps of 0.5; you entered 1.25." }]],
    ["hours missing", { typeId: "online_event" }, [{ field: "quantity", message: "Enter the hours." }]],
    ["hours not a number", { typeId: "online_event", quantity: Number.NaN }, [{ field: "quantity", message: "Hours must be a number." }]],
    ["absurd hours", { typeId: "attend_training", quantity: 501 }, [{ field: "quantity", message: "Hours can be at most 500 for one activity; you entered 501." }]],
    ["150-page book", { typeId: "book", details: { pages: 150 } }, [{ field: "pages", message: "A book counts only from 200 pages. You entered 150." }]],
    ["book without pages", { typeId: "book" }, [{ field: "pages", message: "Pages is required." }]],
    ["pages as text", { typeId: "book", details: { pages: "300" } }, [{ field: "pages", message: "Pages must be a number." }]],
    ["0-day conference", { typeId: "ascm_conference", quantity: 0, details: { eventName: "Connect" } }, [{ field: "quantity", message: "Days attended must be more than 0; you entered 0." }]],
    ["conference without its name", { typeId: "ascm_conference", quantity: 2 }, [{ field: "eventName", message: "Conference name is required." }]],
    ["conference name blank", { typeId: "ascm_conference", quantity: 2, details: { eventName: "  " } }, [{ field: "eventName", message: "Conference name is required." }]],
    ["half a conference day", { typeId: "ascm_conference", quantity: 1.5, details: { eventName: "C" } }, [{ field: "quantity", message: "Days attended must be a whole number; you entered 1.5." }]],
    [
      "more days than the dates span",
      { typeId: "ascm_conference", quantity: 3, endDate: "2024-03-02", details: { eventName: "C" } },
      [{ field: "quantity", message: "You logged 3 days but the dates span 2 days." }],
    ],
    ["unknown type", { typeId: "knitting", quantity: 1 }, [{ field: "typeId", message: '"knitting" is not an activity type of ASCM.' }]],
    ["college course without weeks", { typeId: "college_course", details: { creditHours: 3 } }, [{ field: "weeks", message: "Weeks is required." }]],
    ["college course of 0 credit hours", { typeId: "college_course", details: { creditHours: 0, weeks: 10 } }, [{ field: "creditHours", message: "Credit hours must be at least 0.5." }]],
    ["college weeks not whole", { typeId: "college_course", details: { creditHours: 3, weeks: 2.5 } }, [{ field: "weeks", message: "Weeks must be a whole number." }]],
    ["credit hours off-step", { typeId: "college_course", details: { creditHours: 1.2, weeks: 2 } }, [{ field: "creditHours", message: "Credit hours goes in steps of 0.5." }]],
    ["exam without credential", { typeId: "ascm_exam" }, [{ field: "credentialCode", message: "Exam is required." }]],
    ["exam of an unknown credential", { typeId: "ascm_exam", details: { credentialCode: "MBA" } }, [{ field: "credentialCode", message: "Exam must be one of CPIM, CSCP, CLTD, CTSC." }]],
    [
      "two exams in one activity",
      { typeId: "ascm_exam", quantity: 2, details: { credentialCode: "CPIM" } },
      [{ field: "quantity", message: "Log one exam per activity (the quantity is 1); you entered 2." }],
    ],
    [
      "learning system at 75%",
      { typeId: "learning_system", details: { system: "CPIM", score: 75 } },
      [{ field: "score", message: "A learning system counts only with a post-assessment score of 80% or more. You entered 75." }],
    ],
    ["score over 100", { typeId: "learning_system", details: { system: "CPIM", score: 101 } }, [{ field: "score", message: "Post-assessment score (%) can be at most 100." }]],
    ["project under 40 h", { typeId: "pm_project", quantity: 30 }, [{ field: "quantity", message: "Project-management work counts from 40 hours; you entered 30 hours." }]],
    ["mentees not whole", { typeId: "mentor", quantity: 1.5 }, [{ field: "quantity", message: "Mentees must be a whole number; you entered 1.5." }]],
    ["related membership without organisation", { typeId: "related_membership" }, [{ field: "organization", message: "Organisation is required." }]],
    ["membership year as text", { typeId: "ascm_membership", details: { membershipYear: "2024" } }, [{ field: "membershipYear", message: "Membership year must be a number." }]],
    ["impossible date", { typeId: "attend_training", quantity: 1, startDate: "2024-02-30" }, [{ field: "startDate", message: "The start date must be a real date written YYYY-MM-DD." }]],
    ["end before start", { typeId: "attend_training", quantity: 1, endDate: "2024-02-28" }, [{ field: "endDate", message: "The end date is before the start date." }]],
    ["end date not a date", { typeId: "attend_training", quantity: 1, endDate: "soon" }, [{ field: "endDate", message: "The end date must be a real date written YYYY-MM-DD." }]],
    ["details not an object", { typeId: "book", details: [200] as unknown as Record<string, unknown> }, [{ field: "details", message: "Details must be an object of named values." }]],
    ["manual points negative", { typeId: "attend_training", manualPoints: { points: -1, reason: "x" } }, [{ field: "manualPoints", message: "Manual points must be a number from 0 to 1000." }]],
    ["manual points without reason", { typeId: "attend_training", manualPoints: { points: 3, reason: " " } }, [{ field: "manualPoints", message: "Say why the points are set by hand (a reason is required)." }]],
    ["a text detail that is not text", { typeId: "teach", quantity: 1, details: { topic: 42 } }, [{ field: "topic", message: "Topic must be text." }]],
    ["a text detail too long", { typeId: "teach", quantity: 1, details: { topic: "x".repeat(301) } }, [{ field: "topic", message: "Topic can be at most 300 characters." }]],
    ["exam simulator under 75%", { typeId: "exam_simulator", details: { score: 70 } }, [{ field: "score", message: "The Exam Simulator counts only with a final exam score of 75% or more. You entered 70." }]],
  ])("%s", (_label, input, errors) => {
    expect(scoreActivity({ id: "bad", packId: "ascm", startDate: D, ...input })).toEqual({ ok: false, errors });
  });

  test("several problems are reported together", () => {
    const r = scoreActivity({ id: "", packId: "ascm", typeId: "zzz", startDate: "2024-13-01" });
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: "id", message: "The activity has no id." },
        { field: "startDate", message: "The start date must be a real date written YYYY-MM-DD." },
        { field: "typeId", message: '"zzz" is not an activity type of ASCM.' },
      ],
    });
  });

  test("an unknown pack and a missing activity", () => {
    expect(scoreActivity({ id: "x", packId: "shrm", typeId: "book", startDate: D })).toEqual({
      ok: false,
      errors: [{ field: "packId", message: 'Unknown issuer rules "shrm". Known: ascm, pmi, isc2.' }],
    });
    expect(scoreActivity(null as unknown as ActivityInput)).toEqual({ ok: false, errors: [{ field: "activity", message: "An activity is required." }] });
  });

  test("an activity before any recorded rules", () => {
    expect(scoreActivity(act("x", "course_training", "2015-11-30", { quantity: 2, details: { categoryId: "power_skills" } }, "pmi"))).toEqual({
      ok: false,
      errors: [{ field: "startDate", message: "Course or training counts only from 2015-12-01 (PMI CCR with the Talent Triangle (from 1 December 2015)); this activity is dated 2015-11-30." }],
    });
  });

  test("manual points need no quantity but keep the category", () => {
    const s = okScore(scoreActivity(act("x", "ascm_conference", D, { manualPoints: { points: 12, reason: "half days" } })));
    expect([s.points, s.categoryId]).toEqual([12, "education"]);
  });
});

describe("PMI and ISC2 scoring", () => {
  test.each<[string, string, string, Partial<ActivityInput>, number, string]>([
    ["PMI course in Power Skills", "pmi", "course_training", { quantity: 7.75, details: { categoryId: "power_skills" } }, 7.75, "power_skills"],
    ["PMI practitioner work", "pmi", "work_as_practitioner", { quantity: 8 }, 8, "working_as_practitioner"],
    ["PMI volunteering", "pmi", "volunteer", { quantity: 2.25 }, 2.25, "giving_back"],
    ["ISC2 training in Group A", "isc2", "training", { quantity: 4, details: { categoryId: "group_a" } }, 4, "group_a"],
    ["ISC2 professional development (Group B)", "isc2", "professional_development", { quantity: 1.5 }, 1.5, "group_b"],
  ])("%s", (_l, pack, typeId, input, points, category) => {
    const s = okScore(scoreActivity(act("x", typeId, D, input, pack)));
    expect([s.points, s.categoryId]).toEqual([points, category]);
  });

  test("PMI PDUs are called PDUs", () => {
    expect(okScore(scoreActivity(act("x", "reading", D, { quantity: 1, details: { categoryId: "business_acumen" } }, "pmi"))).explanation).toBe(
      "1 hour × 1 PDU per hour = 1 PDU",
    );
  });

  test.each<[string, string, string, Partial<ActivityInput>, { field: string; message: string }[]]>([
    [
      "PMI education without a talent area",
      "pmi",
      "course_training",
      { quantity: 2 },
      [
        {
          field: "categoryId",
          message: "Pick the talent area for Course or training: Ways of Working (ways_of_working), Power Skills (power_skills), Business Acumen (business_acumen).",
        },
      ],
    ],
    ["PMI quarter-hour steps", "pmi", "reading", { quantity: 0.3, details: { categoryId: "power_skills" } }, [{ field: "quantity", message: "Hours go in steps of 0.25; you entered 0.3." }]],
    [
      "ISC2 unknown group",
      "isc2",
      "training",
      { quantity: 1, details: { categoryId: "group_c" } },
      [{ field: "categoryId", message: '"group_c" is not a CPE group for Training, course or seminar. Pick one of: Group A (domain-related) (group_a), Group B (professional development) (group_b).' }],
    ],
  ])("%s", (_l, pack, typeId, input, errors) => {
    expect(scoreActivity(act("x", typeId, D, input, pack))).toEqual({ ok: false, errors });
  });
});
