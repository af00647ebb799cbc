import { describe, expect, it } from "vitest";
import { cyclesOf } from "@/lib/rules";
import { parseCycleSelector, pickCycle } from "@/lib/summary/load";
import { checkApprovedDate, checkSubmittedDate, MarkApprovedSchema, MarkSubmittedSchema } from "@/lib/summary/renewal";

const cert = { id: "c", packId: "ascm", credentialCode: "CPIM", earnedDate: "2021-03-15" };
const TODAY = "2026-04-15";
// Cycle 0: 15 Mar 2021 to 31 Mar 2026, suspended until 29 Jun 2026.
const cycle = cyclesOf(cert, TODAY).at(-1)!;

describe("?cycle= selects a cycle by index or due date", () => {
  const renewed = { ...cert, renewals: [{ dueDate: "2026-03-31", submittedDate: "2026-03-01", approvedDate: "2026-03-10" }] };
  const cycles = cyclesOf(renewed, TODAY);
  it.each([
    ["absent: the current cycle", undefined, 1],
    ["empty: the current cycle", "", 1],
    ["an index", "0", 0],
    ["the other index", "1", 1],
    ["a due date", "2026-03-31", 0],
    ["the next due date", "2031-03-31", 1],
    ["an index that does not exist", "7", null],
    ["a date that is no cycle's due date", "2026-03-30", null],
  ])("%s", (_l, raw, expected) => {
    const sel = parseCycleSelector(raw);
    expect(sel).not.toBeNull();
    expect(pickCycle(cycles, sel!)?.index ?? null).toBe(expected);
  });
  it.each([["abc"], ["-1"], ["1.5"], ["2026-3-31"], ["1000"]])("refuses %j", (raw) => {
    expect(parseCycleSelector(raw)).toBeNull();
  });
  it("takes a single repeated value and refuses two", () => {
    expect(parseCycleSelector(["0"])).toEqual({ kind: "index", index: 0 });
    expect(parseCycleSelector(["0", "1"])).toBeNull();
  });
});

describe("marking a cycle submitted and approved", () => {
  it("the cycle under test is suspended, due 31 Mar 2026", () => {
    expect([cycle.dueDate, cycle.suspensionEnd, cycle.state]).toEqual(["2026-03-31", "2026-06-29", "suspended"]);
  });

  it.each([
    ["today", TODAY, null],
    ["the cycle's first day", "2021-03-15", null],
    ["in the future", "2026-04-16", "in the future"],
    ["before the cycle started", "2021-03-14", "cannot be earlier"],
  ])("submitted %s", (_l, date, error) => {
    const r = checkSubmittedDate(cycle, date, TODAY);
    if (error === null) expect(r).toBeNull();
    else expect(r?.submittedDate).toContain(error);
  });

  it("a submission after the suspension ended is refused", () => {
    expect(checkSubmittedDate(cycle, "2026-06-30", "2026-07-05")?.submittedDate).toContain("last day to submit");
  });

  it.each([
    ["the day it was submitted", "2026-04-01", "2026-04-01", null],
    ["later", "2026-04-01", "2026-04-10", null],
    ["before the submission", "2026-04-01", "2026-03-31", "cannot come before"],
    ["in the future", "2026-04-01", "2026-04-16", "in the future"],
    ["without a submission", null, "2026-04-10", "submitted first"],
  ])("approved %s", (_l, submitted, approved, error) => {
    const r = checkApprovedDate(cycle, submitted, approved, TODAY);
    if (error === null) expect(r).toBeNull();
    else expect(r?.approvedDate).toContain(error);
  });

  it("parses the forms: dates as real dates, points as an optional number with two decimals at most", () => {
    const base = { certificationId: "x", dueDate: "2026-03-31" };
    expect(MarkSubmittedSchema.safeParse({ ...base, submittedDate: "2026-04-01" }).data).toEqual({ ...base, submittedDate: "2026-04-01", pointsClaimed: null });
    expect(MarkSubmittedSchema.safeParse({ ...base, submittedDate: "2026-04-01", pointsClaimed: " 75.5 " }).data?.pointsClaimed).toBe(75.5);
    for (const bad of ["-1", "1001", "7.555", "lots"]) {
      const r = MarkSubmittedSchema.safeParse({ ...base, submittedDate: "2026-04-01", pointsClaimed: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["pointsClaimed"]);
    }
    expect(MarkSubmittedSchema.safeParse({ ...base, submittedDate: "2026-02-30" }).error?.issues[0]?.message).toContain("as a date");
    expect(MarkSubmittedSchema.safeParse({ ...base, submittedDate: "" }).error?.issues[0]?.message).toBe("Enter the date you submitted.");
    expect(MarkApprovedSchema.safeParse({ ...base, approvedDate: "yesterday" }).success).toBe(false);
  });
});
