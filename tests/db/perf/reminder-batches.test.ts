/**
 * The reminder run reads a batch of holders in three queries (bench:reminders): each batch
 * function returns, per holder, exactly what the one-holder query gives; and the run, with
 * several holders in flight, sends each due reminder once and stops after failures in a row.
 */
import { expect, it } from "vitest";
import { countQueries } from "@/db/client";
import { createActivity, listActivitiesForScoring } from "@/db/queries/activities";
import { listCertifications, listCertificationsOfHolders } from "@/db/queries/certifications";
import { createEvidence } from "@/db/queries/evidence";
import {
  countActivitiesOfHolders,
  listActivitiesForScoringOfHolders,
  listSentReminders,
  listSentRemindersOfHolders,
} from "@/db/queries/reminders";
import type { MailTransport } from "@/lib/mail/transport";
import { runReminders } from "@/lib/reminders/job";
import { describeEachDb } from "../harness";
import { APP_URL, recordingTransport, SECRET, seedHolder } from "../reminders/support";

const NOW = new Date("2027-01-15T12:00:00Z");

describeEachDb("reminder batches", (ctx) => {
  it("give each holder what the one-holder queries give, in four queries for the batch", async () => {
    const db = ctx.handle.db;
    const a = await seedHolder(db, { certs: [{ code: "CSCP", earned: "2022-03-10", points: 20 }, { code: "CPIM", earned: "2021-12-10", points: 20 }] });
    const b = await seedHolder(db, { certs: [{ code: "CLTD", earned: "2022-09-10", points: 30 }] });
    const c = await seedHolder(db, { certs: [] });
    for (let i = 0; i < 5; i++) {
      await createActivity(db, b.userId, {
        packId: "ascm",
        typeId: "attend_training",
        title: `Workshop ${i}`,
        provider: null,
        startDate: "2024-06-01",
        endDate: null,
        quantity: 1 + i,
        details: {},
        manualPoints: null,
        manualReason: null,
        notes: null,
        excludedCertificationIds: i === 0 ? b.certIds : [],
      });
    }
    const withFile = (await listActivitiesForScoring(db, b.userId))[1]!.id;
    await createEvidence(db, b.userId, { activityId: withFile, fileName: "x.pdf", contentType: "application/pdf", sha256: "f".repeat(64), bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }, { maxFilesPerActivity: 5 });
    await runReminders({ handle: ctx.handle, now: NOW, transport: recordingTransport(), appUrl: APP_URL, secret: SECRET });

    const ids = [a.userId, b.userId, c.userId];
    const { result, count } = await countQueries(async () => ({
      certs: await listCertificationsOfHolders(db, ids),
      acts: await listActivitiesForScoringOfHolders(db, ids),
      sent: await listSentRemindersOfHolders(db, ids),
      sizes: await countActivitiesOfHolders(db, ids),
    }));
    expect(count).toBe(4);
    for (const id of ids) {
      expect(result.certs.get(id)).toEqual(await listCertifications(db, id));
      expect(result.acts.get(id)).toEqual(await listActivitiesForScoring(db, id));
      const sent = (rows: { id: string }[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
      expect(sent(result.sent.get(id) ?? [])).toEqual(sent(await listSentReminders(db, id)));
      expect(result.sizes.get(id)).toBe((await listActivitiesForScoring(db, id)).length);
    }
    expect(result.acts.get(b.userId)?.find((r) => r.id === withFile)?.evidenceCount).toBe(1);
    expect(result.acts.get(b.userId)?.some((r) => r.excludedCertificationIds.length === 1)).toBe(true);
    expect(result.sent.get(a.userId)?.length).toBeGreaterThan(0);
    expect(result.certs.get(c.userId)).toEqual([]);
    expect(await listCertificationsOfHolders(db, [])).toEqual(new Map());
  });

  it("sends each due reminder once with holders in flight together, and a second run sends nothing", async () => {
    const db = ctx.handle.db;
    const holders: { userId: string }[] = [];
    for (let i = 0; i < 30; i++) holders.push(await seedHolder(db, { certs: [{ code: "CSCP", earned: "2022-03-10", points: 20 }] }));
    const sent = recordingTransport(3);
    const first = await runReminders({ handle: ctx.handle, now: NOW, transport: sent, appUrl: APP_URL, secret: SECRET, batchSize: 7, concurrency: 5 });
    expect(first.failures).toBe(0);
    const mine = sent.sent.filter((s) => holders.some((h) => h.userId === s.userId));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((s) => s.userId)).size).toBe(30);
    const again = recordingTransport();
    await runReminders({ handle: ctx.handle, now: NOW, transport: again, appUrl: APP_URL, secret: SECRET, concurrency: 5 });
    expect(again.sent.filter((s) => holders.some((h) => h.userId === s.userId))).toEqual([]);
  });

  it("stops starting holders after failures in a row; what it did not reach is sent by the next run", async () => {
    const db = ctx.handle.db;
    const holders: { userId: string }[] = [];
    for (let i = 0; i < 12; i++) holders.push(await seedHolder(db, { certs: [{ code: "CLTD", earned: "2022-03-10", points: 20 }] }));
    let attempts = 0;
    const down: MailTransport = {
      kind: "smtp",
      async send() {
        attempts += 1;
        await new Promise((r) => setTimeout(r, 2));
        throw new Error("connect ECONNREFUSED");
      },
      close() {},
    };
    const r = await runReminders({ handle: ctx.handle, now: NOW, transport: down, appUrl: APP_URL, secret: SECRET, maxConsecutiveFailures: 3, concurrency: 4 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.mails).toBe(0);
    // At most the limit plus the holders already in flight when it was reached.
    expect(r.failures).toBeGreaterThanOrEqual(3);
    expect(r.failures).toBeLessThanOrEqual(3 + 4 - 1);
    expect(attempts).toBe(r.failures);
    const up = recordingTransport();
    await runReminders({ handle: ctx.handle, now: NOW, transport: up, appUrl: APP_URL, secret: SECRET });
    const got = up.sent.filter((s) => holders.some((h) => h.userId === s.userId));
    expect(new Set(got.map((s) => s.userId)).size).toBe(12);
    expect(got).toHaveLength(12);
  });
});
