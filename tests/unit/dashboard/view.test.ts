import { describe, expect, it } from "vitest";
import type { ScoringRow } from "@/db/queries/activities";
import {
  categoryBars,
  chartModel,
  daysBetween,
  groupPlan,
  headline,
  latestActivities,
  paceSentence,
  projectionSentence,
  timeline,
} from "@/lib/dashboard/view";
import { type ActivityInput, evaluate, type PlanItem, type ProgressReport } from "@/lib/rules";

const webinar = (id: string, date: string, hours: number): ActivityInput => ({ id, packId: "ascm", typeId: "online_event", startDate: date, quantity: hours });
const service = (id: string, date: string): ActivityInput => ({ id, packId: "ascm", typeId: "volunteer_service", startDate: date, quantity: 1, details: { year: Number(date.slice(0, 4)) } });

function report(earned: string, activities: ActivityInput[], asOf: string): ProgressReport {
  return evaluate({ certification: { id: "c1", packId: "ascm", credentialCode: "CPIM", earnedDate: earned }, activities, asOf });
}

describe("headline", () => {
  it.each([
    { label: "days left before the due date", earned: "2022-09-10", asOf: "2027-01-15", value: "258", text: "days left" },
    { label: "on the due date", earned: "2022-09-10", asOf: "2027-09-30", value: "Today", text: "is the due date" },
    { label: "one day left", earned: "2022-09-10", asOf: "2027-09-29", value: "1", text: "day left" },
    { label: "days left to apply while suspended", earned: "2021-12-10", asOf: "2027-01-15", value: "76", text: "days left to apply" },
    { label: "expired", earned: "2021-06-10", asOf: "2027-01-15", value: "Expired", text: "on 29 Sep 2026" },
  ])("$label", ({ earned, asOf, value, text }) => {
    const h = headline(report(earned, [webinar("a", "2023-02-01", 10)], asOf));
    expect(h.value).toBe(value);
    expect(h.label).toBe(text);
  });
});

describe("sentences", () => {
  it("pace in the holder's words, with the report's figures", () => {
    const r = report("2022-09-10", [webinar("a", "2024-05-01", 20)], "2027-01-15");
    expect(paceSentence(r)).toBe(`You need ${r.pace.neededPerMonth} points a month; you have averaged ${r.pace.achievedPerMonth}.`);
    expect(paceSentence(r)).toBe("You need 6.49 points a month; you have averaged 0.38.");
    expect(projectionSentence(r)).toMatch(/^At this pace you reach 75 points on .* 2039, after the due date\.$/);
  });

  it("complete and empty cases", () => {
    expect(paceSentence(report("2023-01-10", [webinar("a", "2024-05-01", 80)], "2027-01-15"))).toBe("You have all the points you need for this cycle.");
    expect(projectionSentence(report("2024-01-10", [], "2027-01-15"))).toBe("Log an activity to see when you will get there.");
  });
});

describe("timeline", () => {
  it("earned → today → due → end of suspension → expiry", () => {
    const t = timeline(report("2022-09-10", [], "2027-01-15"));
    expect(t.map((e) => e.key)).toEqual(["start", "today", "due", "suspension", "expiry"]);
    expect(t.map((e) => e.date)).toEqual(["2022-09-10", "2027-01-15", "2027-09-30", "2027-12-29", "2027-12-30"]);
    expect(t[0]!.when).toBe("past");
    expect(t[2]!.when).toBe("future");
  });

  it("today moves past the due date during suspension", () => {
    const t = timeline(report("2021-12-10", [], "2027-01-15"));
    expect(t.map((e) => e.key)).toEqual(["start", "due", "today", "suspension", "expiry"]);
  });
});

describe("chart", () => {
  const r = report("2022-09-10", [webinar("a", "2023-01-10", 10), webinar("b", "2024-05-01", 20), webinar("c", "2027-06-01", 5)], "2027-01-15");

  it("climbs by the counted points of each contribution up to today, ignoring later ones", () => {
    const m = chartModel(r, { width: 480, height: 230 });
    const verticals = [...m.actualPath.matchAll(/V([\d.]+)/g)].map((x) => Number(x[1]));
    expect(verticals).toHaveLength(2);
    // The y axis tops out at 80 (75 rounded up to the tick step of 20): 10, then 30 points.
    const y = (p: number) => m.plot.bottom - (p / 80) * (m.plot.bottom - m.plot.top);
    expect(verticals[0]).toBeCloseTo(y(10), 0);
    expect(verticals[1]).toBeCloseTo(y(30), 0);
    expect(m.targetPath.startsWith(`M${m.plot.left},${m.plot.bottom}`)).toBe(true);
    expect(m.todayX).not.toBeNull();
  });

  it("has a text alternative with the figures", () => {
    const m = chartModel(r);
    expect(m.summary).toContain("30 of 75 by 15 Jan 2027");
    expect(m.summary).toContain("behind that line");
    expect(m.expectedToday).toBeGreaterThan(60);
    expect(m.yTicks.map((t) => t.label)).toEqual(["0", "20", "40", "60", "80"]);
  });
});

describe("categories", () => {
  it("shows the per-year service cap and what it trimmed", () => {
    const r = report("2022-09-10", [service("s1", "2024-03-01"), service("s2", "2024-06-01"), webinar("w", "2024-05-01", 10)], "2027-01-15");
    const bars = categoryBars(r);
    const svc = bars.find((b) => b.id === "service");
    expect(svc?.counted).toBe(r.categories.find((c) => c.id === "service")?.counted);
    expect(svc?.note).toContain("at most 5 a calendar year");
    expect(svc?.capShare).toBeNull();
    expect(bars.find((b) => b.id === "education")?.counted).toBe(10);
  });
});

describe("latest activities", () => {
  const row = (id: string, date: string): ScoringRow => ({
    id,
    packId: "ascm",
    typeId: "online_event",
    title: `Webinar ${id}`,
    provider: null,
    startDate: date,
    endDate: null,
    quantity: 2,
    details: {},
    manualPoints: null,
    manualReason: null,
    excludedCertificationIds: [],
    evidenceCount: 0,
  });

  it("newest first, with the points each designation counted", () => {
    const rows = [row("a", "2024-01-01"), row("b", "2026-01-01"), row("c", "2025-01-01")];
    const r = report("2022-09-10", rows.map((x) => webinar(x.id, x.startDate, 2)), "2027-01-15");
    const latest = latestActivities(rows, [r], 2);
    expect(latest.map((a) => a.id)).toEqual(["b", "c"]);
    expect(latest[0]!.counts).toEqual([{ credentialCode: "CPIM", points: 2 }]);
  });
});

describe("gap planner display", () => {
  it("folds identical suggestions", () => {
    const item = (typeId: string, label: string, points: number): PlanItem => ({ typeId, label, points, quantity: 1, categoryId: "education", reason: "" });
    const lines = groupPlan([item("conf", "Conference", 24), item("day", "Workshop (8 hours)", 8), item("day", "Workshop (8 hours)", 8), item("day", "Workshop (7 hours)", 7)]);
    expect(lines).toEqual([
      { typeId: "conf", label: "Conference", count: 1, points: 24 },
      { typeId: "day", label: "Workshop (8 hours)", count: 2, points: 16 },
      { typeId: "day", label: "Workshop (7 hours)", count: 1, points: 7 },
    ]);
  });

  it("counts days between calendar dates", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2027-01-15", "2027-01-15")).toBe(0);
  });
});
