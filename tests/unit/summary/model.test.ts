import { describe, expect, it } from "vitest";
import { type CertificationInput, cyclesOf, evaluate, getPack } from "@/lib/rules";
import { buildSummary, formatAmount } from "@/lib/summary/model";
import { feeSentence, formTotalsRows } from "@/lib/summary/text";
import { AS_OF, ascmCert, ascmRows, summaryFrom, toInput } from "./fixture";

describe("buildSummary on an ASCM holder (figures from lib/rules)", () => {
  const rows = ascmRows();
  const cert = ascmCert();
  const report = evaluate({ certification: cert, activities: rows.map(toInput), asOf: AS_OF });
  const s = summaryFrom(rows);

  it("copies every total from the ProgressReport: per category and overall", () => {
    expect(s.counted).toBe(report.counted);
    expect(s.required).toBe(75);
    expect(s.remaining).toBe(report.remaining);
    const roots = report.categories.filter((c) => c.parentId === null);
    expect(s.categories.map((c) => [c.id, c.counted, c.earned])).toEqual(roots.map((c) => [c.id, c.counted, c.earned]));
    expect(s.categories.map((c) => c.label)).toEqual(["Education", "Service"]);
    const rowsOnForm = formTotalsRows(s);
    expect(rowsOnForm.at(-1)).toEqual({ kind: "total", label: "Total", value: `${report.counted} of 75` });
  });

  it("lists every contribution once, numbered 1..n in category then date order", () => {
    const lines = s.categories.flatMap((c) => c.lines);
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(lines.map((l) => l.activityId))).toEqual(new Set(report.contributions.toArray().map((c) => c.activityId)));
    expect(lines).toHaveLength(report.contributions.length);
    for (const l of lines) {
      const c = report.contributions.toArray().find((x) => x.activityId === l.activityId);
      expect([l.points, l.counted, l.ruleId, l.explanation]).toEqual([c?.points, c?.counted, c?.ruleId, c?.explanation]);
    }
    const edu = s.categories[0]!.lines.map((l) => l.date);
    expect([...edu].sort()).toEqual(edu);
  });

  it("says which limit trimmed a line and shows amounts in the type's unit", () => {
    const trimmed = s.categories.flatMap((c) => c.lines).filter((l) => l.counted < l.points);
    expect(trimmed).toHaveLength(1);
    expect(trimmed[0]).toMatchObject({ title: "Chapter events committee", points: 5, counted: 0, trimmedBy: "Service: at most 5 a calendar year" });
    const byTitle = new Map(s.categories.flatMap((c) => c.lines).map((l) => [l.title, l]));
    expect(byTitle.get("S&OP webinar")?.amount).toBe("2 hours");
    expect(byTitle.get("ASCM Connect 2022")?.amount).toBe("3 days");
    expect(byTitle.get("The Goal")?.amount).toBe("1 book");
    expect(byTitle.get("ASCM Connect 2022")?.endDate).toBe("2022-10-05");
  });

  it("warns: points short, activities without evidence (by line), unconfirmed rules, points trimmed by a cap", () => {
    const codes = s.warnings.map((w) => w.code);
    expect(codes).toEqual(["points_short", "missing_evidence", "unconfirmed_rule", "cap_trimmed"]);
    expect(s.warnings[0]!.title).toBe(`${report.remaining} points short of the 75 required`);
    const noEvidence = s.categories.flatMap((c) => c.lines).filter((l) => l.evidence.length === 0).map((l) => l.lineNo);
    expect(s.warnings[1]!.details[0]).toContain(`Lines ${noEvidence.join(", ")}.`);
    expect(s.linesWithoutEvidence).toBe(2);
    expect(s.warnings[2]!.details.join(" ")).toMatch(/Volunteer service/);
    expect(s.warnings[3]!.details.join(" ")).toContain("Line 8: 5 earned, 0 counted");
  });

  it("holder, issuer id, designation, cycle dates", () => {
    expect(s.holder).toEqual({ name: "Dana Holder", issuerId: "1234567", issuerIdLabel: "ASCM customer ID" });
    expect(s.credentialName).toBe("Certified in Planning and Inventory Management");
    expect([s.cycle.start, s.cycle.dueDate]).toEqual(["2021-03-15", "2026-03-31"]);
    expect(s.isCurrentCycle).toBe(true);
  });

  it.each([
    ["member", true, "$75"],
    ["non-member", false, "$150"],
  ])("the fee to expect for a %s, marked as last confirmed in 2021", (_l, isMember, expected) => {
    const sentence = feeSentence(summaryFrom(rows, { isMember }));
    expect(sentence).toContain(`so expect ${expected}`);
    expect(sentence).toContain("$75 for ASCM members, $150 for non-members");
    expect(sentence).toContain("Last confirmed: February 2021");
  });

  it("a certification id of its own wins over the profile's issuer id", () => {
    const withId = summaryFrom(rows, { cert: { ...cert, holderId: "C-99" } });
    expect(withId.holder.issuerId).toBe("C-99");
  });
});

describe("cycles: submitted, approved, and the past cycle unchanged", () => {
  const rows = ascmRows();
  const before = summaryFrom(rows);

  it("an approved renewal starts the next cycle five years after the current due date, and the past summary stays the same", () => {
    const renewed = { ...ascmCert(), renewals: [{ dueDate: "2026-03-31", submittedDate: "2025-05-20", approvedDate: "2025-05-22" }] };
    const cycles = cyclesOf(renewed, AS_OF);
    expect(cycles.map((c) => [c.index, c.dueDate, c.closed])).toEqual([
      [0, "2026-03-31", true],
      [1, "2031-03-31", false],
    ]);
    // The engine decides where the next cycle starts (the day after an early approval, or after the due date).
    expect(["2025-05-23", "2026-04-01"]).toContain(cycles[1]!.start);
    const past = summaryFrom(rows, { cert: renewed, cycleIndex: 0 });
    expect(past.isCurrentCycle).toBe(false);
    expect(past.cycle.approvedDate).toBe("2025-05-22");
    const strip = (x: typeof past) => ({ categories: x.categories, counted: x.counted, earned: x.earned, lines: x.lineCount });
    expect(strip(past)).toEqual(strip(before));
    expect(past.renewal).toEqual({ submittedDate: "2025-05-20", approvedDate: "2025-05-22", pointsClaimed: null });
    const next = summaryFrom(rows, { cert: renewed });
    expect(next.isCurrentCycle).toBe(true);
    expect(next.cycle.index).toBe(1);
    expect(next.lineCount).toBe(0);
    expect(next.cycles.map((c) => [c.index, c.current])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it("lists the opening balance lines of this cycle only", () => {
    const withBalance = {
      ...ascmCert(),
      openingBalances: [
        { categoryId: "education", points: 10, attested: true, cycleDueDate: "2026-03-31" },
        { categoryId: "service", points: 3, attested: true, cycleDueDate: "2021-03-31" },
      ],
    };
    const s = summaryFrom(rows, { cert: withBalance });
    expect(s.openingBalances).toEqual([{ categoryId: "education", categoryLabel: "Education", points: 10, attested: true, note: null }]);
    expect(s.openingBalance).toBe(10);
    expect(s.categories[0]!.counted).toBe(before.categories[0]!.counted + 10);
  });
});

describe("other packs and older rules get the same summary in their own categories", () => {
  it("a pre-2018 ASCM cycle shows the four legacy categories", () => {
    const cert = { id: "c", packId: "ascm", credentialCode: "CSCP", earnedDate: "2010-01-10", holderId: null };
    const s = summaryFrom(
      [{ id: "aaaaaaaa-0000-4000-8000-000000000001", typeId: "attend_training", title: "APICS seminar", provider: null, startDate: "2012-05-05", endDate: null, quantity: 6, details: {}, manualPoints: null, manualReason: null, hasEvidence: true }],
      { cert, asOf: "2014-06-01" },
    );
    expect(s.cycle.dueDate).toBe("2015-01-31");
    expect(s.categories.map((c) => c.id)).toEqual(["legacy_continuing_education", "legacy_pped", "legacy_service", "legacy_membership"]);
    expect(s.categories[0]!.counted).toBe(6);
    expect(s.categories.every((c) => c.onForm)).toBe(true);
  });

  it("PMI PMP: Education with its talent areas and Giving Back, in PDUs", () => {
    const pack = getPack("pmi")!;
    const cert: CertificationInput = { id: "p", packId: "pmi", credentialCode: "PMP", earnedDate: "2023-09-15" };
    const activities = [
      { id: "a1", packId: "pmi", typeId: pack.versions.at(-1)!.activityTypes[0]!.id, startDate: "2024-02-01", quantity: 10, details: { categoryId: "power_skills" }, hasEvidence: true },
    ];
    const report = evaluate({ certification: cert, activities, asOf: "2025-01-01" });
    expect(report.contributions).toHaveLength(1);
    const s = buildSummary({
      report,
      pack,
      cycles: cyclesOf(cert, "2025-01-01"),
      certification: { id: "p", holderId: null, renewals: [], openingBalances: [] },
      holder: { name: "P", issuerIds: {}, isMember: false },
      activities: [{ id: "a1", typeId: activities[0]!.typeId, title: "Negotiation course", provider: null, startDate: "2024-02-01", endDate: null, quantity: 10, details: {}, manualPoints: null, manualReason: null }],
      evidence: [],
    });
    expect(s.unit.many).toBe("PDUs");
    expect(s.categories.map((c) => c.label)).toEqual(["Education", "Giving Back"]);
    expect(s.categories[0]!.children.map((c) => [c.label, c.counted])).toEqual([
      ["Ways of Working", 0],
      ["Power Skills", 10],
      ["Business Acumen", 0],
    ]);
    expect(s.categories[0]!.lines[0]!.subCategoryLabel).toBe("Power Skills");
    expect(s.holder.issuerIdLabel).toBe("PMI ID");
    expect(feeSentence(s)).toContain("$60 for PMI members, $150 for non-members");
    expect(feeSentence(s)).not.toContain("Last confirmed");
    expect(s.warnings[0]!.title).toBe("50 PDUs short of the 60 required");
    expect(s.steps[0]).toMatch(/CCRS/);
  });

  it("ISC2 CISSP: Group A and Group B, in CPE credits", () => {
    const pack = getPack("isc2")!;
    const cert: CertificationInput = { id: "i", packId: "isc2", credentialCode: "CISSP", earnedDate: "2023-05-01" };
    const report = evaluate({ certification: cert, activities: [], asOf: "2024-01-01" });
    const s = buildSummary({
      report,
      pack,
      cycles: cyclesOf(cert, "2024-01-01"),
      certification: { id: "i", holderId: null, renewals: [], openingBalances: [] },
      holder: { name: "I", issuerIds: {}, isMember: true },
      activities: [],
      evidence: [],
    });
    expect(s.categories.map((c) => c.label)).toEqual(["Group A (domain-related)", "Group B (professional development)"]);
    expect(s.required).toBe(120);
    expect(s.lineCount).toBe(0);
  });
});

describe("formatAmount", () => {
  const v2018 = getPack("ascm")!.versions.find((v) => v.id === "ascm-2018")!;
  const type = (id: string) => v2018.activityTypes.find((t) => t.id === id)!;
  it.each([
    ["hours", "attend_training", { quantity: 1, details: {} }, "1 hour"],
    ["half hours", "attend_training", { quantity: 2.5, details: {} }, "2.5 hours"],
    ["credit hours × weeks", "college_course", { quantity: null, details: { creditHours: 3, weeks: 10 } }, "3 credit hours × 10 weeks"],
    ["a fixed-points type", "book", { quantity: null, details: { pages: 300 } }, "1 book"],
    ["unknown type: the bare quantity", null, { quantity: 4, details: {} }, "4"],
  ])("%s", (_l, id, a, expected) => {
    expect(formatAmount(id ? type(id) : null, a)).toBe(expected);
  });
});
