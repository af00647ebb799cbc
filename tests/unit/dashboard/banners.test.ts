import { describe, expect, it } from "vitest";
import { bannerFor, ladderThresholds, thresholdFor, visibleBanners } from "@/lib/dashboard/banners";
import { evaluate, type ProgressReport } from "@/lib/rules";

const CERT = "0b5f8f3e-4c1a-4f7e-9a7e-2d7c1f0a9b11";

/** A CSCP earned on `earned` with `points` of webinars, evaluated on `asOf`. */
function report(earned: string, points: number, asOf: string, extra: { submitted?: string } = {}): ProgressReport {
  return evaluate({
    certification: {
      id: CERT,
      packId: "ascm",
      credentialCode: "CSCP",
      earnedDate: earned,
      renewals: extra.submitted ? [{ dueDate: "2028-01-31", submittedDate: extra.submitted, approvedDate: null }] : [],
    },
    activities: points > 0 ? [{ id: "a1", packId: "ascm", typeId: "online_event", startDate: "2024-05-01", quantity: points }] : [],
    asOf,
  });
}

const ASOF = "2027-01-15";
const thresholds = ladderThresholds();

describe("one banner per designation, by status (asOf 2027-01-15)", () => {
  it.each([
    { label: "on track, due in 747 days: no banner", earned: "2024-01-10", points: 60, kind: null, status: "on_track" },
    { label: "behind pace, due in 258 days", earned: "2022-09-10", points: 20, kind: "behind", status: "behind" },
    { label: "due in 75 days and 55 short", earned: "2022-03-10", points: 20, kind: "due_soon", status: "due_soon" },
    { label: "suspended since 31 Dec 2026", earned: "2021-12-10", points: 20, kind: "suspended", status: "suspended" },
    { label: "expired after the suspension", earned: "2021-06-10", points: 20, kind: "expired", status: "expired" },
    { label: "complete, ready to submit", earned: "2023-01-10", points: 80, kind: "ready", status: "complete" },
  ])("$label", ({ earned, points, kind, status }) => {
    const r = report(earned, points, ASOF);
    expect(r.status).toBe(status);
    const b = bannerFor(r, thresholds);
    expect(b?.kind ?? null).toBe(kind);
    if (b) {
      expect(b.key.startsWith(`${kind}:${CERT}:${r.cycle.dueDate}`)).toBe(true);
      expect(b.title).toContain("CSCP");
    }
  });

  it("says how many points are missing and when it is due", () => {
    const b = bannerFor(report("2022-03-10", 20, ASOF), thresholds);
    expect(b?.title).toBe("CSCP is due in 75 days and 55 points short");
    expect(b?.message).toContain("31 Mar 2027");
  });

  it("a designation short of points within 180 days is 'due soon' even when the engine still says behind", () => {
    // Due 2027-06-30, 166 days out: the engine's due_soon starts at 90 days, the banner at 180.
    const r = report("2022-06-10", 20, ASOF);
    expect(r.daysLeft).toBe(166);
    expect(r.status).toBe("behind");
    expect(bannerFor(r, thresholds)?.kind).toBe("due_soon");
  });

  it("nothing once the application is submitted", () => {
    const r = report("2023-01-10", 80, ASOF, { submitted: "2027-01-10" });
    expect(r.cycle.submittedDate).toBe("2027-01-10");
    expect(bannerFor(r, thresholds)).toBeNull();
  });
});

describe("dismissing lasts until the next threshold", () => {
  it("maps days left to the ladder step", () => {
    expect(thresholds).toEqual([365, 180, 90, 30, 7, 0]);
    expect(thresholdFor(400, thresholds)).toBeNull();
    expect(thresholdFor(365, thresholds)).toBe(365);
    expect(thresholdFor(181, thresholds)).toBe(365);
    expect(thresholdFor(180, thresholds)).toBe(180);
    expect(thresholdFor(91, thresholds)).toBe(180);
    expect(thresholdFor(8, thresholds)).toBe(30);
    expect(thresholdFor(0, thresholds)).toBe(0);
  });

  it("a dismissed due-soon banner stays hidden within its step and returns at the next one", () => {
    // Due 2027-03-31. 100 days before → step 180; 95 days → still 180; 90 days → step 90.
    const at100 = report("2022-03-10", 20, "2026-12-21");
    const first = visibleBanners([at100], []);
    expect(first).toHaveLength(1);
    const key = first[0]!.key;
    expect(key).toBe(`due_soon:${CERT}:2027-03-31:180`);
    expect(visibleBanners([at100], [key])).toHaveLength(0);
    expect(visibleBanners([report("2022-03-10", 20, "2026-12-26")], [key])).toHaveLength(0);
    const at90 = visibleBanners([report("2022-03-10", 20, "2027-01-01")], [key]);
    expect(at90.map((b) => b.key)).toEqual([`due_soon:${CERT}:2027-03-31:90`]);
  });

  it("orders the most urgent first", () => {
    const other = (id: string, r: ProgressReport): ProgressReport => ({ ...r, certificationId: id });
    const list = visibleBanners(
      [
        other("1b5f8f3e-4c1a-4f7e-9a7e-2d7c1f0a9b11", report("2023-01-10", 80, ASOF)),
        other("2b5f8f3e-4c1a-4f7e-9a7e-2d7c1f0a9b11", report("2021-12-10", 20, ASOF)),
        other("3b5f8f3e-4c1a-4f7e-9a7e-2d7c1f0a9b11", report("2022-03-10", 20, ASOF)),
      ],
      [],
    );
    expect(list.map((b) => b.kind)).toEqual(["suspended", "due_soon", "ready"]);
  });
});
