import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScoringRow } from "@/db/queries/activities";
import { latestActivities } from "@/lib/dashboard/view";

const row = (id: string, startDate: string, endDate: string | null): ScoringRow => ({
  id,
  packId: "ascm",
  typeId: "online_event",
  title: `Activity ${id}`,
  provider: null,
  startDate,
  endDate,
  quantity: 1,
  details: {},
  manualPoints: null,
  manualReason: null,
  excludedCertificationIds: [],
  evidenceCount: 0,
});

/** What latestActivities did before its one-pass version: a stable sort by date, newest first. */
const reference = (rows: ScoringRow[], limit: number) =>
  [...rows].sort((a, b) => ((b.endDate ?? b.startDate) < (a.endDate ?? a.startDate) ? -1 : (b.endDate ?? b.startDate) > (a.endDate ?? a.startDate) ? 1 : 0)).slice(0, limit);

describe("latest activities", () => {
  it("are the newest by end (or start) date, ties in list order, like a stable sort", () => {
    const day = fc.integer({ min: 1, max: 12 }).map((d) => `2025-03-${String(d).padStart(2, "0")}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.option(day, { nil: null })), { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (spec, limit) => {
        const rows = spec.map(([start, end], i) => row(`a${i}`, start, end));
        expect(latestActivities(rows, [], limit).map((l) => l.id)).toEqual(reference(rows, limit).map((r) => r.id));
      }),
      { numRuns: 500 },
    );
  });

  it("are right on a long record too", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(`b${i}`, `20${String(10 + (i % 16)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`, null));
    const latest = latestActivities(rows, [], 5);
    expect(latest.map((l) => l.id)).toEqual(reference(rows, 5).map((r) => r.id));
    expect(latest[0]?.date).toBe("2025-09-19");
  });
});
