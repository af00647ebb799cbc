/**
 * The per-process cache of scored activities (lib/progress/cache.ts) and the data version it
 * trusts (users.data_version, bumped by the triggers of migration 0001): every change to a
 * holder's activities, exclusions or evidence is seen on the very next load, nothing else is
 * read again, and one holder's writes never touch another's version.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { countQueries, type Database } from "@/db/client";
import { createActivitiesBulk, createActivity, deleteActivity, restoreActivity, updateActivity } from "@/db/queries/activities";
import { createCertification, listCertificationsAndDismissals, upsertRenewal } from "@/db/queries/certifications";
import { createEvidence, deleteEvidence } from "@/db/queries/evidence";
import { createUser, deleteUser } from "@/db/queries/users";
import { users } from "@/db/schema";
import { loadDashboard } from "@/lib/dashboard/load";
import { resetEnvForTests } from "@/lib/env";
import { clearProgressCache, progressCacheStats } from "@/lib/progress/cache";
import { loadHolderProgress } from "@/lib/progress/load";
import { describeEachDb } from "../harness";

const AS_OF = "2026-11-26";
const webinar = (title: string, startDate = "2025-05-10", quantity = 2) => ({
  packId: "ascm",
  typeId: "online_event",
  title,
  provider: null,
  startDate,
  endDate: null,
  quantity,
  details: {},
  manualPoints: null,
  manualReason: null,
  notes: null,
});

async function versionOf(db: Database, userId: string): Promise<number> {
  const rows = await db.select({ v: users.dataVersion }).from(users).where(eq(users.id, userId));
  return rows[0]?.v ?? -1;
}

describeEachDb("progress cache and data version", (ctx) => {
  let holder = { id: "", timezone: "UTC" };
  let other = { id: "", timezone: "UTC" };
  let cpim = "";
  let cscp = "";
  const db = () => ctx.handle.db;
  /** What a page would show, and how many queries it took. */
  const load = async () => countQueries(() => loadDashboard(db(), holder, { asOf: AS_OF }));
  /** The same without any cache (the reference). */
  const fresh = async () => loadHolderProgress(db(), holder, { asOf: AS_OF });

  beforeAll(async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    holder = { id: (await createUser(db(), { email: `cache-${stamp}@example.com`, name: "Cache", passwordHash: "x", timezone: "UTC" }))!.id, timezone: "UTC" };
    other = { id: (await createUser(db(), { email: `other-${stamp}@example.com`, name: "Other", passwordHash: "x", timezone: "UTC" }))!.id, timezone: "UTC" };
    cpim = (await createCertification(db(), holder.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null }))!.id;
    cscp = (await createCertification(db(), holder.id, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2023-06-20", holderId: null }))!.id;
    await createCertification(db(), other.id, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null });
    for (let i = 0; i < 5; i++) await createActivity(db(), holder.id, webinar(`Webinar ${i}`, `2025-0${i + 1}-10`));
  });
  beforeEach(() => clearProgressCache());
  afterAll(() => {
    delete process.env.PROGRESS_CACHE_ROWS;
    resetEnvForTests();
  });

  it("reads the activities once, then answers from memory with one query while nothing changed", async () => {
    const first = await load();
    expect(first.count).toBe(2);
    const again = await load();
    expect(again.count).toBe(1);
    expect(again.result.activities).toBe(first.result.activities);
    expect(again.result.reports).toBe(first.result.reports);
    expect(progressCacheStats()).toMatchObject({ hits: 1, misses: 1, holders: 1, rows: 5 });
    const reference = await fresh();
    expect(again.result.reports).toEqual(reference.reports);
    expect(again.result.activities).toEqual(reference.activities);
  });

  it("sees every kind of change to the holder's activities on the next load", async () => {
    await load();
    const steps: [string, () => Promise<unknown>][] = [];
    let id = "";
    steps.push(["create", async () => (id = (await createActivity(db(), holder.id, webinar("Fresh webinar", "2025-09-01", 3)))!.id)]);
    steps.push(["update (points and an exclusion)", async () => updateActivity(db(), holder.id, id, 1, { ...webinar("Fresh webinar, longer", "2025-09-01", 5), excludedCertificationIds: [cscp] })]);
    steps.push(["evidence added", async () => createEvidence(db(), holder.id, { activityId: id, fileName: "c.pdf", contentType: "application/pdf", sha256: "c".repeat(64), bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }, { maxFilesPerActivity: 5 })]);
    steps.push(["soft delete", async () => deleteActivity(db(), holder.id, id)]);
    steps.push(["restore", async () => restoreActivity(db(), holder.id, id)]);
    steps.push([
      "import batch",
      async () => createActivitiesBulk(db(), holder.id, [1, 2, 3].map((n) => ({ ...webinar(`Imported ${n}`, `2024-0${n}-02`), importKey: `k-${holder.id}-${n}` }))),
    ]);
    for (const [label, step] of steps) {
      const before = await versionOf(db(), holder.id);
      await step();
      expect(await versionOf(db(), holder.id), label).toBeGreaterThan(before);
      const { result, count } = await load();
      expect(count, label).toBe(2);
      const reference = await fresh();
      expect(result.activities, label).toEqual(reference.activities);
      expect(result.reports, label).toEqual(reference.reports);
    }
    const files = (await fresh()).activities.find((a) => a.id === id);
    expect(files).toMatchObject({ evidenceCount: 1, excludedCertificationIds: [cscp], quantity: 5 });
  });

  it("bumps once per statement, only for the holders it touched", async () => {
    const mine = await versionOf(db(), holder.id);
    const theirs = await versionOf(db(), other.id);
    await createActivitiesBulk(db(), holder.id, Array.from({ length: 250 }, (_, n) => ({ ...webinar(`Row ${n}`, "2024-11-02", 0.5), importKey: `bulk-${holder.id}-${n}` })));
    expect(await versionOf(db(), holder.id)).toBe(mine + 1);
    expect(await versionOf(db(), other.id)).toBe(theirs);
    // A write that changes nothing (another holder's id) bumps nobody.
    const victim = (await fresh()).activities[0]!.id;
    expect(await deleteActivity(db(), other.id, victim)).toBe(false);
    expect(await versionOf(db(), holder.id)).toBe(mine + 1);
    expect(await versionOf(db(), other.id)).toBe(theirs);
  });

  it("re-scores without reading the activities when only the certifications changed", async () => {
    const first = await load();
    await upsertRenewal(db(), holder.id, cpim, { dueDate: "2027-03-31", submittedDate: AS_OF, approvedDate: null, pointsClaimed: null });
    const { result, count } = await load();
    expect(count).toBe(1);
    expect(result.activities).toBe(first.result.activities);
    expect(result.reports).not.toBe(first.result.reports);
    expect(result.reports).toEqual((await fresh()).reports);
    // Another day: new reports, same activities.
    const tomorrow = await countQueries(() => loadDashboard(db(), holder, { asOf: "2026-11-27" }));
    expect(tomorrow.count).toBe(1);
    expect(tomorrow.result.reports[0]?.asOf).toBe("2026-11-27");
  });

  it("keeps at most PROGRESS_CACHE_ROWS activities; a bigger holder is read every time", async () => {
    process.env.PROGRESS_CACHE_ROWS = "3";
    resetEnvForTests();
    try {
      expect((await load()).count).toBe(2);
      expect((await load()).count).toBe(2);
      expect(progressCacheStats()).toMatchObject({ holders: 0, rows: 0 });
    } finally {
      delete process.env.PROGRESS_CACHE_ROWS;
      resetEnvForTests();
    }
  });

  it("holds no version for a holder without certifications (reads the activities, caches nothing)", async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const lone = (await createUser(db(), { email: `lone-${stamp}@example.com`, name: "Lone", passwordHash: "x", timezone: "UTC" }))!.id;
    await createActivity(db(), lone, webinar("Before any certification"));
    expect((await listCertificationsAndDismissals(db(), lone)).dataVersion).toBeNull();
    const r = await countQueries(() => loadDashboard(db(), { id: lone, timezone: "UTC" }, { asOf: AS_OF }));
    expect(r.count).toBe(2);
    expect(r.result.activities).toHaveLength(1);
    expect(progressCacheStats().holders).toBe(0);
  });

  it("deleting a holder (cascading to activities, exclusions and evidence) works with the triggers", async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const gone = (await createUser(db(), { email: `gone-${stamp}@example.com`, name: "Gone", passwordHash: "x", timezone: "UTC" }))!.id;
    const cert = (await createCertification(db(), gone, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: null }))!.id;
    const a = (await createActivity(db(), gone, { ...webinar("To be deleted"), excludedCertificationIds: [cert] }))!.id;
    await createEvidence(db(), gone, { activityId: a, fileName: "x.pdf", contentType: "application/pdf", sha256: "d".repeat(64), bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }, { maxFilesPerActivity: 5 });
    expect(await deleteUser(db(), gone)).toBe(true);
    expect(await versionOf(db(), gone)).toBe(-1);
  });

  it("evidence removed is seen too", async () => {
    const a = (await createActivity(db(), holder.id, webinar("With a file")))!.id;
    const made = await createEvidence(db(), holder.id, { activityId: a, fileName: "y.pdf", contentType: "application/pdf", sha256: "e".repeat(64), bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }, { maxFilesPerActivity: 5 });
    if (made.status !== "ok") throw new Error(made.status);
    expect((await load()).result.activities.find((r) => r.id === a)?.evidenceCount).toBe(1);
    await deleteEvidence(db(), holder.id, made.evidence.id);
    const { result, count } = await load();
    expect(count).toBe(2);
    expect(result.activities.find((r) => r.id === a)?.evidenceCount).toBe(0);
  });
});
