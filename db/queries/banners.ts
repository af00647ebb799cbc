import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bannerDismissals } from "@/db/schema";

/** Keys of the banners the holder dismissed (a key names its threshold, so a new threshold shows again). */
export async function listDismissedBanners(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ key: bannerDismissals.bannerKey }).from(bannerDismissals).where(eq(bannerDismissals.userId, userId));
  return rows.map((r) => r.key);
}

export async function dismissBanner(db: Database, userId: string, bannerKey: string): Promise<void> {
  await db.insert(bannerDismissals).values({ userId, bannerKey }).onConflictDoNothing();
}
