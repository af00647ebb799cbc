import { describe, expect, it } from "vitest";
import { composeDigest } from "@/lib/reminders/digest";
import { dueReminders } from "@/lib/reminders/plan";
import { evaluate, planReminders, type ProgressReport } from "@/lib/rules";
import type { SentReminderRow } from "@/db/queries/reminders";

function report(id: string, code: string, earned: string, points: number, asOf: string): ProgressReport {
  return evaluate({
    certification: { id, packId: "ascm", credentialCode: code, earnedDate: earned },
    activities: points ? [{ id: `a-${id}`, packId: "ascm", typeId: "online_event", startDate: "2024-05-01", quantity: points }] : [],
    asOf,
  });
}

const CSCP = report("c1", "CSCP", "2022-03-10", 20, "2027-01-15");
const CPIM = report("c2", "CPIM", "2023-01-10", 80, "2027-01-15");

describe("digest", () => {
  const items = [CSCP, CPIM].map((r) => ({ report: r, reminder: planReminders(r, [])[0]! }));
  const digest = composeDigest({ holderName: "Dana <b>Holder</b>", items, appUrl: "https://recert.example.com", unsubscribeToken: "tok.sig" });

  it("one e-mail for several reminders, naming them in the subject", () => {
    expect(digest.subject).toBe("Recert: 2 reminders about your CSCP, CPIM");
    expect(digest.text).toContain("CSCP: due in 75 days, 55 points to go");
    expect(digest.text).toContain("CPIM: you have the points, ready to submit by 2028-01-31");
    expect(digest.text).toContain("You need 22.32 points a month to make it by 31 Mar 2027; you have averaged 0.34.");
  });

  it("a single reminder keeps its own subject", () => {
    expect(composeDigest({ holderName: "Dana", items: items.slice(0, 1), appUrl: "https://x.test", unsubscribeToken: "t" }).subject).toBe(
      "CSCP: due in 75 days, 55 points to go",
    );
  });

  it("escapes the holder's text in HTML", () => {
    expect(digest.html).toContain("Dana &lt;b&gt;Holder&lt;/b&gt;");
    expect(digest.html).not.toContain("<b>Holder</b>");
  });

  it("carries a one-click unsubscribe link (RFC 8058) and the confirmation page in the body", () => {
    expect(digest.headers["List-Unsubscribe"]).toBe("<https://recert.example.com/api/unsubscribe/tok.sig>");
    expect(digest.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(digest.text).toContain("https://recert.example.com/unsubscribe/tok.sig");
    expect(digest.html).toContain('href="https://recert.example.com/unsubscribe/tok.sig"');
  });
});

describe("due reminders", () => {
  const row = (over: Partial<SentReminderRow>): SentReminderRow => ({
    id: "r1",
    certificationId: "c1",
    dueDate: "2027-03-31",
    kind: "d90",
    status: "sent",
    attempts: 1,
    lastError: null,
    ...over,
  });

  it("plans from the ladder and skips what was delivered", () => {
    expect(dueReminders([CSCP], []).map((d) => [d.reminder.kind, d.pending])).toEqual([["d90", null]]);
    expect(dueReminders([CSCP], [row({})])).toEqual([]);
  });

  it("a pending row with an error (failed send) is retried with its id", () => {
    const due = dueReminders([CSCP], [row({ status: "pending", attempts: 2, id: "r9", lastError: "ECONNREFUSED" })]);
    expect(due.map((d) => d.pending)).toEqual([{ id: "r9", attempts: 2 }]);
  });

  it("a pending row without an error is in flight in another run: left alone", () => {
    expect(dueReminders([CSCP], [row({ status: "pending", lastError: null })])).toEqual([]);
  });

  it("rows of another designation or due date do not count", () => {
    expect(dueReminders([CSCP], [row({ certificationId: "c2" }), row({ dueDate: "2022-03-31" })])).toHaveLength(1);
  });
});
