import { describe, expect, it } from "vitest";
import { chartModel, labelWidth } from "@/lib/dashboard/view";
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

describe("the y axis of a holder with very many points", () => {
  // 900 days of 8-, 16- and 24-hour trainings: 14,400 points for a requirement of 75.
  const trainings: ActivityInput[] = Array.from({ length: 900 }, (_, i) => ({
    id: `t${i}`,
    packId: "ascm",
    typeId: "attend_training",
    title: `Training ${i}`,
    startDate: new Date(Date.UTC(2022, 3, 1) + i * 86_400_000).toISOString().slice(0, 10),
    endDate: null,
    quantity: 8 + (i % 3) * 8,
    details: {},
    manualPoints: null,
    excludedCertificationIds: [],
    hasEvidence: false,
  }));
  const big = evaluate({ certification: cert, activities: trainings, asOf: "2026-11-26" });

  it.each([
    { width: 480, height: 230 },
    { width: 340, height: 220 },
  ])("leaves room for the widest label at $width px ($height high)", (size) => {
    const m = chartModel(big, size);
    expect(big.counted).toBeGreaterThanOrEqual(10_000);
    const labels = m.yTicks.map((t) => t.label);
    expect(labels.some((l) => l.replace(/,/g, "").length >= 5)).toBe(true);
    // Labels end 6 px left of the plot, anchored at their end: the widest must start inside the drawing.
    const widest = Math.max(...labels.map((l) => labelWidth(l, 12)));
    expect(m.plot.left - 6 - widest).toBeGreaterThanOrEqual(0);
    // Everything else still fits: the plot keeps most of the width.
    expect(m.plot.right - m.plot.left).toBeGreaterThan(size.width * 0.7);
  });

  it("keeps the usual 40 px for the usual two- and three-digit labels", () => {
    const usual = evaluate({ certification: cert, activities: activities.slice(0, 100), asOf: "2026-11-26" });
    expect(usual.counted).toBeLessThan(1000);
    expect(chartModel(usual, { width: 480, height: 230 }).plot.left).toBe(40);
  });

  it("estimates digits on the wide side (DejaVu Sans: 0.636 em)", () => {
    expect(labelWidth("10,000", 12)).toBeGreaterThanOrEqual(5 * 0.636 * 12 + 0.318 * 12);
    expect(labelWidth("0", 12)).toBeLessThan(10);
  });
});
