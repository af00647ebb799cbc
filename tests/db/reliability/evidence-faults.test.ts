/**
 * An evidence write that fails mid-way leaves nothing behind (ASVS 2.3.3; reference R11), for
 * faults at each step of createEvidence's transaction: the blob write fails, the blob is written
 * and then the transaction fails, the metadata insert fails, and (PostgreSQL) the connection is
 * killed by the server in the middle of the transaction. After each: no evidence row, no blob,
 * and the next upload to the same activity works. (The HTTP-level faults, an upload cut off and
 * a server killed during uploads, are in tests/e2e/reliability/reliability.e2e.ts.)
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createActivity } from "@/db/queries/activities";
import { createEvidence, pgBlobStore } from "@/db/queries/evidence";
import { createUser } from "@/db/queries/users";
import { validateActivity } from "@/lib/activities/input";
import type { BlobStore } from "@/lib/evidence/blob-store";
import { describeEachDb } from "../harness";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describeEachDb("evidence faults mid-way", (ctx) => {
  async function setup() {
    const db = ctx.handle.db;
    const user = await createUser(db, { email: `faults-${crypto.randomUUID()}@example.com`, name: "Fault", passwordHash: "x", timezone: "UTC" });
    if (!user) throw new Error("no user");
    const v = validateActivity({ typeId: "attend_training", title: "Workshop", startDate: "2024-03-10", quantity: 2 });
    if (!v.ok) throw new Error("bad draft");
    const a = await createActivity(db, user.id, v.value);
    if (!a) throw new Error("no activity");
    return { db, userId: user.id, activityId: a.id };
  }

  async function counts(db: Database, userId: string) {
    const r = await db.execute(
      sql`select (select count(*) from evidence where user_id = ${userId})::int as evidence, (select count(*) from evidence_blobs where user_id = ${userId})::int as blobs`,
    );
    const row = (Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows)[0] as { evidence: number; blobs: number };
    return { evidence: Number(row.evidence), blobs: Number(row.blobs) };
  }

  const input = (activityId: string, fileName = "proof.pdf") => ({
    activityId,
    fileName,
    contentType: "application/pdf",
    sha256: crypto.createHash("sha256").update(PDF).digest("hex"),
    bytes: PDF,
  });

  it("leaves no evidence row and no blob, whichever step fails", async () => {
    const { db, userId, activityId } = await setup();
    const faults: [string, (tx: Database) => BlobStore, Partial<ReturnType<typeof input>>?][] = [
      [
        "the blob write fails",
        (tx) => ({
          ...pgBlobStore(tx),
          put: async () => {
            throw new Error("disk full");
          },
        }),
      ],
      [
        "the blob is written, then the transaction fails",
        (tx) => ({
          ...pgBlobStore(tx),
          put: async (owner, key, bytes) => {
            await pgBlobStore(tx).put(owner, key, bytes);
            await tx.execute(sql`select 1 / 0`);
          },
        }),
      ],
      // The metadata row breaks a constraint (content_type NOT NULL) after the blob went in.
      ["the metadata insert fails", pgBlobStore, { contentType: null as unknown as string }],
    ];
    if (ctx.target === "postgres") {
      faults.push([
        "the server kills the connection mid-transaction",
        (tx) => ({
          ...pgBlobStore(tx),
          put: async (owner, key, bytes) => {
            await pgBlobStore(tx).put(owner, key, bytes);
            await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
          },
        }),
      ]);
    }
    for (const [what, store, over] of faults) {
      await expect(createEvidence(db, userId, { ...input(activityId), ...(over ?? {}) }, { maxFilesPerActivity: 20, store }), what).rejects.toThrow();
      expect(await counts(db, userId), what).toEqual({ evidence: 0, blobs: 0 });
    }
    // And the next upload works (the pool replaced a killed connection).
    const ok = await createEvidence(db, userId, input(activityId), { maxFilesPerActivity: 20 });
    expect(ok.status).toBe("ok");
    expect(await counts(db, userId)).toEqual({ evidence: 1, blobs: 1 });
    console.log(`[evidence faults ${ctx.target}] ${faults.length} faults injected mid-write: 0 orphan rows`);
  });
});
