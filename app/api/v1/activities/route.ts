import { getDb } from "@/db/client";
import { createActivityApi, listActivitiesApi } from "@/lib/api/activities";
import { json, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { ActivityBodySchema, ListQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/activities: one page of the holder's log (filters as in docs/api.md). */
export const GET = apiRoute({ query: zodParser(ListQuerySchema, "query") }, async ({ user, query }) =>
  json(await listActivitiesApi(await getDb(), user, query)),
);

/** POST /api/v1/activities: log one activity. */
export const POST = apiRoute({ body: zodParser(ActivityBodySchema) }, async ({ user, body }) =>
  json(await createActivityApi(await getDb(), user, body), 201),
);
