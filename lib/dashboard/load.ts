import "server-only";
import { cache } from "react";
import { type Database, getDb } from "@/db/client";
import { listDismissedBanners } from "@/db/queries/banners";
import { type HolderProgress, loadHolderProgress } from "@/lib/progress/load";

export type DashboardData = HolderProgress & {
  /** Keys of banners the holder dismissed. */
  dismissed: string[];
};

/**
 * Everything the dashboard and the banners read, in three queries whatever the number of
 * activities: certifications, activities (both via loadHolderProgress) and banner dismissals.
 */
export async function loadDashboard(db: Database, user: { id: string; timezone: string }, opts: { asOf?: string } = {}): Promise<DashboardData> {
  const [progress, dismissed] = await Promise.all([loadHolderProgress(db, user, opts), listDismissedBanners(db, user.id)]);
  return { ...progress, dismissed };
}

/**
 * Per request: the layout's banners and the dashboard page share one load (React cache), so a
 * dashboard request costs the session lookup plus these three queries.
 */
export const getDashboardData = cache(async (userId: string, timezone: string): Promise<DashboardData> => {
  return loadDashboard(await getDb(), { id: userId, timezone });
});
