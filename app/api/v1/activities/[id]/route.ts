import { getDb } from "@/db/client";
import { deleteActivityApi, getActivityApi, patchActivityApi } from "@/lib/api/activities";
import { json, noContent, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { ActivityPatchSchema, IdParamsSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";
const params = zodParser(IdParamsSchema);

export const GET = apiRoute({ params }, async ({ user, params: { id } }) => json(await getActivityApi(await getDb(), user, id)));

/** PATCH: send `version` (the one you read) and the members to change. */
export const PATCH = apiRoute({ params, body: zodParser(ActivityPatchSchema) }, async ({ user, params: { id }, body }) =>
  json(await patchActivityApi(await getDb(), user, id, body)),
);

/** DELETE: soft delete (the web app can undo it). */
export const DELETE = apiRoute({ params }, async ({ user, params: { id } }) => {
  await deleteActivityApi(await getDb(), user, id);
  return noContent();
});
