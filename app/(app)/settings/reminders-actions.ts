"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setCalendarToken } from "@/db/queries/calendar";
import { updateProfile } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { requireUser } from "@/lib/auth/session";
import { newCalendarToken } from "@/lib/calendar/token";
import { type FormState, parseForm } from "@/lib/forms";

const PrefsSchema = z.object({ email: z.enum(["on"]).optional() });

export async function saveReminderPrefsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(PrefsSchema, formData);
  if (!parsed.ok) return parsed.state;
  const email = parsed.data.email === "on";
  await updateProfile(await getDb(), user.id, { reminderPrefs: { ...user.reminderPrefs, email } });
  revalidatePath("/settings");
  return { status: "success", message: email ? "Reminder e-mails are on." : "Reminder e-mails are off." };
}

const CalendarSchema = z.object({ op: z.enum(["enable", "regenerate", "disable"], { message: "Unknown calendar action." }) });

export async function calendarFeedAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = parseForm(CalendarSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { op } = parsed.data;
  await setCalendarToken(await getDb(), user.id, op === "disable" ? null : newCalendarToken());
  await audit({ userId: user.id, action: `calendar_feed.${op}`, ip: clientIp(await headers()) });
  revalidatePath("/settings");
  const message = {
    enable: "Your calendar feed is on. Add the link below to your calendar.",
    regenerate: "You have a new calendar link. The old one no longer works: subscribe again with the new link.",
    disable: "Your calendar feed is off. The old link no longer works.",
  }[op];
  return { status: "success", message };
}
