import "server-only";
import { cache } from "react";
import { type Database, getDb } from "@/db/client";
import { listCertificationsAndDismissals } from "@/db/queries/certifications";
import { todayIn } from "@/lib/dates";
import { holderProgress } from "@/lib/progress/cache";
import type { HolderProgress } from "@/lib/progress/load";

export type DashboardData = HolderProgress & {
  /** Keys of banners the holder dismissed. */
  dismissed: string[];
};

/**
 * Everything the dashboard and the banners read, in two queries whatever the number of
 * activities — certifications with the dismissed banners and the holder's data version, then the
 * activities — and lib/rules. When the version matches what this process saw last, the
 * activities and reports come from memory (lib/progress/cache.ts): one query.
 */
export async function loadDashboard(db: Database, user: { id: string; timezone: string }, opts: { asOf?: string } = {}): Promise<DashboardData> {
  const asOf = opts.asOf ?? todayIn(user.timezone);
  const { certifications, dismissed, dataVersion } = await listCertificationsAndDismissals(db, user.id);
  return { ...(await holderProgress(db, user.id, certifications, dataVersion, asOf)), dismissed };
}

/**
 * Per request: the layout's banners, the dashboard and every page that shows the holder's
 * designations or activities share one load (React cache), so a signed-in page costs the
 * session lookup plus these one or two queries, plus at most one of its own (bench:queries).
 */
export const getDashboardData = cache(async (userId: string, timezone: string): Promise<DashboardData> => {
  return loadDashboard(await getDb(), { id: userId, timezone });
});
