import { getDb } from "@/db/client";
import { audit } from "@/lib/audit";
import { getCurrentUser } from "@/lib/auth/session";
import { apiError, isSameOrigin } from "@/lib/evidence/http";
import { evidenceDownload, removeEvidence } from "@/lib/evidence/upload";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Download one of the holder's files, always as an attachment. Another holder's id → 404. */
export async function GET(_request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to download files.");
  return evidenceDownload(await getDb(), user.id, (await params).id);
}

export async function DELETE(request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to delete files.");
  if (!isSameOrigin(request.headers)) return apiError(403, "cross_origin", "This request did not come from Recert's own pages.");
  const removed = await removeEvidence(await getDb(), user.id, (await params).id);
  if (!removed) return apiError(404, "not_found", "That file does not exist.");
  await audit({ userId: user.id, action: "evidence.delete", detail: { evidenceId: removed.id, activityId: removed.activityId, fileName: removed.fileName } });
  return new Response(null, { status: 204 });
}
