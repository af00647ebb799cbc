/**
 * What the submission summary reads besides the progress data: the evidence files of the
 * holder's activities (metadata only; bytes are read one by one through the BlobStore).
 * Scoped by the owner like every query.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { evidence } from "@/db/schema";
import { isUuid } from "./users";

export type SummaryEvidenceRow = {
  id: string;
  activityId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
};

/** Evidence metadata of the given activities of the holder, in one query, oldest first per activity. */
export async function listEvidenceForActivities(db: Database, userId: string, activityIds: string[]): Promise<SummaryEvidenceRow[]> {
  const ids = [...new Set(activityIds.filter(isUuid))];
  if (ids.length === 0) return [];
  return db
    .select({
      id: evidence.id,
      activityId: evidence.activityId,
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      sizeBytes: evidence.sizeBytes,
      sha256: evidence.sha256,
    })
    .from(evidence)
    .where(and(eq(evidence.userId, userId), inArray(evidence.activityId, ids)))
    .orderBy(asc(evidence.activityId), asc(evidence.createdAt), asc(evidence.id));
}
