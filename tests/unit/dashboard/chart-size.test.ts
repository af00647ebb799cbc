import { describe, expect, it } from "vitest";
import { chartModel } from "@/lib/dashboard/view";
import { type ActivityInput, evaluate } from "@/lib/rules";

// A long record: an activity on nearly every day of the cycle (bench:dashboard's 20,000-activity holder).
const cert = { id: "c1", packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15" };
const activities: ActivityInput[] = Array.from({ length: 3000 }, (_, i) => ({
  id: `a${i}`,
  packId: "ascm",
  typeId: "online_event",
  title: `Webinar ${i}`,
  startDate: new Date(Date.UTC(2022, 3, 1) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10),
  endDate: null,
  quantity: 0.5,
  details: {},
  manualPoints: null,
  excludedCertificationIds: [],
  hasEvidence: false,
}));

describe("chart of a long record", () => {
  const report = evaluate({ certification: cert, activities, asOf: "2026-11-26" });

  it("draws at most one step per pixel column, ending at the counted total", () => {
    const m = chartModel(report, { width: 480, height: 230 });
    const steps = [...m.actualPath.matchAll(/H([\d.]+)V([\d.]+)/g)].map((s) => ({ x: Number(s[1]), y: Number(s[2]) }));
    expect(steps.length).toBeGreaterThan(100);
    expect(steps.length).toBeLessThanOrEqual(m.plot.right - m.plot.left + 1);
    const columns = steps.map((s) => Math.round(s.x));
    expect(new Set(columns).size).toBe(columns.length);
    // x only moves right and y only climbs (smaller y is higher on screen).
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.x).toBeGreaterThan(steps[i - 1]!.x);
      expect(steps[i]!.y).toBeLessThanOrEqual(steps[i - 1]!.y);
    }
    // The last step is at the points counted by today (the y axis tops out at a tick above it).
    const yMax = Number(m.yTicks.at(-1)?.label.replace(/,/g, ""));
    const expected = m.plot.bottom - (Math.min(report.counted, yMax) / yMax) * (m.plot.bottom - m.plot.top);
    expect(steps.at(-1)!.y).toBeCloseTo(expected, 0);
    expect(m.actualPath.length).toBeLessThan(12_000);
  });
});
