/**
 * Account export and import against a real database: import into an empty account, refusal for
 * an account with data, the round trip export → new account → import → export giving the same
 * document (ids and timestamps aside, see NOT_PRESERVED), and all-or-nothing writes.
 */
import crypto from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { accountContents } from "@/db/queries/account";
import { createActivity } from "@/db/queries/activities";
import { createCertification, setOpeningBalance, upsertRenewal } from "@/db/queries/certifications";
import { createEvidence, countEvidenceStorage, pgBlobStore } from "@/db/queries/evidence";
import { createUser, getUserById, updateProfile } from "@/db/queries/users";
import { activities, activityExclusions, certifications, openingBalances, renewals } from "@/db/schema";
import { validateActivity } from "@/lib/activities/input";
import { documentJson, exportAccount, exportAccountZip, importAccount } from "@/lib/import-export/json-account";
import { type AccountDocument, comparable, ZIP_DOCUMENT_NAME } from "@/lib/import-export/json-schema";
import { readZip } from "@/lib/import-export/zip";
import { describeEachDb } from "../harness";

const enc = new TextEncoder();
const PDF = enc.encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describeEachDb("account export and import", (ctx) => {
  const db = () => ctx.handle.db;
  let n = 0;
  async function holder(name = "Dana Holder") {
    n += 1;
    const u = await createUser(db(), { email: `h${n}-${Math.random()}@example.com`, name, passwordHash: "x", timezone: "UTC" });
    if (!u) throw new Error("no user");
    return u;
  }

  async function logActivity(userId: string, raw: Record<string, unknown>, certIds: string[] = []) {
    const v = validateActivity(raw, { certificationIds: certIds });
    if (!v.ok) throw new Error(`bad seed: ${JSON.stringify(v.fieldErrors)}`);
    const row = await createActivity(db(), userId, v.value);
    if (!row) throw new Error("not created");
    return row.id;
  }

  /** A holder with a bit of everything: two designations, history, exclusions, details, manual points, files. */
  async function seededHolder() {
    const u = await holder("Seeded Holder");
    await updateProfile(db(), u.id, { timezone: "Europe/Berlin", issuerIds: { ascm: "1234567" }, isMember: true, reminderPrefs: { email: false } });
    const cpim = (await createCertification(db(), u.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2016-03-15", holderId: "C-1" }))!;
    const cscp = (await createCertification(db(), u.id, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-06-01", holderId: null }))!;
    await upsertRenewal(db(), u.id, cpim.id, { dueDate: "2021-03-31", submittedDate: "2021-02-01", approvedDate: "2021-02-20", pointsClaimed: 75.5 });
    await setOpeningBalance(db(), u.id, cpim.id, { cycleDueDate: "2026-03-31", categoryId: "education", points: 12.5, attested: true, note: "Before Recert" });
    const ids = [cpim.id, cscp.id];
    const a1 = await logActivity(u.id, { typeId: "attend_training", title: "Lean workshop", provider: "ASCM Chapter", startDate: "2023-05-02", quantity: 7.5, notes: "Day 1\nDay 2 \"quoted\"" }, ids);
    await logActivity(u.id, { typeId: "book", title: "The Goal", startDate: "2023-09-10", details: { pages: 384 }, excludedCertificationIds: [cscp.id] }, ids);
    await logActivity(u.id, { typeId: "ascm_conference", title: "CONNECT", startDate: "2024-10-01", endDate: "2024-10-03", quantity: 3, details: { eventName: "ASCM CONNECT 2024" } }, ids);
    await logActivity(u.id, { typeId: "volunteer_service", title: "Chapter board", startDate: "2024-01-15", manualPoints: 4, manualReason: "Board agreed", details: { role: "Treasurer" }, excludedCertificationIds: [cpim.id, cscp.id] }, ids);
    // Two activities that are identical apart from their ids must both survive.
    await logActivity(u.id, { typeId: "online_event", title: "Webinar", startDate: "2024-02-02", quantity: 1 }, ids);
    await logActivity(u.id, { typeId: "online_event", title: "Webinar", startDate: "2024-02-02", quantity: 1 }, ids);
    const deleted = await logActivity(u.id, { typeId: "online_event", title: "Deleted one", startDate: "2024-02-03", quantity: 1 }, ids);
    await db().update(activities).set({ deletedAt: new Date() }).where(eq(activities.id, deleted));
    for (const [name, bytes] of [["certificate.pdf", PDF], ["photo.png", PNG]] as const) {
      const r = await createEvidence(db(), u.id, { activityId: a1, fileName: name, contentType: name.endsWith("pdf") ? "application/pdf" : "image/png", sha256: sha(bytes), bytes }, { maxFilesPerActivity: 20 });
      expect(r.status).toBe("ok");
    }
    return { user: u, cpim, cscp };
  }

  function sha(bytes: Uint8Array): string {
    return crypto.createHash("sha256").update(bytes).digest("hex");
  }

  async function rowCounts(database: Database, userId: string) {
    const c = async (table: typeof certifications | typeof renewals | typeof openingBalances | typeof activities | typeof activityExclusions) => {
      const [r] = await database.select({ n: count() }).from(table).where(eq(table.userId, userId));
      return Number(r?.n ?? 0);
    };
    return {
      certifications: await c(certifications),
      renewals: await c(renewals),
      balances: await c(openingBalances),
      activities: await c(activities),
      exclusions: await c(activityExclusions),
      ...(await countEvidenceStorage(database, userId)),
    };
  }

  let seeded: Awaited<ReturnType<typeof seededHolder>>;
  let zipBytes: Uint8Array;
  let firstDoc: AccountDocument;
  beforeAll(async () => {
    seeded = await seededHolder();
    const out = await exportAccountZip(db(), seeded.user.id, new Date("2030-01-01T00:00:00Z"));
    if (!out) throw new Error("no export");
    firstDoc = out.doc;
    zipBytes = await streamBytes(out.stream);
  });

  it("exports a complete, documented document without secrets or internals", async () => {
    expect(firstDoc).toMatchObject({ format: "recert.account", version: 1, exportedAt: "2030-01-01T00:00:00.000Z" });
    expect(firstDoc.profile).toMatchObject({ name: "Seeded Holder", timezone: "Europe/Berlin", issuerIds: { ascm: "1234567" }, isMember: true, reminderPrefs: { email: false } });
    const text = documentJson(firstDoc);
    expect(text).not.toMatch(/passwordHash|password_hash|userId|user_id|blobKey|importKey|sessionVersion|calendarToken/);
    expect(firstDoc.certifications.map((c) => c.credentialCode)).toEqual(["CPIM", "CSCP"]);
    expect(firstDoc.certifications[0]?.renewals).toEqual([{ dueDate: "2021-03-31", submittedDate: "2021-02-01", approvedDate: "2021-02-20", pointsClaimed: 75.5 }]);
    expect(firstDoc.certifications[0]?.openingBalances).toEqual([{ cycleDueDate: "2026-03-31", categoryId: "education", points: 12.5, attested: true, note: "Before Recert" }]);
    expect(firstDoc.activities).toHaveLength(6); // the deleted one is not exported
    expect(firstDoc.activities.find((a) => a.title === "Chapter board")?.excludedFor).toEqual(["CPIM", "CSCP"]);
    expect(firstDoc.activities.find((a) => a.title === "The Goal")?.excludedFor).toEqual(["CSCP"]);
    const files = firstDoc.activities.find((a) => a.title === "Lean workshop")?.evidence ?? [];
    expect(files.map((f) => [f.fileName, f.contentType, f.sizeBytes, f.sha256]).sort()).toEqual([
      ["certificate.pdf", "application/pdf", PDF.length, sha(PDF)],
      ["photo.png", "image/png", PNG.length, sha(PNG)],
    ]);
    const zip = readZip(zipBytes, { maxEntryBytes: 1e7, maxTotalBytes: 1e8, maxEntries: 100 });
    if (!zip.ok) throw new Error(zip.message);
    expect([...zip.files.keys()].sort()).toEqual([ZIP_DOCUMENT_NAME, ...files.map((f) => f.file)].sort());
    expect(JSON.parse(new TextDecoder().decode(zip.files.get(ZIP_DOCUMENT_NAME)))).toEqual(JSON.parse(text));
    for (const f of files) expect(sha(zip.files.get(f.file)!)).toBe(f.sha256);
  });

  it("round trip: export ZIP → a new account → import → export gives the same document", async () => {
    const fresh = await holder("Someone New");
    const result = await importAccount(db(), fresh.id, zipBytes);
    expect(result).toEqual({ ok: true, counts: { certifications: 2, activities: 6, evidence: 2 }, skippedEvidence: 0 });
    const second = await exportAccount(db(), fresh.id);
    expect(comparable(second!)).toEqual(comparable(firstDoc));
    // And what differs is only what is documented as not preserved.
    expect(second!.profile.email).not.toBe(firstDoc.profile.email);
    expect(second!.certifications[0]!.id).not.toBe(firstDoc.certifications[0]!.id);
    // The files came along byte for byte.
    const out = await exportAccountZip(db(), fresh.id);
    const zip = readZip(await streamBytes(out!.stream), { maxEntryBytes: 1e7, maxTotalBytes: 1e8, maxEntries: 100 });
    if (!zip.ok) throw new Error(zip.message);
    const original = readZip(zipBytes, { maxEntryBytes: 1e7, maxTotalBytes: 1e8, maxEntries: 100 });
    if (!original.ok) throw new Error(original.message);
    for (const [name, bytes] of original.files) if (name !== ZIP_DOCUMENT_NAME) expect(zip.files.get(name)).toEqual(bytes);
    // The seeded holder's rows are untouched.
    expect((await rowCounts(db(), seeded.user.id)).activities).toBe(7);
  });

  it("imports the bare JSON too, skipping (and counting) the evidence it cannot carry", async () => {
    const fresh = await holder();
    const result = await importAccount(db(), fresh.id, enc.encode(documentJson(firstDoc)));
    expect(result).toEqual({ ok: true, counts: { certifications: 2, activities: 6, evidence: 0 }, skippedEvidence: 2 });
    const again = await exportAccount(db(), fresh.id);
    const strip = (d: AccountDocument) => comparable({ ...d, activities: d.activities.map((a) => ({ ...a, evidence: [] })) });
    expect(strip(again!)).toEqual(strip(firstDoc));
    const user = await getUserById(db(), fresh.id);
    expect(user).toMatchObject({ name: "Seeded Holder", timezone: "Europe/Berlin", isMember: true });
    expect(user?.email).toBe(fresh.email);
  });

  it("refuses an account that has data, and changes nothing", async () => {
    const before = await rowCounts(db(), seeded.user.id);
    const result = await importAccount(db(), seeded.user.id, zipBytes);
    expect(result).toMatchObject({ ok: false, code: "not_empty", message: expect.stringContaining("empty account") });
    expect(await rowCounts(db(), seeded.user.id)).toEqual(before);

    // One certification is enough to refuse.
    const other = await holder();
    await createCertification(db(), other.id, { packId: "ascm", credentialCode: "CLTD", earnedDate: "2020-01-01", holderId: null });
    expect(await importAccount(db(), other.id, zipBytes)).toMatchObject({ ok: false, code: "not_empty" });
    expect(await accountContents(db(), other.id)).toEqual({ certifications: 1, activities: 0 });
  });

  it.each(["profile", "certifications", "history", "activities", "exclusions", "evidence"])(
    "a failure injected after %s leaves nothing behind",
    async (step) => {
      const fresh = await holder("Untouched");
      const attempt = importAccount(db(), fresh.id, zipBytes, {
        checkpoint: (s) => {
          if (s === step) throw new Error(`injected failure after ${s}`);
        },
      });
      await expect(attempt).rejects.toThrow("injected failure");
      expect(await rowCounts(db(), fresh.id)).toEqual({ certifications: 0, renewals: 0, balances: 0, activities: 0, exclusions: 0, files: 0, blobs: 0 });
      expect((await getUserById(db(), fresh.id))?.name).toBe("Untouched");
      // And the account can still be imported afterwards.
      expect(await importAccount(db(), fresh.id, zipBytes)).toMatchObject({ ok: true });
    },
  );

  it("a failing blob store mid-import leaves nothing behind", async () => {
    const fresh = await holder();
    let puts = 0;
    const store = (tx: Database) => {
      const real = pgBlobStore(tx);
      return {
        ...real,
        async put(owner: string, key: string, bytes: Uint8Array) {
          puts += 1;
          if (puts === 2) throw new Error("disk full");
          await real.put(owner, key, bytes);
        },
      };
    };
    await expect(importAccount(db(), fresh.id, zipBytes, { store })).rejects.toThrow("disk full");
    expect(await rowCounts(db(), fresh.id)).toMatchObject({ certifications: 0, activities: 0, files: 0, blobs: 0 });
  });

  describe("refuses damaged exports with the entry and field, writing nothing", () => {
    const mutate = (fn: (d: AccountDocument) => void): Uint8Array => {
      const d = structuredClone(firstDoc);
      fn(d);
      return enc.encode(JSON.stringify(d));
    };
    const cases: [string, () => Uint8Array, string, string][] = [
      ["not JSON", () => enc.encode("{nope"), "invalid_file", ""],
      ["another format", () => enc.encode(JSON.stringify({ format: "other" })), "invalid_document", "format"],
      ["a newer version", () => mutate((d) => Object.assign(d, { version: 2 })), "invalid_document", "version"],
      ["a bad activity date", () => mutate((d) => (d.activities[1]!.startDate = "2024-02-30")), "invalid_document", "activities.1.startDate"],
      ["an unknown activity type", () => mutate((d) => (d.activities[0]!.typeId = "skydiving")), "invalid_document", "activities.0.typeId"],
      ["negative hours", () => mutate((d) => (d.activities[0]!.quantity = -3)), "invalid_document", "activities.0.quantity"],
      ["an unknown credential", () => mutate((d) => (d.certifications[0]!.credentialCode = "XYZ")), "invalid_document", "certifications.0.credentialCode"],
      ["a duplicate certification", () => mutate((d) => d.certifications.push(structuredClone(d.certifications[0]!))), "invalid_document", "certifications.2.credentialCode"],
      ["an exclusion of a certification not in the file", () => mutate((d) => (d.activities[0]!.excludedFor = ["CLTD"])), "invalid_document", "activities.0.excludedFor.0"],
      ["a wrong member type", () => mutate((d) => Object.assign(d.activities[2]!, { title: 42 })), "invalid_document", "activities.2.title"],
      ["a bad time zone", () => mutate((d) => (d.profile.timezone = "Mars/Olympus")), "invalid_document", "profile.timezone"],
    ];
    it.each(cases)("%s", async (_label, bytes, code, field) => {
      const fresh = await holder();
      const result = await importAccount(db(), fresh.id, bytes());
      expect(result).toMatchObject({ ok: false, code });
      if (field && !result.ok) expect(Object.keys(result.problems)).toContain(field);
      expect(await rowCounts(db(), fresh.id)).toMatchObject({ certifications: 0, activities: 0 });
    });

    it("a ZIP whose file does not match its sha256", async () => {
      const zip = readZip(zipBytes, { maxEntryBytes: 1e7, maxTotalBytes: 1e8, maxEntries: 100 });
      if (!zip.ok) throw new Error(zip.message);
      const { zipSync } = await import("fflate");
      const entries = Object.fromEntries(zip.files);
      const firstFile = Object.keys(entries).find((k) => k !== ZIP_DOCUMENT_NAME)!;
      entries[firstFile] = PDF.slice().fill(0x41, 10, 12);
      const fresh = await holder();
      const result = await importAccount(db(), fresh.id, zipSync(entries));
      expect(result).toMatchObject({ ok: false, code: "invalid_document" });
      expect(JSON.stringify(result)).toContain("sha256");
      expect(await rowCounts(db(), fresh.id)).toMatchObject({ certifications: 0, activities: 0, files: 0 });
    });

    it("a ZIP without the document", async () => {
      const { zipSync } = await import("fflate");
      const fresh = await holder();
      expect(await importAccount(db(), fresh.id, zipSync({ "x.txt": enc.encode("hi") }))).toMatchObject({ ok: false, code: "invalid_file" });
    });
  });

  it("exclusions refer to the importer's own new certifications", async () => {
    const fresh = await holder();
    await importAccount(db(), fresh.id, zipBytes);
    const rows = await db()
      .select({ certOwner: certifications.userId })
      .from(activityExclusions)
      .innerJoin(certifications, eq(certifications.id, activityExclusions.certificationId))
      .where(and(eq(activityExclusions.userId, fresh.id)));
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.certOwner === fresh.id)).toBe(true);
  });
});
