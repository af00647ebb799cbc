/**
 * The combined queries that keep every signed-in page within 4 SQL statements (bench:queries):
 * each returns exactly what the separate queries it replaces returned, scoped to the owner.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { countQueries } from "@/db/client";
import { createActivity, deleteActivity, getActivity, getActivityWithEvidence } from "@/db/queries/activities";
import { createApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";
import { dismissBanner, listDismissedBanners } from "@/db/queries/banners";
import { createCertification, listCertifications, listCertificationsAndDismissals, upsertRenewal } from "@/db/queries/certifications";
import { createEvidence, listEvidence } from "@/db/queries/evidence";
import { insertOutboxMessage, listOutbox } from "@/db/queries/outbox";
import { createSession, listSessions, revokeSession } from "@/db/queries/sessions";
import { listSettingsRows } from "@/db/queries/settings";
import { createUser } from "@/db/queries/users";
import { describeEachDb } from "../harness";

const fields = (title: string, startDate = "2024-03-10") => ({
  packId: "ascm",
  typeId: "attend_training",
  title,
  provider: null,
  startDate,
  endDate: null,
  quantity: 2,
  details: {},
  manualPoints: null,
  manualReason: null,
  notes: `notes of ${title}`,
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describeEachDb("page queries", (ctx) => {
  let alice = "";
  let bob = "";
  beforeAll(async () => {
    const db = ctx.handle.db;
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    alice = (await createUser(db, { email: `alice-${stamp}@example.com`, name: "Alice", passwordHash: "x", timezone: "UTC" }))!.id;
    bob = (await createUser(db, { email: `bob-${stamp}@example.com`, name: "Bob", passwordHash: "x", timezone: "UTC" }))!.id;
  });

  describe("certifications with dismissed banners", () => {
    it("are the holder's certifications as listCertifications gives them, and the holder's dismissals only, in one query", async () => {
      const db = ctx.handle.db;
      const cpim = (await createCertification(db, alice, { packId: "ascm", credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: "123" }))!.id;
      await createCertification(db, alice, { packId: "ascm", credentialCode: "CSCP", earnedDate: "2021-01-10", holderId: null });
      await upsertRenewal(db, alice, cpim, { dueDate: "2027-03-31", submittedDate: "2026-11-01", approvedDate: null, pointsClaimed: 80 });
      await createCertification(db, bob, { packId: "ascm", credentialCode: "CLTD", earnedDate: "2023-01-10", holderId: null });
      await dismissBanner(db, alice, `ready:${cpim}:2027-03-31`);
      await dismissBanner(db, alice, "behind:x:2027-03-31");
      await dismissBanner(db, bob, "bob-only");

      const { result, count } = await countQueries(() => listCertificationsAndDismissals(db, alice));
      expect(count).toBe(1);
      expect(result.certifications).toEqual(await listCertifications(db, alice));
      expect(result.certifications.map((c) => c.credentialCode)).toEqual(["CSCP", "CPIM"]);
      expect(result.certifications[1]?.renewals[0]).toMatchObject({ dueDate: "2027-03-31", pointsClaimed: 80 });
      expect([...result.dismissed].sort()).toEqual([...(await listDismissedBanners(db, alice))].sort());
      expect(result.dismissed).not.toContain("bob-only");
    });

    it("give nothing for a holder without certifications (no certification, no banner)", async () => {
      const db = ctx.handle.db;
      const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const carol = (await createUser(db, { email: `carol-${stamp}@example.com`, name: "Carol", passwordHash: "x", timezone: "UTC" }))!.id;
      await dismissBanner(db, carol, "stale-key");
      expect(await listCertificationsAndDismissals(db, carol)).toEqual({ certifications: [], dismissed: [], dataVersion: null });
    });
  });

  describe("activity with its evidence", () => {
    it("is getActivity plus listEvidence in one query, owner-scoped, none for a deleted activity", async () => {
      const db = ctx.handle.db;
      const a = (await createActivity(db, alice, fields("Workshop A")))!.id;
      const other = (await createActivity(db, alice, fields("Workshop B")))!.id;
      for (const name of ["one.pdf", "two.pdf"]) {
        const r = await createEvidence(db, alice, { activityId: a, fileName: name, contentType: "application/pdf", sha256: name.padEnd(64, "0"), bytes: pdf(name) }, { maxFilesPerActivity: 10 });
        expect(r.status).toBe("ok");
      }
      await createEvidence(db, alice, { activityId: other, fileName: "elsewhere.pdf", contentType: "application/pdf", sha256: "e".repeat(64), bytes: pdf("x") }, { maxFilesPerActivity: 10 });

      const { result, count } = await countQueries(() => getActivityWithEvidence(db, alice, a));
      expect(count).toBe(1);
      expect(result?.activity).toEqual(await getActivity(db, alice, a));
      const files = await listEvidence(db, alice, a);
      expect(result?.files).toEqual(files);
      expect(result?.files.map((f) => f.fileName)).toEqual(["one.pdf", "two.pdf"]);
      expect(result?.files[0]?.createdAt).toBeInstanceOf(Date);

      expect(await getActivityWithEvidence(db, bob, a)).toBeNull();
      expect(await getActivityWithEvidence(db, alice, "not-a-uuid")).toBeNull();
      expect(await deleteActivity(db, alice, other)).toBe(true);
      expect(await getActivityWithEvidence(db, alice, other)).toBeNull();
      const none = (await createActivity(db, alice, fields("Webinar without files")))!.id;
      expect((await getActivityWithEvidence(db, alice, none))?.files).toEqual([]);
    });
  });

  describe("settings lists", () => {
    it("are listApiTokens, listOutbox and listSessions in one query, the holder's own only", async () => {
      const db = ctx.handle.db;
      for (const name of ["first", "second", "third"]) await createApiToken(db, alice, { name, tokenHash: `${alice}-${name}`, prefix: name.slice(0, 4) });
      const revoked = await createApiToken(db, alice, { name: "revoked", tokenHash: `${alice}-revoked`, prefix: "revo" });
      await revokeApiToken(db, alice, revoked.id);
      await createApiToken(db, bob, { name: "bob's", tokenHash: `${bob}-token`, prefix: "bobs" });
      for (let i = 0; i < 23; i++) await insertOutboxMessage(db, alice, { toAddress: "alice@example.com", subject: `Reminder ${i}`, textBody: "t", htmlBody: "<p>h</p>" });
      await insertOutboxMessage(db, bob, { toAddress: "bob@example.com", subject: "Bob's", textBody: "t", htmlBody: "h" });
      const now = Date.now();
      await createSession(db, alice, "Laptop", new Date(now - 3600_000));
      await createSession(db, alice, "Phone", new Date(now - 60_000));
      await createSession(db, alice, "Too old", new Date(now - 31 * 24 * 3600_000));
      await revokeSession(db, alice, await createSession(db, alice, "Signed out"));
      await createSession(db, bob, "Bob's browser");

      const { result, count } = await countQueries(() => listSettingsRows(db, alice, 20));
      expect(count).toBe(1);
      expect(result.tokens).toEqual(await listApiTokens(db, alice));
      expect(result.tokens.map((t) => t.name).sort()).toEqual(["first", "second", "third"]);
      expect(result.outbox).toEqual(await listOutbox(db, alice, 20));
      expect(result.outbox).toHaveLength(20);
      expect(result.outbox.some((m) => m.subject === "Bob's")).toBe(false);
      expect(result.tokens[0]?.createdAt).toBeInstanceOf(Date);
      expect(result.tokens[0]?.lastUsedAt).toBeNull();
      expect(result.sessions).toEqual(await listSessions(db, alice, 30 * 24 * 3600_000));
      expect(result.sessions.map((x) => x.userAgent)).toEqual(["Phone", "Laptop"]);
      expect(result.sessions[0]?.lastSeenAt).toBeInstanceOf(Date);

      const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const dave = (await createUser(db, { email: `dave-${stamp}@example.com`, name: "Dave", passwordHash: "x", timezone: "UTC" }))!.id;
      expect(await listSettingsRows(db, dave)).toEqual({ tokens: [], outbox: [], sessions: [] });
      expect(await listSettingsRows(db, "00000000-0000-4000-8000-000000000000")).toEqual({ tokens: [], outbox: [], sessions: [] });
    });
  });
});
