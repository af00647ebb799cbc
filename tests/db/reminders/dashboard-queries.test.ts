import { beforeAll, expect, it } from "vitest";
import { countQueries } from "@/db/client";
import { dismissBanner } from "@/db/queries/banners";
import { createCertification } from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { activities } from "@/db/schema";
import { visibleBanners } from "@/lib/dashboard/banners";
import { loadDashboard } from "@/lib/dashboard/load";
import { latestActivities } from "@/lib/dashboard/view";
import { describeEachDb } from "../harness";

const N = 20_000;

describeEachDb("dashboard data for a holder with 20,000 activities", (ctx) => {
  let user: { id: string; timezone: string };
  beforeAll(async () => {
    const db = ctx.handle.db;
    const u = await createUser(db, { email: `big-${Date.now()}@example.com`, name: "Big Logger", passwordHash: "x", timezone: "Europe/Paris" });
    user = { id: u!.id, timezone: "Europe/Paris" };
    for (const code of ["CPIM", "CSCP", "CLTD"]) await createCertification(db, user.id, { packId: "ascm", credentialCode: code, earnedDate: "2023-02-14", holderId: null });
    // Bulk insert with drizzle, in chunks under PostgreSQL's parameter limit.
    const rows = Array.from({ length: N }, (_, i) => {
      const day = new Date(Date.UTC(2023, 2, 1) + (i % 1300) * 86_400_000).toISOString().slice(0, 10);
      return { userId: user.id, packId: "ascm", typeId: "online_event", title: `Webinar ${i + 1}`, startDate: day, quantity: 0.5 };
    });
    for (let i = 0; i < rows.length; i += 2_000) await db.insert(activities).values(rows.slice(i, i + 2_000));
  });

  it("loads with at most 4 SQL queries (2: certifications with the banner dismissals, activities)", async () => {
    const { result, count, queries } = await countQueries(() => loadDashboard(ctx.handle.db, user, { asOf: "2026-11-26" }));
    expect(count, queries.join("\n")).toBeLessThanOrEqual(4);
    expect(count).toBe(2);
    expect(result.activities).toHaveLength(N);
    expect(result.reports).toHaveLength(3);
    // 20,000 half-hours = 10,000 points: every designation is complete (counted well above 75).
    for (const r of result.reports) {
      expect(r.status).toBe("complete");
      expect(r.counted).toBe(10_000);
    }
    expect(visibleBanners(result.reports, result.dismissed).map((b) => b.kind)).toEqual(["ready", "ready", "ready"]);
    expect(latestActivities(result.activities, result.reports, 5)).toHaveLength(5);
  });

  it("returns the dismissed banners from the same queries", async () => {
    const first = await loadDashboard(ctx.handle.db, user, { asOf: "2026-11-26" });
    const key = visibleBanners(first.reports, first.dismissed)[0]?.key;
    expect(key).toBeDefined();
    await dismissBanner(ctx.handle.db, user.id, key!);
    const { result, count } = await countQueries(() => loadDashboard(ctx.handle.db, user, { asOf: "2026-11-26" }));
    // 1 when this process still holds the activities of the same data version (lib/progress/cache.ts).
    expect(count).toBeLessThanOrEqual(2);
    expect(result.dismissed).toEqual([key]);
    expect(visibleBanners(result.reports, result.dismissed)).toHaveLength(2);
  });
});
