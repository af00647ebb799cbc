import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  type ActivityFields,
  createActivity,
  deleteActivity,
  findLikelyDuplicates,
  getActivity,
  listActivities,
  listActivitiesForScoring,
  restoreActivity,
  updateActivity,
} from "@/db/queries/activities";
import {
  countExclusions,
  createCertification,
  deleteCertification,
  deleteRenewal,
  getCertification,
  listCertifications,
  setOpeningBalances,
  updateCertification,
  upsertRenewal,
} from "@/db/queries/certifications";
import { createUser } from "@/db/queries/users";
import { evidence, evidenceBlobs } from "@/db/schema";
import { describeEachDb } from "../harness";

const MISSING = "00000000-0000-4000-8000-000000000000";

function fields(over: Partial<ActivityFields> = {}): ActivityFields {
  return {
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
    ...over,
  };
}

describeEachDb("activity and certification queries", (ctx) => {
  let alice: string;
  let bob: string;
  let aliceCpim: string;
  let aliceCscp: string;
  let bobCpim: string;

  beforeAll(async () => {
    const db = ctx.handle.db;
    const mk = async (name: string) => (await createUser(db, { name, email: `${name}-${Math.random()}@example.com`, passwordHash: "x", timezone: "UTC" }))!.id;
    alice = await mk("alice");
    bob = await mk("bob");
    aliceCpim = (await createCertification(db, alice, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null }))!.id;
    aliceCscp = (await createCertification(db, alice, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-06-01", holderId: "123" }))!.id;
    bobCpim = (await createCertification(db, bob, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2020-01-10", holderId: null }))!.id;
  });

  async function snapshot(table: "activities" | "certifications" | "renewals" | "opening_balances" | "activity_exclusions") {
    const r = await ctx.handle.db.execute(sql.raw(`select * from ${table} order by 1`));
    return JSON.stringify((r as unknown as { rows: unknown[] }).rows);
  }

  it("refuses a second certification with the same credential", async () => {
    expect(await createCertification(ctx.handle.db, alice, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2019-01-01", holderId: null })).toBeNull();
    expect((await listCertifications(ctx.handle.db, alice)).map((c) => c.credentialCode)).toEqual(["CPIM", "CSCP"]);
  });

  it("treats another holder's certification like a missing one and changes nothing", async () => {
    const db = ctx.handle.db;
    const before = [await snapshot("certifications"), await snapshot("renewals"), await snapshot("opening_balances")];
    expect(await getCertification(db, alice, bobCpim)).toBeNull();
    expect(await getCertification(db, alice, MISSING)).toBeNull();
    expect(await getCertification(db, alice, "not-a-uuid")).toBeNull();
    expect(await updateCertification(db, alice, bobCpim, { earnedDate: "2001-01-01" })).toBe(false);
    expect(await deleteCertification(db, alice, bobCpim)).toBe(false);
    expect(await upsertRenewal(db, alice, bobCpim, { dueDate: "2025-01-31", submittedDate: "2025-01-01", approvedDate: null, pointsClaimed: 75 })).toBe(false);
    expect(await setOpeningBalances(db, alice, bobCpim, "2025-01-31", [{ categoryId: "education", points: 10 }], { attested: true, note: null })).toBe(false);
    expect(await countExclusions(db, alice, bobCpim)).toBe(0);
    expect([await snapshot("certifications"), await snapshot("renewals"), await snapshot("opening_balances")]).toEqual(before);
  });

  it("records a renewal per due date, updates it, and deletes it only for its owner", async () => {
    const db = ctx.handle.db;
    expect(await upsertRenewal(db, alice, aliceCpim, { dueDate: "2027-03-31", submittedDate: "2027-01-10", approvedDate: null, pointsClaimed: 80 })).toBe(true);
    expect(await upsertRenewal(db, alice, aliceCpim, { dueDate: "2027-03-31", submittedDate: "2027-01-10", approvedDate: "2027-02-01", pointsClaimed: 80 })).toBe(true);
    const cert = await getCertification(db, alice, aliceCpim);
    expect(cert?.renewals).toEqual([
      { id: expect.any(String), dueDate: "2027-03-31", submittedDate: "2027-01-10", approvedDate: "2027-02-01", pointsClaimed: 80 },
    ]);
    const renewalId = cert!.renewals[0]!.id;
    expect(await deleteRenewal(db, bob, renewalId)).toBe(false);
    expect((await getCertification(db, alice, aliceCpim))?.renewals).toHaveLength(1);
    expect(await deleteRenewal(db, alice, renewalId)).toBe(true);
    expect((await getCertification(db, alice, aliceCpim))?.renewals).toEqual([]);
  });

  it("replaces a cycle's opening balance in one go; 0 points removes a category", async () => {
    const db = ctx.handle.db;
    const lines = [
      { categoryId: "education", points: 12.5 },
      { categoryId: "service", points: 4 },
    ];
    expect(await setOpeningBalances(db, alice, aliceCpim, "2027-03-31", lines, { attested: true, note: "from my spreadsheet" })).toBe(true);
    let cert = await getCertification(db, alice, aliceCpim);
    expect(cert?.openingBalances.map((b) => [b.categoryId, b.points, b.attested, b.note])).toEqual([
      ["education", 12.5, true, "from my spreadsheet"],
      ["service", 4, true, "from my spreadsheet"],
    ]);
    await setOpeningBalances(db, alice, aliceCpim, "2027-03-31", [{ categoryId: "education", points: 20 }, { categoryId: "service", points: 0 }], { attested: true, note: null });
    cert = await getCertification(db, alice, aliceCpim);
    expect(cert?.openingBalances.map((b) => [b.categoryId, b.points])).toEqual([["education", 20]]);
  });

  it("treats another holder's activity like a missing one and changes nothing", async () => {
    const db = ctx.handle.db;
    const mine = (await createActivity(db, bob, fields({ title: "Bob's webinar" })))!.id;
    const before = await snapshot("activities");
    expect(await getActivity(db, alice, mine)).toBeNull();
    expect(await getActivity(db, alice, mine, { includeDeleted: true })).toBeNull();
    expect(await updateActivity(db, alice, mine, 1, fields({ title: "hijacked" }))).toEqual({ status: "not_found" });
    expect(await deleteActivity(db, alice, mine)).toBe(false);
    expect(await restoreActivity(db, alice, mine)).toBe(false);
    expect(await updateActivity(db, alice, MISSING, 1, fields())).toEqual({ status: "not_found" });
    expect(await updateActivity(db, alice, "nope", 1, fields())).toEqual({ status: "not_found" });
    expect(await findLikelyDuplicates(db, alice, { typeId: "online_event", startDate: "2024-05-01", title: "Bob's webinar" })).toEqual([]);
    expect(await snapshot("activities")).toBe(before);
    expect((await getActivity(db, bob, mine))?.title).toBe("Bob's webinar");
  });

  it("saves only at the version read, and says what the newer version is", async () => {
    const db = ctx.handle.db;
    const id = (await createActivity(db, alice, fields({ title: "Version test" })))!.id;
    expect(await updateActivity(db, alice, id, 1, fields({ title: "Tab A" }))).toEqual({ status: "ok", version: 2 });
    const stale = await updateActivity(db, alice, id, 1, fields({ title: "Tab B" }));
    expect(stale.status).toBe("conflict");
    if (stale.status === "conflict") {
      expect(stale.current.title).toBe("Tab A");
      expect(stale.current.version).toBe(2);
    }
    expect((await getActivity(db, alice, id))?.title).toBe("Tab A");
    expect(await updateActivity(db, alice, id, 2, fields({ title: "Tab B, after reading" }))).toEqual({ status: "ok", version: 3 });
  });

  it("soft-deletes, hides, and restores an activity", async () => {
    const db = ctx.handle.db;
    const id = (await createActivity(db, alice, fields({ title: "Delete me" })))!.id;
    expect(await deleteActivity(db, alice, id)).toBe(true);
    expect(await deleteActivity(db, alice, id)).toBe(false);
    expect(await getActivity(db, alice, id)).toBeNull();
    expect((await getActivity(db, alice, id, { includeDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    expect((await listActivitiesForScoring(db, alice)).some((a) => a.id === id)).toBe(false);
    expect((await listActivities(db, alice, { search: "Delete me" })).total).toBe(0);
    expect(await updateActivity(db, alice, id, 1, fields())).toEqual({ status: "not_found" });
    expect(await restoreActivity(db, alice, id)).toBe(true);
    expect(await restoreActivity(db, alice, id)).toBe(false);
    const back = await getActivity(db, alice, id);
    expect(back?.title).toBe("Delete me");
    expect(back?.deletedAt).toBeNull();
    expect(back?.version).toBe(2);
  });

  it("keeps exclusions to the holder's own certifications and replaces them on update", async () => {
    const db = ctx.handle.db;
    const id = (await createActivity(db, alice, { ...fields({ title: "Excluded" }), excludedCertificationIds: [aliceCscp, bobCpim, "junk"] }))!.id;
    expect((await getActivity(db, alice, id))?.excludedCertificationIds).toEqual([aliceCscp]);
    expect(await countExclusions(db, alice, aliceCscp)).toBe(1);
    expect(await updateActivity(db, alice, id, 1, { ...fields({ title: "Excluded" }), excludedCertificationIds: [aliceCpim] })).toEqual({ status: "ok", version: 2 });
    expect((await getActivity(db, alice, id))?.excludedCertificationIds).toEqual([aliceCpim]);
    expect(await updateActivity(db, alice, id, 2, { ...fields({ title: "Excluded" }), excludedCertificationIds: [] })).toEqual({ status: "ok", version: 3 });
    expect((await getActivity(db, alice, id))?.excludedCertificationIds).toEqual([]);
    // Without the key, an update leaves the exclusions alone.
    await updateActivity(db, alice, id, 3, { ...fields({ title: "Excluded" }), excludedCertificationIds: [aliceCpim] });
    await updateActivity(db, alice, id, 4, fields({ title: "Excluded, renamed" }));
    expect((await getActivity(db, alice, id))?.excludedCertificationIds).toEqual([aliceCpim]);
  });

  it("finds likely duplicates by type, date and title in any letter case", async () => {
    const db = ctx.handle.db;
    const id = (await createActivity(db, alice, fields({ title: "Lean Six Sigma day", typeId: "attend_training", startDate: "2024-02-02", quantity: 8 })))!.id;
    const probe = { typeId: "attend_training", startDate: "2024-02-02", title: "  lean six SIGMA day " };
    expect(await findLikelyDuplicates(db, alice, probe)).toEqual([{ id, title: "Lean Six Sigma day", startDate: "2024-02-02" }]);
    expect(await findLikelyDuplicates(db, alice, { ...probe, excludeId: id })).toEqual([]);
    expect(await findLikelyDuplicates(db, alice, { ...probe, startDate: "2024-02-03" })).toEqual([]);
    expect(await findLikelyDuplicates(db, alice, { ...probe, typeId: "online_event" })).toEqual([]);
  });

  it("deleting a certification takes its renewals, balances and exclusions, never activities", async () => {
    const db = ctx.handle.db;
    const certId = (await createCertification(db, alice, { packId: "ascm", credentialCode: "CLTD", earnedDate: "2021-01-01", holderId: null }))!.id;
    await upsertRenewal(db, alice, certId, { dueDate: "2026-01-31", submittedDate: "2025-12-01", approvedDate: null, pointsClaimed: null });
    await setOpeningBalances(db, alice, certId, "2026-01-31", [{ categoryId: "education", points: 5 }], { attested: true, note: null });
    const actId = (await createActivity(db, alice, { ...fields({ title: "Not for CLTD" }), excludedCertificationIds: [certId] }))!.id;
    expect(await countExclusions(db, alice, certId)).toBe(1);
    expect(await deleteCertification(db, alice, certId)).toBe(true);
    expect(await getCertification(db, alice, certId)).toBeNull();
    const act = await getActivity(db, alice, actId);
    expect(act?.title).toBe("Not for CLTD");
    expect(act?.excludedCertificationIds).toEqual([]);
  });

  describeList();

  function describeList() {
    let carol: string;
    let carolCert: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const db = ctx.handle.db;
      carol = (await createUser(db, { name: "carol", email: `carol-${Math.random()}@example.com`, passwordHash: "x", timezone: "UTC" }))!.id;
      carolCert = (await createCertification(db, carol, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2022-01-01", holderId: null }))!.id;
      const rows: [string, Partial<ActivityFields>][] = [
        ["a", { title: "Alpha webinar", typeId: "online_event", startDate: "2024-01-10", provider: "ASCM" }],
        ["b", { title: "beta book", typeId: "book", startDate: "2024-03-05", quantity: null, details: { pages: 300 }, provider: "Wiley" }],
        ["c", { title: "Chapter board", typeId: "volunteer_service", startDate: "2023-01-01", quantity: null }],
        ["d", { title: "Delta 100% training", typeId: "attend_training", startDate: "2024-06-30", quantity: 8, provider: "Acme_Training" }],
        ["e", { title: "Echo conference", typeId: "ascm_conference", startDate: "2022-10-01", quantity: 3, details: { eventName: "Connect" } }],
      ];
      for (const [k, f] of rows) ids[k] = (await createActivity(db, carol, fields(f)))!.id;
      // One of them has evidence; one is excluded from the certification; one is deleted.
      const blob = await db.insert(evidenceBlobs).values({ userId: carol, data: new Uint8Array([1, 2, 3]) }).returning({ id: evidenceBlobs.id });
      await db.insert(evidence).values({ userId: carol, activityId: ids.a!, fileName: "a.pdf", contentType: "application/pdf", sizeBytes: 3, sha256: "x", blobKey: blob[0]!.id });
      await updateActivity(db, carol, ids.b!, 1, { ...fields(rows[1]![1]), excludedCertificationIds: [carolCert] });
      ids.z = (await createActivity(db, carol, fields({ title: "Zulu deleted", startDate: "2024-02-01" })))!.id;
      await deleteActivity(db, carol, ids.z);
    });

    const titles = async (...args: Parameters<typeof listActivities> extends [unknown, unknown, ...infer R] ? R : never) =>
      (await listActivities(ctx.handle.db, carol, ...args)).rows.map((r) => r.title);

    it("lists the holder's live activities newest first, with the total", async () => {
      const { rows, total } = await listActivities(ctx.handle.db, carol, {});
      expect(total).toBe(5);
      expect(rows.map((r) => r.title)).toEqual(["Delta 100% training", "beta book", "Alpha webinar", "Chapter board", "Echo conference"]);
      expect(rows.find((r) => r.title === "Alpha webinar")?.evidenceCount).toBe(1);
      expect(rows.find((r) => r.title === "beta book")?.excludedCertificationIds).toEqual([carolCert]);
      expect((await listActivities(ctx.handle.db, alice, { search: "Alpha webinar" })).total).toBe(0);
    });

    it("filters by type, date range, missing evidence, designation and search (wildcards literal)", async () => {
      expect(await titles({ typeIds: ["book", "online_event"] })).toEqual(["beta book", "Alpha webinar"]);
      expect(await titles({ typeIds: [] })).toEqual([]);
      expect(await titles({ from: "2024-01-10", to: "2024-03-05" })).toEqual(["beta book", "Alpha webinar"]);
      expect(await titles({ missingEvidence: true })).toEqual(["Delta 100% training", "beta book", "Chapter board", "Echo conference"]);
      expect(await titles({ countsForCertificationId: carolCert })).toEqual(["Delta 100% training", "Alpha webinar", "Chapter board", "Echo conference"]);
      expect(await titles({ search: "WEBINAR" })).toEqual(["Alpha webinar"]);
      expect(await titles({ search: "wiley" })).toEqual(["beta book"]);
      expect(await titles({ search: "100%" })).toEqual(["Delta 100% training"]);
      expect(await titles({ search: "%" })).toEqual(["Delta 100% training"]);
      expect(await titles({ search: "_" })).toEqual(["Delta 100% training"]);
      expect(await titles({ search: "zulu" })).toEqual([]);
    });

    it("sorts and paginates with the total of all pages", async () => {
      expect(await titles({}, { sort: "date_asc" })).toEqual(["Echo conference", "Chapter board", "Alpha webinar", "beta book", "Delta 100% training"]);
      expect(await titles({}, { sort: "title_asc" })).toEqual(["Alpha webinar", "beta book", "Chapter board", "Delta 100% training", "Echo conference"]);
      expect(await titles({}, { sort: "title_desc" })).toEqual(["Echo conference", "Delta 100% training", "Chapter board", "beta book", "Alpha webinar"]);
      const p1 = await listActivities(ctx.handle.db, carol, {}, { sort: "title_asc", page: 1, pageSize: 2 });
      const p3 = await listActivities(ctx.handle.db, carol, {}, { sort: "title_asc", page: 3, pageSize: 2 });
      const p4 = await listActivities(ctx.handle.db, carol, {}, { sort: "title_asc", page: 4, pageSize: 2 });
      expect([p1.total, p1.rows.map((r) => r.title)]).toEqual([5, ["Alpha webinar", "beta book"]]);
      expect([p3.total, p3.rows.map((r) => r.title)]).toEqual([5, ["Echo conference"]]);
      expect(p4.rows).toEqual([]);
      expect(p4.total).toBe(5);
    });

    it("gives the engine every live activity with exclusions and evidence, or only a pack's within a window", async () => {
      const all = await listActivitiesForScoring(ctx.handle.db, carol);
      expect(all.map((r) => r.title)).toEqual(["Echo conference", "Chapter board", "Alpha webinar", "beta book", "Delta 100% training"]);
      expect(all.find((r) => r.title === "Alpha webinar")?.evidenceCount).toBe(1);
      expect(all.find((r) => r.title === "beta book")?.excludedCertificationIds).toEqual([carolCert]);
      expect(all.find((r) => r.title === "Delta 100% training")).toMatchObject({ evidenceCount: 0, excludedCertificationIds: [], quantity: 8 });
      const window = await listActivitiesForScoring(ctx.handle.db, carol, { packId: "ascm", from: "2024-01-10", to: "2024-03-05" });
      expect(window.map((r) => r.title)).toEqual(["Alpha webinar", "beta book"]);
      expect(await listActivitiesForScoring(ctx.handle.db, carol, { packId: "pmi" })).toEqual([]);
      expect(await listActivitiesForScoring(ctx.handle.db, alice, { from: "2022-10-01", to: "2022-10-01" })).toEqual([]);
    });
  }
});
