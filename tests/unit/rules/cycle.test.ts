import { describe, expect, test } from "vitest";
import { checkCertification, cycleOf, cyclesOf, type CertificationInput, type Cycle } from "@/lib/rules";
import { cert } from "./helpers";

const AS_OF = "2023-01-01";

describe("cycle edges: due date, end of suspension, expiry", () => {
  test.each<[string, CertificationInput, string, string, string]>([
    // label, certification, due date, last day of suspension/grace, expiry
    ["ASCM earned on the 1st", cert("CPIM", "2021-06-01"), "2026-06-30", "2026-09-28", "2026-09-29"],
    ["ASCM earned on the 31st", cert("CPIM", "2021-01-31"), "2026-01-31", "2026-05-01", "2026-05-02"],
    ["ASCM earned on 29 February", cert("CSCP", "2020-02-29"), "2025-02-28", "2025-05-29", "2025-05-30"],
    ["ASCM earned 29 February, due in a leap year", cert("CLTD", "2024-02-29"), "2029-02-28", "2029-05-29", "2029-05-30"],
    ["ASCM earned on 31 December", cert("CTSC", "2020-12-31"), "2025-12-31", "2026-03-31", "2026-04-01"],
    ["ASCM Fellow, same dating", cert("CPIM-F", "2022-03-15"), "2027-03-31", "2027-06-29", "2027-06-30"],
    ["PMI: the day before the third anniversary", cert("PMP", "2009-09-15", {}, "pmi"), "2012-09-14", "2013-09-14", "2013-09-15"],
    ["PMI earned on 29 February", cert("PMP", "2020-02-29", {}, "pmi"), "2023-02-28", "2024-02-28", "2024-02-29"],
    ["PMI earned on the 31st", cert("PMP", "2021-03-31", {}, "pmi"), "2024-03-30", "2025-03-30", "2025-03-31"],
    ["ISC2 earned on 1 January", cert("CISSP", "2022-01-01", {}, "isc2"), "2024-12-31", "2025-03-31", "2025-04-01"],
  ])("%s", (_label, c, due, suspensionEnd, expiry) => {
    const cy = cycleOf(c, AS_OF);
    expect({ start: cy.start, due: cy.dueDate, suspensionEnd: cy.suspensionEnd, expiry: cy.expiryDate, index: cy.index }).toEqual({
      start: c.earnedDate,
      due,
      suspensionEnd,
      expiry,
      index: 0,
    });
  });
});

describe("state on the dates around the due date (CPIM earned 2021-06-01, due 2026-06-30)", () => {
  const c = cert("CPIM", "2021-06-01");
  test.each<[string, string, Cycle["state"], number]>([
    ["a day before the due date", "2026-06-29", "active", 1],
    ["on the due date", "2026-06-30", "active", 0],
    ["the day after", "2026-07-01", "suspended", -1],
    ["inside the suspension", "2026-08-15", "suspended", -46],
    ["last day of suspension", "2026-09-28", "suspended", -90],
    ["the expiry date", "2026-09-29", "expired", -91],
    ["years later", "2030-01-01", "expired", -1281],
    ["before the earned date", "2021-05-01", "active", 1886],
  ])("%s", (_label, asOf, state, daysToDue) => {
    const cy = cycleOf(c, asOf);
    expect([cy.state, cy.daysToDue]).toEqual([state, daysToDue]);
  });

  test("activities count from the earned date to the end of suspension (ASCM policy: suspension activities count)", () => {
    const cy = cycleOf(c, "2026-01-01");
    expect([cy.countsFrom, cy.countsUntil]).toEqual(["2021-06-01", "2026-09-28"]);
  });
});

describe("renewals", () => {
  const base = cert("CPIM", "2015-06-10"); // due 2020-06-30, suspension to 2020-09-28

  test.each<[string, CertificationInput["renewals"], string, Partial<Cycle>[]]>([
    ["no renewal: one cycle", [], "2019-01-01", [{ index: 0, start: "2015-06-10", dueDate: "2020-06-30", closed: false, countsUntil: "2020-09-28" }]],
    [
      "approved before the due date: next due five years after the current due date",
      [{ dueDate: "2020-06-30", submittedDate: "2020-06-01", approvedDate: "2020-06-01" }],
      "2023-01-01",
      [
        { index: 0, dueDate: "2020-06-30", closed: true, approvedDate: "2020-06-01", countsUntil: "2020-06-01", state: "active" },
        { index: 1, start: "2020-06-02", dueDate: "2025-06-30", countsFrom: "2020-06-02", closed: false, state: "active" },
      ],
    ],
    [
      "approved 18 months early: the next due date is still 2025-06-30",
      [{ dueDate: "2020-06-30", approvedDate: "2019-01-10" }],
      "2019-06-01",
      [
        { index: 0, closed: true, countsUntil: "2019-01-10" },
        { index: 1, start: "2019-01-11", dueDate: "2025-06-30", countsFrom: "2019-01-11" },
      ],
    ],
    [
      "approved during suspension: the suspension's activities stay with the old cycle",
      [{ dueDate: "2020-06-30", submittedDate: "2020-08-10", approvedDate: "2020-08-15" }],
      "2021-01-01",
      [
        { index: 0, closed: true, countsUntil: "2020-08-15" },
        { index: 1, start: "2020-07-01", countsFrom: "2020-08-16", dueDate: "2025-06-30", state: "active" },
      ],
    ],
    [
      "submitted but not yet approved: still the same cycle, suspended after the due date",
      [{ dueDate: "2020-06-30", submittedDate: "2020-06-20", approvedDate: null }],
      "2020-07-05",
      [{ index: 0, closed: false, submittedDate: "2020-06-20", approvedDate: null, state: "suspended" }],
    ],
    [
      "an approval after asOf is not applied yet",
      [{ dueDate: "2020-06-30", approvedDate: "2020-06-15" }],
      "2020-06-10",
      [{ index: 0, closed: false, approvedDate: null }],
    ],
    [
      "two renewals: three cycles",
      [
        { dueDate: "2020-06-30", approvedDate: "2020-06-30" },
        { dueDate: "2025-06-30", approvedDate: "2025-05-01" },
      ],
      "2026-01-01",
      [
        { index: 0, dueDate: "2020-06-30", countsUntil: "2020-06-30" },
        { index: 1, start: "2020-07-01", dueDate: "2025-06-30", countsUntil: "2025-05-01" },
        { index: 2, start: "2025-05-02", dueDate: "2030-06-30", closed: false },
      ],
    ],
    [
      "a renewal recorded with a slightly different due date still matches its cycle",
      [{ dueDate: "2020-06-10", approvedDate: "2020-06-20" }],
      "2021-01-01",
      [{ index: 0, closed: true }, { index: 1, dueDate: "2025-06-30" }],
    ],
    [
      "an approval dated before the cycle began counts as its first day",
      [{ dueDate: "2020-06-30", approvedDate: "2014-01-01" }],
      "2021-01-01",
      [{ index: 0, closed: true, approvedDate: "2015-06-10", countsUntil: "2015-06-10" }, { index: 1, start: "2015-06-11", dueDate: "2025-06-30" }],
    ],
  ])("%s", (_label, renewals, asOf, expected) => {
    const cycles = cyclesOf({ ...base, renewals }, asOf);
    expect(cycles).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(cycles[i]).toMatchObject(e));
  });

  test("PMI: renewal moves the due date three years on", () => {
    const cycles = cyclesOf(cert("PMP", "2009-09-15", { renewals: [{ dueDate: "2012-09-14", approvedDate: "2012-09-14" }] }, "pmi"), "2013-01-01");
    expect(cycles.map((c) => [c.start, c.dueDate])).toEqual([
      ["2009-09-15", "2012-09-14"],
      ["2012-09-15", "2015-09-14"],
    ]);
  });

  test("ISC2 grace-period activities go to the old cycle until the late approval", () => {
    const cycles = cyclesOf(cert("CISSP", "2022-01-01", { renewals: [{ dueDate: "2024-12-31", approvedDate: "2025-02-01" }] }, "isc2"), "2025-06-01");
    expect(cycles.map((c) => [c.countsFrom, c.countsUntil, c.dueDate])).toEqual([
      ["2022-01-01", "2025-02-01", "2024-12-31"],
      ["2025-02-02", "2028-03-30", "2027-12-31"], // 2028 is a leap year,
    ]);
  });
});

describe("invalid certifications give specific errors, not throws", () => {
  test.each<[string, CertificationInput, { field: string; message: string }[]]>([
    ["unknown pack", { id: "c", packId: "shrm", credentialCode: "SHRM-CP", earnedDate: "2020-01-01" }, [{ field: "packId", message: 'Unknown issuer rules "shrm". Known: ascm, pmi, isc2.' }]],
    [
      "unknown credential",
      cert("CPM", "2020-01-01"),
      [{ field: "credentialCode", message: '"CPM" is not a credential of ASCM. Known: CPIM, CSCP, CLTD, CTSC, CPIM-F, CSCP-F, CLTD-F, SCOR-P.' }],
    ],
    [
      "SCOR-P is an endorsement",
      cert("SCOR-P", "2020-01-01"),
      [{ field: "credentialCode", message: "SCOR-P is an endorsement: ASCM does not require maintenance for it, so there is nothing to count." }],
    ],
    ["bad earned date", cert("CPIM", "2020-02-30"), [{ field: "earnedDate", message: "The earned date must be a date written YYYY-MM-DD." }]],
    [
      "bad renewal dates",
      cert("CPIM", "2015-01-01", { renewals: [{ dueDate: "x", approvedDate: "2020-13-01" }] }),
      [
        { field: "renewals.0.dueDate", message: "The renewal's due date must be a date written YYYY-MM-DD." },
        { field: "renewals.0.approvedDate", message: "The renewal's approval date must be a date written YYYY-MM-DD." },
      ],
    ],
    ["no id", { ...cert("CPIM", "2020-01-01"), id: "" }, [{ field: "id", message: "The certification has no id." }]],
  ])("%s", (_label, c, errors) => {
    expect(checkCertification(c)).toEqual(errors);
    const cy = cycleOf(c, AS_OF);
    expect(cy.error).toEqual(errors[0]);
    expect(cy.dueDate).toBe(AS_OF);
  });

  test("a bad asOf", () => {
    expect(cycleOf(cert("CPIM", "2020-01-01"), "today").error).toEqual({ field: "asOf", message: "asOf must be a date written YYYY-MM-DD." });
  });
});
