import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listOutbox } from "@/db/queries/outbox";
import { updateProfile } from "@/db/queries/users";
import { remindersSent } from "@/db/schema";
import { visibleBanners } from "@/lib/dashboard/banners";
import { loadDashboard } from "@/lib/dashboard/load";
import { outboxTransport, smtpTransport } from "@/lib/mail/transport";
import { runReminders } from "@/lib/reminders/job";
import { describeEachDb } from "../harness";
import { APP_URL, recordingTransport, SECRET, seedHolder, startSmtp } from "./support";

const NOW = new Date("2027-01-15T12:00:00Z");
const ASOF = "2027-01-15";

/** One CSCP holder per status on 15 Jan 2027, with the banner they see and the mail they get. */
const HOLDERS = [
  { status: "on_track", earned: "2024-01-10", points: 60, banner: null, subject: null },
  { status: "behind", earned: "2022-09-10", points: 20, banner: "behind", subject: "CSCP: due in 258 days, 55 points to go" },
  { status: "due_soon", earned: "2022-03-10", points: 20, banner: "due_soon", subject: "CSCP: due in 75 days, 55 points to go" },
  { status: "suspended", earned: "2021-12-10", points: 20, banner: "suspended", subject: "CSCP is suspended: renew by 31 Mar 2027" },
  { status: "expired", earned: "2021-06-10", points: 20, banner: "expired", subject: null },
  { status: "complete", earned: "2023-01-10", points: 80, banner: "ready", subject: "CSCP: you have the points, ready to submit by 2028-01-31" },
] as const;

describeEachDb("reminder e-mails: each status, real SMTP, exactly once", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const seeded = new Map<string, { userId: string; email: string }>();
  beforeAll(async () => {
    smtp = await startSmtp();
    for (const h of HOLDERS) {
      seeded.set(h.status, await seedHolder(ctx.handle.db, { certs: [{ code: "CSCP", earned: h.earned, points: h.points }] }));
    }
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it.each(HOLDERS)("a holder $status sees banner: $banner", async ({ status, banner }) => {
    const h = seeded.get(status)!;
    const data = await loadDashboard(ctx.handle.db, { id: h.userId, timezone: "UTC" }, { asOf: ASOF });
    expect(data.reports[0]?.status).toBe(status);
    expect(visibleBanners(data.reports, data.dismissed).map((b) => b.kind)).toEqual(banner ? [banner] : []);
  });

  it("sends each holder the right mail on the day, over SMTP, with text, HTML and one-click unsubscribe", async () => {
    const transport = smtpTransport(smtp.url, "Recert <reminders@recert.test>");
    const result = await runReminders({ handle: ctx.handle, now: NOW, transport, appUrl: APP_URL, secret: SECRET });
    transport.close();
    expect(result).toMatchObject({ ran: true, holders: 6, mails: 4, reminders: 4, failures: 0 });
    for (const h of HOLDERS) {
      const mails = smtp.received.filter((m) => m.to.includes(seeded.get(h.status)!.email));
      expect(mails.map((m) => m.subject)).toEqual(h.subject ? [h.subject] : []);
    }
    const one = smtp.received[0]!.raw;
    expect(one).toMatch(/Content-Type: multipart\/alternative/i);
    expect(one).toMatch(/Content-Type: text\/plain/i);
    expect(one).toMatch(/Content-Type: text\/html/i);
    const headers = smtp.received[0]!.headers;
    expect(headers).toMatch(/List-Unsubscribe: <https:\/\/recert\.test\/api\/unsubscribe\/[0-9a-f-]{36}\.[\w-]+>/);
    expect(headers).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const rows = await ctx.handle.db.select().from(remindersSent);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt !== null)).toBe(true);
  });

  it("run again the same day (or the next): no second mail", async () => {
    const before = smtp.received.length;
    for (const now of [NOW, new Date("2027-01-16T12:00:00Z")]) {
      const transport = smtpTransport(smtp.url, "Recert <reminders@recert.test>");
      const r = await runReminders({ handle: ctx.handle, now, transport, appUrl: APP_URL, secret: SECRET });
      transport.close();
      expect(r.mails).toBe(0);
    }
    expect(smtp.received.length).toBe(before);
  });

  it("a holder who turned e-mails off gets none", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CPIM", earned: "2022-03-10", points: 5 }] });
    await updateProfile(ctx.handle.db, h.userId, { reminderPrefs: { email: false } });
    const transport = recordingTransport();
    await runReminders({ handle: ctx.handle, now: NOW, transport, appUrl: APP_URL, secret: SECRET });
    expect(transport.sent.filter((s) => s.userId === h.userId)).toEqual([]);
  });
});

describeEachDb("reminder e-mails: SMTP down, then back", (ctx) => {
  it("nothing is marked sent while SMTP is down; the next run sends", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CLTD", earned: "2022-03-10", points: 10 }] });
    const down = await startSmtp();
    const deadUrl = down.url;
    await down.close(); // the port is now closed: connection refused

    const failing = smtpTransport(deadUrl, "Recert <reminders@recert.test>");
    const first = await runReminders({ handle: ctx.handle, now: NOW, transport: failing, appUrl: APP_URL, secret: SECRET });
    failing.close();
    expect(first).toMatchObject({ ran: true, mails: 0, failures: 1 });
    let rows = await ctx.handle.db.select().from(remindersSent).where(eq(remindersSent.userId, h.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "d90", status: "pending", attempts: 1, sentAt: null });
    expect(rows[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);

    const up = await startSmtp();
    const working = smtpTransport(up.url, "Recert <reminders@recert.test>");
    const second = await runReminders({ handle: ctx.handle, now: new Date("2027-01-15T13:00:00Z"), transport: working, appUrl: APP_URL, secret: SECRET });
    working.close();
    await up.close();
    expect(second).toMatchObject({ mails: 1, failures: 0 });
    expect(up.received.map((m) => m.subject)).toEqual(["CLTD: due in 75 days, 65 points to go"]);
    rows = await ctx.handle.db.select().from(remindersSent).where(eq(remindersSent.userId, h.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("a reminder claimed by a run that died before recording the outcome is retried by the next run", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CPIM", earned: "2021-12-10", points: 10 }] });
    const [cert] = h.certIds;
    await ctx.handle.db.insert(remindersSent).values({ userId: h.userId, certificationId: cert!, dueDate: "2026-12-31", kind: "suspended", status: "pending", attempts: 1 });
    const transport = recordingTransport();
    const r = await runReminders({ handle: ctx.handle, now: NOW, transport, appUrl: APP_URL, secret: SECRET });
    expect(transport.sent.filter((s) => s.userId === h.userId).map((s) => s.message.subject)).toEqual(["CPIM is suspended: renew by 31 Mar 2027"]);
    expect(r.failures).toBe(0);
    const rows = await ctx.handle.db.select().from(remindersSent).where(eq(remindersSent.userId, h.userId));
    expect(rows).toMatchObject([{ status: "sent", attempts: 2 }]);
  });

  it("without SMTP the mail lands in the holder's outbox", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CTSC", earned: "2021-12-10", points: 10 }] });
    const log = console.log;
    const lines: string[] = [];
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await runReminders({ handle: ctx.handle, now: NOW, transport: outboxTransport(ctx.handle.db), appUrl: APP_URL, secret: SECRET });
    } finally {
      console.log = log;
    }
    const outbox = await listOutbox(ctx.handle.db, h.userId);
    expect(outbox.map((m) => m.subject)).toEqual(["CTSC is suspended: renew by 31 Mar 2027"]);
    expect(outbox[0]!.htmlBody).toContain("<!doctype html>");
    expect(outbox[0]!.textBody).toContain(`${APP_URL}/unsubscribe/${h.userId}.`);
    expect(lines.some((l) => l.includes("[mail] outbox") && l.includes("CTSC is suspended"))).toBe(true);
  });
});

describeEachDb("reminder e-mails: the ladder day by day, in the holder's time zone", (ctx) => {
  it("365, 180, 90, 30, 7 days before, on the due date, then suspension; nothing in between", async () => {
    // CSCP earned 10 Mar 2022: due 31 Mar 2027, suspension until 29 Jun 2027.
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CSCP", earned: "2022-03-10", points: 10 }] });
    const days: [string, string | null][] = [
      ["2026-03-30", null],
      ["2026-03-31", "CSCP: due in 365 days, 65 points to go"],
      ["2026-04-01", null],
      ["2026-10-01", null],
      ["2026-10-02", "CSCP: due in 180 days, 65 points to go"],
      ["2026-12-31", "CSCP: due in 90 days, 65 points to go"],
      ["2027-01-01", null],
      ["2027-03-01", "CSCP: due in 30 days, 65 points to go"],
      ["2027-03-24", "CSCP: due in 7 days, 65 points to go"],
      ["2027-03-30", null],
      ["2027-03-31", "CSCP is due today (31 Mar 2027)"],
      ["2027-04-01", "CSCP is suspended: renew by 29 Jun 2027"],
      ["2027-04-02", null],
      ["2027-07-01", null],
    ];
    for (const [day, subject] of days) {
      const transport = recordingTransport();
      await runReminders({ handle: ctx.handle, now: new Date(`${day}T12:00:00Z`), transport, appUrl: APP_URL, secret: SECRET });
      const mine = transport.sent.filter((s) => s.userId === h.userId).map((s) => s.message.subject);
      expect([day, mine]).toEqual([day, subject ? [subject] : []]);
    }
  });

  it("'today' is the holder's own date: Auckland is already at 90 days when UTC is at 91", async () => {
    const utc = await seedHolder(ctx.handle.db, { timezone: "UTC", certs: [{ code: "CPIM", earned: "2022-03-10", points: 10 }] });
    const nz = await seedHolder(ctx.handle.db, { timezone: "Pacific/Auckland", certs: [{ code: "CPIM", earned: "2022-03-10", points: 10 }] });
    const transport = recordingTransport();
    // 30 Dec 2026 12:00 UTC is 31 Dec 01:00 in Auckland: 90 days before 31 Mar 2027 there, 91 in UTC.
    await runReminders({ handle: ctx.handle, now: new Date("2026-12-30T12:00:00Z"), transport, appUrl: APP_URL, secret: SECRET });
    const subjectFor = (userId: string) => transport.sent.filter((s) => s.userId === userId).map((s) => s.message.subject);
    expect(subjectFor(nz.userId)).toEqual(["CPIM: due in 90 days, 65 points to go"]);
    expect(subjectFor(utc.userId)).toEqual(["CPIM: due in 91 days, 65 points to go"]);
    const kinds = await ctx.handle.db.select({ userId: remindersSent.userId, kind: remindersSent.kind }).from(remindersSent);
    expect(kinds.find((k) => k.userId === nz.userId)?.kind).toBe("d90");
    expect(kinds.find((k) => k.userId === utc.userId)?.kind).toBe("d180");
  });

  it("one digest for a holder with several designations due the same day", async () => {
    const h = await seedHolder(ctx.handle.db, {
      certs: [
        { code: "CPIM", earned: "2022-03-10", points: 10 },
        { code: "CSCP", earned: "2022-03-20", points: 10 },
        { code: "CLTD", earned: "2021-12-10", points: 10 },
      ],
    });
    const transport = recordingTransport();
    await runReminders({ handle: ctx.handle, now: NOW, transport, appUrl: APP_URL, secret: SECRET });
    const mine = transport.sent.filter((s) => s.userId === h.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message.subject).toBe("Recert: 3 reminders about your CLTD, CPIM, CSCP");
    const rows = await ctx.handle.db.select().from(remindersSent).where(eq(remindersSent.userId, h.userId));
    expect(rows.map((r) => r.kind).sort()).toEqual(["d90", "d90", "suspended"]);
  });
});
