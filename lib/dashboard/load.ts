import "server-only";
import { cache } from "react";
import { type Database, getDb } from "@/db/client";
import { listActivitiesForScoring } from "@/db/queries/activities";
import { listCertificationsAndDismissals } from "@/db/queries/certifications";
import { todayIn } from "@/lib/dates";
import { type HolderProgress, progressOf } from "@/lib/progress/load";

export type DashboardData = HolderProgress & {
  /** Keys of banners the holder dismissed. */
  dismissed: string[];
};

/**
 * Everything the dashboard and the banners read, in two queries whatever the number of
 * activities: certifications with the dismissed banners, and the activities; then lib/rules.
 */
export async function loadDashboard(db: Database, user: { id: string; timezone: string }, opts: { asOf?: string } = {}): Promise<DashboardData> {
  const asOf = opts.asOf ?? todayIn(user.timezone);
  const [{ certifications, dismissed }, rows] = await Promise.all([listCertificationsAndDismissals(db, user.id), listActivitiesForScoring(db, user.id)]);
  return { ...progressOf(certifications, rows, asOf), dismissed };
}

/**
 * Per request: the layout's banners, the dashboard and every page that shows the holder's
 * designations or activities share one load (React cache), so a signed-in page costs the
 * session lookup plus these two queries, plus at most one of its own (bench:queries).
 */
export const getDashboardData = cache(async (userId: string, timezone: string): Promise<DashboardData> => {
  return loadDashboard(await getDb(), { id: userId, timezone });
});
