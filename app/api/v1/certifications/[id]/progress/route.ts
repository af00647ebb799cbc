import { getDb } from "@/db/client";
import { progressApi } from "@/lib/api/certifications";
import { json, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { IdParamsSchema, ProgressQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** GET: the certification's ProgressReport from lib/rules; ?asOf=YYYY-MM-DD (default: today in the holder's time zone). */
export const GET = apiRoute(
  { params: zodParser(IdParamsSchema), query: zodParser(ProgressQuerySchema, "query") },
  async ({ user, params: { id }, query }) => json(await progressApi(await getDb(), user, id, query.asOf)),
);
