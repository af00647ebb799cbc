"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { dismissBanner } from "@/db/queries/banners";
import { requireUser } from "@/lib/auth/session";
import { BANNER_KEY_RE } from "@/lib/dashboard/banners";

const DismissSchema = z.object({ key: z.string().max(120).regex(BANNER_KEY_RE) });

/** Hides one banner for the holder until its next threshold (the key names the threshold). */
export async function dismissBannerAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = DismissSchema.safeParse({ key: formData.get("key") });
  if (!parsed.success) return;
  await dismissBanner(await getDb(), user.id, parsed.data.key);
  revalidatePath("/", "layout");
}
