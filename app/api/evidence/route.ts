import { getDb } from "@/db/client";
import { audit, auditRefusal } from "@/lib/audit";
import { clientIp } from "@/lib/auth/request-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { apiError, isSameOrigin } from "@/lib/evidence/http";
import { attachEvidence, failureResponse, parseEvidenceUpload } from "@/lib/evidence/upload";

export const dynamic = "force-dynamic";

/** POST multipart/form-data (field "file") to /api/evidence?activityId=… : attach one file. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthenticated", "Sign in to attach files.");
  if (!isSameOrigin(request.headers)) {
    await auditRefusal(request, user.id, 403, "cross_site");
    return apiError(403, "cross_origin", "This request did not come from Recert's own pages.");
  }
  const activityId = new URL(request.url).searchParams.get("activityId");
  const upload = await parseEvidenceUpload(request, activityId);
  if (!upload.ok) return failureResponse(upload);
  const result = await attachEvidence(await getDb(), user.id, upload);
  if (!result.ok) {
    if (result.status === 404) await auditRefusal(request, user.id, 404, "not_found");
    return failureResponse(result);
  }
  const { id, fileName, contentType, sizeBytes, sha256 } = result.evidence;
  await audit({ userId: user.id, action: "evidence.upload", ip: clientIp(request.headers), detail: { evidenceId: id, activityId: upload.activityId, sizeBytes, contentType } });
  return Response.json({ evidence: { id, activityId: upload.activityId, fileName, contentType, sizeBytes, sha256 } }, { status: 201 });
}
