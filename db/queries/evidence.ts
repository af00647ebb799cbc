/**
 * Evidence files: metadata rows (evidence) and, for the default PostgreSQL BlobStore, their bytes
 * (evidence_blobs). Every query is scoped by the owner; a foreign id behaves like a missing one.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, evidence, evidenceBlobs } from "@/db/schema";
import type { BlobStore } from "@/lib/evidence/blob-store";
import { isUuid } from "./users";

/** The PostgreSQL BlobStore: bytea rows keyed by a generated UUID, bound to `db` (or a transaction). */
export function pgBlobStore(db: Database): BlobStore {
  return {
    async put(owner, key, bytes) {
      await db.insert(evidenceBlobs).values({ id: key, userId: owner, data: bytes });
    },
    async get(owner, key) {
      if (!isUuid(key)) return null;
      const rows = await db
        .select({ data: evidenceBlobs.data })
        .from(evidenceBlobs)
        .where(and(eq(evidenceBlobs.userId, owner), eq(evidenceBlobs.id, key)))
        .limit(1);
      const data = rows[0]?.data;
      return data ? new Uint8Array(data) : null;
    },
    async delete(owner, key) {
      if (!isUuid(key)) return;
      await db.delete(evidenceBlobs).where(and(eq(evidenceBlobs.userId, owner), eq(evidenceBlobs.id, key)));
    },
  };
}

export type EvidenceMeta = {
  id: string;
  activityId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
};

const metaSelection = {
  id: evidence.id,
  activityId: evidence.activityId,
  fileName: evidence.fileName,
  contentType: evidence.contentType,
  sizeBytes: evidence.sizeBytes,
  sha256: evidence.sha256,
  createdAt: evidence.createdAt,
};

export type NewEvidence = {
  activityId: string;
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Uint8Array;
};

export type CreateEvidenceResult =
  | { status: "ok"; evidence: EvidenceMeta }
  | { status: "activity_not_found" }
  | { status: "too_many_files"; limit: number };

/**
 * Writes the blob and its metadata row in ONE transaction: if either write fails, neither
 * remains. `store` is injectable so tests can make the blob write fail.
 */
export async function createEvidence(
  db: Database,
  userId: string,
  input: NewEvidence,
  opts: { maxFilesPerActivity: number; store?: (tx: Database) => BlobStore },
): Promise<CreateEvidenceResult> {
  if (!isUuid(input.activityId)) return { status: "activity_not_found" };
  const makeStore = opts.store ?? pgBlobStore;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    // Lock the activity row: concurrent uploads to one activity respect the file limit.
    const owned = await tx
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.userId, userId), eq(activities.id, input.activityId), isNull(activities.deletedAt)))
      .for("update")
      .limit(1);
    if (!owned[0]) return { status: "activity_not_found" } as const;
    const [existing] = await tx
      .select({ n: count() })
      .from(evidence)
      .where(and(eq(evidence.userId, userId), eq(evidence.activityId, input.activityId)));
    if ((existing?.n ?? 0) >= opts.maxFilesPerActivity) return { status: "too_many_files", limit: opts.maxFilesPerActivity } as const;

    const blobKey = crypto.randomUUID();
    await makeStore(tx).put(userId, blobKey, input.bytes);
    const rows = await tx
      .insert(evidence)
      .values({
        userId,
        activityId: input.activityId,
        fileName: input.fileName,
        contentType: input.contentType,
        sizeBytes: input.bytes.byteLength,
        sha256: input.sha256,
        blobKey,
      })
      .returning(metaSelection);
    const row = rows[0];
    if (!row) throw new Error("evidence insert returned no row");
    return { status: "ok", evidence: row } as const;
  });
}

/** The files of one of the holder's activities, oldest first. */
export async function listEvidence(db: Database, userId: string, activityId: string): Promise<EvidenceMeta[]> {
  if (!isUuid(activityId)) return [];
  return db
    .select(metaSelection)
    .from(evidence)
    .where(and(eq(evidence.userId, userId), eq(evidence.activityId, activityId)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

export async function getEvidence(db: Database, userId: string, id: string): Promise<EvidenceMeta | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select(metaSelection)
    .from(evidence)
    .where(and(eq(evidence.userId, userId), eq(evidence.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Metadata and bytes of one file of the holder, or null (missing or another holder's). */
export async function readEvidenceFile(
  db: Database,
  userId: string,
  id: string,
  opts: { store?: (db: Database) => BlobStore } = {},
): Promise<{ meta: EvidenceMeta; bytes: Uint8Array } | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .select({ ...metaSelection, blobKey: evidence.blobKey })
    .from(evidence)
    .where(and(eq(evidence.userId, userId), eq(evidence.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const bytes = await (opts.store ?? pgBlobStore)(db).get(userId, row.blobKey);
  if (!bytes) return null;
  const { blobKey: _key, ...meta } = row;
  return { meta, bytes };
}

/** Deletes the file's metadata and bytes together. False when it is missing or another holder's. */
export async function deleteEvidence(
  db: Database,
  userId: string,
  id: string,
  opts: { store?: (tx: Database) => BlobStore } = {},
): Promise<EvidenceMeta | null> {
  if (!isUuid(id)) return null;
  const makeStore = opts.store ?? pgBlobStore;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const rows = await tx
      .delete(evidence)
      .where(and(eq(evidence.userId, userId), eq(evidence.id, id)))
      .returning({ ...metaSelection, blobKey: evidence.blobKey });
    const row = rows[0];
    if (!row) return null;
    await makeStore(tx).delete(userId, row.blobKey);
    const { blobKey: _key, ...meta } = row;
    return meta;
  });
}

/** For tests and account tooling: how many metadata rows and blobs the holder has. */
export async function countEvidenceStorage(db: Database, userId: string): Promise<{ files: number; blobs: number }> {
  const [files] = await db.select({ n: count() }).from(evidence).where(eq(evidence.userId, userId));
  const [blobs] = await db.select({ n: count() }).from(evidenceBlobs).where(eq(evidenceBlobs.userId, userId));
  return { files: Number(files?.n ?? 0), blobs: Number(blobs?.n ?? 0) };
}
