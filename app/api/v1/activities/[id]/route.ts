import { getDb } from "@/db/client";
import { deleteActivityApi, getActivityApi, patchActivityApi } from "@/lib/api/activities";
import { json, noContent, zodParser } from "@/lib/api/core";
import { apiRoute } from "@/lib/api/route";
import { audit } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { ActivityPatchSchema, IdParamsSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";
const params = zodParser(IdParamsSchema);

export const GET = apiRoute({ params }, async ({ user, params: { id } }) => json(await getActivityApi(await getDb(), user, id)));

/** PATCH: send `version` (the one you read) and the members to change. */
export const PATCH = apiRoute({ params, body: zodParser(ActivityPatchSchema) }, async ({ user, params: { id }, body }) =>
  json(await patchActivityApi(await getDb(), user, id, body)),
);

/** DELETE: soft delete (the web app can undo it). */
export const DELETE = apiRoute({ params }, async ({ request, user, params: { id } }) => {
  await deleteActivityApi(await getDb(), user, id);
  await audit({ userId: user.id, action: "activity.deleted", ip: clientIp(request.headers), detail: { activityId: id, via: "api" } });
  return noContent();
});
