import ICAL from "ical.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as calendarFeed } from "@/app/api/calendar/[token]/route";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/api/unsubscribe/[token]/route";
import { dismissBanner, listDismissedBanners } from "@/db/queries/banners";
import { getUserByCalendarToken, setCalendarToken } from "@/db/queries/calendar";
import { getUserById } from "@/db/queries/users";
import { newCalendarToken } from "@/lib/calendar/token";
import { resetEnvForTests } from "@/lib/env";
import { unsubscribeToken } from "@/lib/reminders/token";
import { describeEachDb } from "../harness";
import { SECRET, seedHolder } from "./support";

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describeEachDb("calendar feed, unsubscribe link and banner dismissals", (ctx) => {
  const saved = process.env.AUTH_SECRET;
  beforeAll(() => {
    process.env.AUTH_SECRET = SECRET;
    resetEnvForTests();
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
    resetEnvForTests();
  });

  it("serves the holder's ICS at /api/calendar/<token>.ics; a wrong or revoked token gets 404", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CSCP", earned: "2022-03-10", points: 20 }, { code: "CPIM", earned: "2023-07-01", points: 20 }] });
    const token = newCalendarToken();
    await setCalendarToken(ctx.handle.db, h.userId, token);
    const req = (name: string) => calendarFeed(new Request(`http://recert.test/api/calendar/${name}`, { headers: { host: "recert.test" } }), params({ token: name }));

    const res = await req(`${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const dues = events.filter((e) => e.uid.startsWith("due-")).map((e) => [e.summary, e.startDate.toString(), e.startDate.isDate]);
    expect(dues.sort()).toEqual([
      ["CPIM maintenance due", "2028-07-31", true],
      ["CSCP maintenance due", "2027-03-31", true],
    ]);
    expect(events.filter((e) => e.uid.startsWith("suspension-end-")).map((e) => e.startDate.toString()).sort()).toEqual(["2027-06-29", "2028-10-29"]);
    expect(events.filter((e) => e.uid.startsWith("reminder-"))).toHaveLength(10);
    expect(events[0]!.component.getFirstPropertyValue("url")).toBe("http://recert.test/dashboard");

    expect((await req(`${token}`)).status).toBe(404);
    expect((await req(`${newCalendarToken()}.ics`)).status).toBe(404);
    expect((await req("not-a-token.ics")).status).toBe(404);

    // Regenerate: the old URL stops working, the new one works.
    const fresh = newCalendarToken();
    await setCalendarToken(ctx.handle.db, h.userId, fresh);
    expect((await req(`${token}.ics`)).status).toBe(404);
    expect((await req(`${fresh}.ics`)).status).toBe(200);
    // Revoke.
    await setCalendarToken(ctx.handle.db, h.userId, null);
    expect((await req(`${fresh}.ics`)).status).toBe(404);
    expect(await getUserByCalendarToken(ctx.handle.db, fresh)).toBeNull();
  });

  it("unsubscribes with the signed link: GET shows the page, POST (RFC 8058 one-click) turns e-mails off", async () => {
    const h = await seedHolder(ctx.handle.db, { certs: [{ code: "CLTD", earned: "2022-03-10", points: 5 }] });
    const token = unsubscribeToken(h.userId, SECRET);
    const get = await unsubscribeGet(new Request(`http://recert.test/api/unsubscribe/${token}`), params({ token }));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`/unsubscribe/${encodeURIComponent(token)}`);
    expect((await getUserById(ctx.handle.db, h.userId))?.reminderPrefs.email).toBe(true);

    const forged = unsubscribeToken(h.userId, "some-other-secret-0123456789-0123456789");
    const bad = await unsubscribePost(
      new Request(`http://recert.test/api/unsubscribe/${forged}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      params({ token: forged }),
    );
    expect(bad.status).toBe(404);
    expect((await getUserById(ctx.handle.db, h.userId))?.reminderPrefs.email).toBe(true);

    const post = await unsubscribePost(
      new Request(`http://recert.test/api/unsubscribe/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      params({ token }),
    );
    expect(post.status).toBe(200);
    expect((await getUserById(ctx.handle.db, h.userId))?.reminderPrefs.email).toBe(false);

    const fromPage = await unsubscribePost(
      new Request(`http://recert.test/api/unsubscribe/${token}`, { method: "POST", body: "from=page", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      params({ token }),
    );
    expect(fromPage.status).toBe(303);
    expect(fromPage.headers.get("location")).toBe(`/unsubscribe/${encodeURIComponent(token)}?done=1`);
  });

  it("banner dismissals are per holder", async () => {
    const a = await seedHolder(ctx.handle.db, { certs: [] });
    const b = await seedHolder(ctx.handle.db, { certs: [] });
    const key = "due_soon:0b5f8f3e-4c1a-4f7e-9a7e-2d7c1f0a9b11:2027-03-31:90";
    await dismissBanner(ctx.handle.db, a.userId, key);
    await dismissBanner(ctx.handle.db, a.userId, key);
    expect(await listDismissedBanners(ctx.handle.db, a.userId)).toEqual([key]);
    expect(await listDismissedBanners(ctx.handle.db, b.userId)).toEqual([]);
  });
});
