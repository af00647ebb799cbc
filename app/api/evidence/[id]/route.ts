import { getDb } from "@/db/client";
import { audit, auditRefusal } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { apiError, isSameOrigin } from "@/lib/evidence/http";
import { evidenceDownload, removeEvidence } from "@/lib/evidence/upload";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Download one of the holder's files, always as an attachment. Another holder's id → 404. */
export async function GET(request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to download files.");
  const response = await evidenceDownload(await getDb(), user.id, (await params).id);
  if (response.status === 404) await auditRefusal(request, user.id, 404, "not_found");
  return response;
}

export async function DELETE(request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to delete files.");
  if (!isSameOrigin(request.headers)) {
    await auditRefusal(request, user.id, 403, "cross_site");
    return apiError(403, "cross_origin", "This request did not come from Recert's own pages.");
  }
  const removed = await removeEvidence(await getDb(), user.id, (await params).id);
  if (!removed) {
    await auditRefusal(request, user.id, 404, "not_found");
    return apiError(404, "not_found", "That file does not exist.");
  }
  await audit({ userId: user.id, action: "evidence.delete", ip: clientIp(request.headers), detail: { evidenceId: removed.id, activityId: removed.activityId, fileName: removed.fileName } });
  return new Response(null, { status: 204 });
}
