import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { listSettingsRows } from "@/db/queries/settings";

/** The API tokens and outbox of the Settings page, one query shared by its sections (React cache, per request). */
export const settingsLists = cache(async (userId: string) => listSettingsRows(await getDb(), userId, 20));
