import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createActivity, deleteActivity } from "@/db/queries/activities";
import { countEvidenceStorage, createEvidence, deleteEvidence, getEvidence, listEvidence, pgBlobStore, readEvidenceFile } from "@/db/queries/evidence";
import { createUser } from "@/db/queries/users";
import type { BlobStore } from "@/lib/evidence/blob-store";
import { MAX_FILES_PER_ACTIVITY } from "@/lib/evidence/sniff";
import { attachEvidence } from "@/lib/evidence/upload";
import { describeEachDb } from "../harness";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

let n = 0;
async function holder(db: Database) {
  n += 1;
  const user = await createUser(db, { email: `ev-${n}-${Date.now()}@example.com`, name: "Ev", passwordHash: "x", timezone: "UTC" });
  if (!user) throw new Error("no user");
  const act = await createActivity(db, user.id, {
    packId: "ascm",
    typeId: "online_event",
    title: "Webinar",
    provider: null,
    startDate: "2024-05-01",
    endDate: null,
    quantity: 1,
    details: {},
    manualPoints: null,
    manualReason: null,
    notes: null,
  });
  if (!act) throw new Error("no activity");
  return { userId: user.id, activityId: act.id };
}

describeEachDb("evidence storage", (ctx) => {
  it("stores metadata and bytes, lists, downloads and deletes them for the owner", async () => {
    const db = ctx.handle.db;
    const { userId, activityId } = await holder(db);
    const r = await attachEvidence(db, userId, { activityId, fileName: "../Certificate\u202E.pdf", bytes: PDF });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.evidence).toMatchObject({ activityId, fileName: "Certificate.pdf", contentType: "application/pdf", sizeBytes: PDF.length });
    expect(r.evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await listEvidence(db, userId, activityId)).map((e) => e.id)).toEqual([r.evidence.id]);
    const file = await readEvidenceFile(db, userId, r.evidence.id);
    expect(file && Buffer.from(file.bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(await countEvidenceStorage(db, userId)).toEqual({ files: 1, blobs: 1 });
    expect(await deleteEvidence(db, userId, r.evidence.id)).toMatchObject({ id: r.evidence.id });
    expect(await countEvidenceStorage(db, userId)).toEqual({ files: 0, blobs: 0 });
    expect(await deleteEvidence(db, userId, r.evidence.id)).toBeNull();
  });

  it("treats another holder's file and activity exactly like missing ones", async () => {
    const db = ctx.handle.db;
    const a = await holder(db);
    const b = await holder(db);
    const r = await attachEvidence(db, a.userId, { activityId: a.activityId, fileName: "a.png", bytes: PNG });
    if (!r.ok) throw new Error(r.message);
    const id = r.evidence.id;
    expect(await getEvidence(db, b.userId, id)).toBeNull();
    expect(await readEvidenceFile(db, b.userId, id)).toBeNull();
    expect(await listEvidence(db, b.userId, a.activityId)).toEqual([]);
    expect(await deleteEvidence(db, b.userId, id)).toBeNull();
    const foreign = await attachEvidence(db, b.userId, { activityId: a.activityId, fileName: "b.pdf", bytes: PDF });
    const missing = await attachEvidence(db, b.userId, { activityId: crypto.randomUUID(), fileName: "b.pdf", bytes: PDF });
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ ok: false, status: 404, code: "not_found" });
    // The blob store itself is scoped by owner too.
    expect(await countEvidenceStorage(db, a.userId)).toEqual({ files: 1, blobs: 1 });
    expect(await countEvidenceStorage(db, b.userId)).toEqual({ files: 0, blobs: 0 });
    expect(await getEvidence(db, a.userId, id)).not.toBeNull();
    expect(await getEvidence(db, a.userId, "not-a-uuid")).toBeNull();
  });

  it("leaves no evidence row and no blob when the blob write fails (before or after writing)", async () => {
    const db = ctx.handle.db;
    const { userId, activityId } = await holder(db);
    const failingBefore = (): BlobStore => ({
      put: async () => {
        throw new Error("disk full");
      },
      get: async () => null,
      delete: async () => {},
    });
    const failingAfter = (tx: Database): BlobStore => {
      const real = pgBlobStore(tx);
      return {
        ...real,
        put: async (owner, key, bytes) => {
          await real.put(owner, key, bytes);
          throw new Error("connection lost after the write");
        },
      };
    };
    for (const store of [failingBefore, failingAfter]) {
      await expect(attachEvidence(db, userId, { activityId, fileName: "x.pdf", bytes: PDF }, { store })).rejects.toThrow();
      expect(await countEvidenceStorage(db, userId)).toEqual({ files: 0, blobs: 0 });
    }
  });

  it("leaves no blob when the metadata row cannot be written", async () => {
    const db = ctx.handle.db;
    const { userId, activityId } = await holder(db);
    // PostgreSQL refuses a NUL character in text: the blob is written first, then the metadata insert fails.
    const write = createEvidence(
      db,
      userId,
      { activityId, fileName: "bad\u0000name.pdf", contentType: "application/pdf", sha256: "0".repeat(64), bytes: PDF },
      { maxFilesPerActivity: 20 },
    );
    await expect(write).rejects.toThrow();
    expect(await countEvidenceStorage(db, userId)).toEqual({ files: 0, blobs: 0 });
  });

  it("refuses files to a deleted activity and past the per-activity limit", async () => {
    const db = ctx.handle.db;
    const { userId, activityId } = await holder(db);
    for (let i = 0; i < MAX_FILES_PER_ACTIVITY; i++) {
      const r = await attachEvidence(db, userId, { activityId, fileName: `p${i}.png`, bytes: PNG });
      expect(r.ok).toBe(true);
    }
    const over = await attachEvidence(db, userId, { activityId, fileName: "one-more.png", bytes: PNG });
    expect(over).toMatchObject({ ok: false, status: 409, code: "too_many_files" });
    expect(await countEvidenceStorage(db, userId)).toEqual({ files: MAX_FILES_PER_ACTIVITY, blobs: MAX_FILES_PER_ACTIVITY });
    await deleteActivity(db, userId, activityId);
    const gone = await attachEvidence(db, userId, { activityId, fileName: "late.png", bytes: PNG });
    expect(gone).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses bad bytes before touching the database", async () => {
    const db = ctx.handle.db;
    const { userId, activityId } = await holder(db);
    const html = await attachEvidence(db, userId, { activityId, fileName: "x.pdf", bytes: new TextEncoder().encode("<html></html>") });
    expect(html).toMatchObject({ ok: false, status: 415, code: "html_file", fields: { file: expect.stringContaining("web page") } });
    expect(await countEvidenceStorage(db, userId)).toEqual({ files: 0, blobs: 0 });
  });
});
