import { describe, expect, test } from "vitest";
import { REMINDER_LADDER, evaluate, planReminders, type ActivityInput, type ReminderKind } from "@/lib/rules";
import { cert, hours } from "./helpers";

const CPIM = cert("CPIM", "2021-06-01"); // due 2026-06-30, suspension to 2026-09-28
const DUE = "2026-06-30";

function kinds(asOf: string, sent: ReminderKind[], activities: ActivityInput[] = [hours("a", "2022-01-01", 20)], extra = {}): ReminderKind[] {
  const report = evaluate({ certification: { ...CPIM, ...extra }, activities, asOf });
  return planReminders(
    report,
    sent.map((kind) => ({ kind, dueDate: DUE })),
  ).map((r) => r.kind);
}

const COMPLETE = [hours("a", "2022-01-01", 75)];

describe("reminder ladder", () => {
  test("the ladder", () => {
    expect(REMINDER_LADDER.map((s) => [s.kind, s.daysBefore])).toEqual([
      ["d365", 365],
      ["d180", 180],
      ["d90", 90],
      ["d30", 30],
      ["d7", 7],
      ["due", 0],
      ["suspended", -1],
      ["ready", null],
    ]);
  });

  test.each<[string, string, ReminderKind[], ReminderKind[], ActivityInput[]?]>([
    ["more than a year out: nothing", "2025-06-29", [], []],
    ["365 days before", "2025-06-30", [], ["d365"]],
    ["364 days before, nothing sent yet", "2025-07-01", [], ["d365"]],
    ["d365 already sent", "2025-08-01", ["d365"], []],
    ["166 days before with nothing sent: only d180, not a flood", "2026-01-15", [], ["d180"]],
    ["90 days before", "2026-04-01", ["d365", "d180"], ["d90"]],
    ["29 days before", "2026-06-01", ["d365", "d180", "d90"], ["d30"]],
    ["5 days before", "2026-06-25", ["d30"], ["d7"]],
    ["on the due date", DUE, ["d7"], ["due"]],
    ["the due date, already sent", DUE, ["due"], []],
    ["in the suspension", "2026-07-10", ["due"], ["suspended"]],
    ["in the suspension, already told", "2026-08-10", ["suspended"], []],
    ["expired: nothing", "2026-10-01", [], []],
    ["complete: ready to submit", "2026-01-15", [], ["ready"], COMPLETE],
    ["complete and told: no d180 nudge", "2026-01-15", ["ready"], [], COMPLETE],
    ["complete and told: the 30-day nudge", "2026-06-05", ["ready"], ["d30"], COMPLETE],
    ["complete and told: the due-date nudge", DUE, ["ready", "d30", "d7"], ["due"], COMPLETE],
  ])("%s", (_l, asOf, sent, expected, activities) => {
    expect(kinds(asOf, sent, activities)).toEqual(expected);
  });

  test("a reminder sent for another due date does not count", () => {
    const report = evaluate({ certification: CPIM, activities: [], asOf: "2026-06-01" });
    expect(planReminders(report, [{ kind: "d30", dueDate: "2021-06-30" }]).map((r) => r.kind)).toEqual(["d30"]);
  });

  test("nothing once submitted or renewed", () => {
    expect(kinds("2026-06-01", [], undefined, { renewals: [{ dueDate: DUE, submittedDate: "2026-05-20" }] })).toEqual([]);
    expect(kinds("2026-06-01", [], undefined, { renewals: [{ dueDate: DUE, submittedDate: "2026-05-20", approvedDate: "2026-05-21" }] })).toEqual([]);
  });

  test("nothing for a report that could not be made", () => {
    expect(planReminders(evaluate({ certification: cert("SCOR-P", "2020-01-01"), activities: [], asOf: "2026-06-01" }), [])).toEqual([]);
  });

  test("subject and message", () => {
    const report = evaluate({ certification: CPIM, activities: [hours("a", "2022-01-01", 60)], asOf: "2026-06-01" });
    expect(planReminders(report, [])).toEqual([
      {
        kind: "d30",
        dueDate: DUE,
        subject: "CPIM: due in 29 days, 15 points to go",
        message: [
          "Certified in Planning and Inventory Management (CPIM)",
          "Due date: 30 Jun 2026. After it, 28 Sep 2026 is the last day before it expires.",
          "60 of 75 points counted.",
          "Due in 29 days (30 Jun 2026) with 15 points to go.",
        ].join("\n"),
      },
    ]);
    const ready = evaluate({ certification: CPIM, activities: COMPLETE, asOf: "2026-06-01" });
    expect(planReminders(ready, [])[0]?.subject).toBe("CPIM: you have the points, ready to submit by 2026-06-30");
    expect(planReminders(ready, [{ kind: "ready", dueDate: DUE }])[0]?.subject).toBe("CPIM: due in 29 days, ready to submit");
    const suspended = evaluate({ certification: CPIM, activities: [], asOf: "2026-07-02" });
    expect(planReminders(suspended, [])[0]?.subject).toBe("CPIM is suspended: renew by 28 Sep 2026");
    const due = evaluate({ certification: CPIM, activities: [], asOf: DUE });
    expect(planReminders(due, [])[0]?.subject).toBe("CPIM is due today (30 Jun 2026)");
  });
});
