/**
 * The countdown dashboard in Chromium against the built app: first run, one and three
 * designations (seeded through the app's own API v1 with the session cookie), the banners on every
 * page and their dismissal, the calendar feed from Settings. Screenshots at desktop and phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, baseUrl, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signUp } from "./browser";

/** Dates relative to the real today (UTC, as the browser's time zone is). */
function isoDaysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
/** An earned date whose ASCM due date (end of the month five years on) is about `days` away. */
function earnedForDueIn(days: number): string {
  const d = isoDaysFromToday(days);
  return `${Number(d.slice(0, 4)) - 5}${d.slice(4, 7)}-10`;
}

async function api(page: Page, path: string, data: unknown): Promise<Record<string, unknown>> {
  const res = await page.request.post(path, { data, headers: { Origin: baseUrl() } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

async function addDesignation(page: Page, credentialCode: string, earnedDate: string) {
  return api(page, "/api/v1/certifications", { packId: "ascm", credentialCode, earnedDate });
}

async function logWebinar(page: Page, title: string, startDate: string, hours: number) {
  return api(page, "/api/v1/activities", { packId: "ascm", typeId: "online_event", title, startDate, quantity: hours });
}

async function shoot(browser: Browser, cookiesFrom: Page, name: string) {
  const cookies = await cookiesFrom.context().cookies();
  for (const phone of [false, true]) {
    const { context, page } = await newPage(browser, { phone });
    await context.addCookies(cookies);
    await page.goto("/dashboard");
    await screenshot(page, `${name}-${phone ? "phone" : "desktop"}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, "no sideways scrolling").toBeLessThanOrEqual(phone ? 390 : 1280);
    await context.close();
  }
}

describe.skipIf(!hasChromium)("the countdown dashboard", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("walks a new holder to add a designation and log a first activity", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Nina New" });
    await expect.poll(() => page.getByRole("heading", { name: "Get started in two steps" }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("link", { name: "Add a designation" }).getAttribute("href")).toBe("/certifications");
    expect(await page.getByRole("link", { name: "Log an activity" }).getAttribute("href")).toBe("/activities/new");
    expect(await page.locator("[data-banner]").count()).toBe(0);
    await expectAccessible(page);
    await shoot(browser, page, "dashboard-0-designations");
    await context.close();
  });

  it("one designation due soon and short: countdown card, chart, planner, and a banner on every page until dismissed", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Omar One" });
    const cert = await addDesignation(page, "CSCP", earnedForDueIn(100));
    expect(cert).toBeTruthy();
    await logWebinar(page, "S&OP webinar series", isoDaysFromToday(-400), 20);
    await logWebinar(page, "Inventory masterclass", isoDaysFromToday(-30), 10);
    await page.goto("/dashboard");

    const card = page.getByRole("region", { name: "CSCP" });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    const text = (await card.textContent()) ?? "";
    expect(text).toMatch(/\d+days left/);
    expect(text).toContain("30 of 75 points counted");
    expect(text).toContain("45 to go");
    expect(text).toMatch(/You need [\d.]+ points a month; you have averaged [\d.]+\./);
    expect(text).toContain("How to find the missing 45 points by");
    expect(await card.getByRole("img").count()).toBe(1);
    expect(await card.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("30 of 75 points");
    expect(await card.getByRole("link", { name: /^Log it/ }).first().getAttribute("href")).toMatch(/^\/activities\/new\?type=/);
    expect(text).toContain("Earned");
    expect(text).toContain("Suspension ends");
    // The latest activities, newest first.
    const latest = page.getByRole("region", { name: "Latest activities" });
    expect(await latest.getByRole("link").nth(1).textContent()).toBe("Inventory masterclass");

    // The banner shows on every signed-in page.
    const banner = page.locator('[data-banner="due_soon"]');
    expect(await banner.count()).toBe(1);
    expect(await banner.textContent()).toMatch(/CSCP is due in \d+ days and 45 points short/);
    await expectAccessible(page);
    await shoot(browser, page, "dashboard-1-designation");
    await page.goto("/activities");
    expect(await page.locator('[data-banner="due_soon"]').count()).toBe(1);
    await page.goto("/settings");
    expect(await page.locator('[data-banner="due_soon"]').count()).toBe(1);

    // Dismissed: gone here and after a reload, until the next threshold.
    await page.getByRole("button", { name: /^Dismiss: CSCP is due/ }).click();
    await expect.poll(() => page.locator("[data-banner]").count(), { timeout: 15_000 }).toBe(0);
    await page.goto("/dashboard");
    expect(await page.locator("[data-banner]").count()).toBe(0);
    await context.close();
  });

  it("three designations on track, due soon and behind: one card each, most urgent banner first", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Tara Three" });
    await addDesignation(page, "CPIM", isoDaysFromToday(-400));
    await addDesignation(page, "CSCP", earnedForDueIn(60));
    await addDesignation(page, "CLTD", isoDaysFromToday(-900));
    // Webinars count for every ASCM designation whose window holds their date: 30 points each.
    await logWebinar(page, "APICS chapter webinar", isoDaysFromToday(-300), 10);
    await logWebinar(page, "Logistics summit sessions", isoDaysFromToday(-200), 10);
    await logWebinar(page, "Supply chain analytics course", isoDaysFromToday(-20), 10);
    await page.goto("/dashboard");
    const status = async (code: string) => page.getByRole("region", { name: code, exact: true }).locator("header span").textContent();
    expect([await status("CPIM"), await status("CSCP"), await status("CLTD")]).toEqual(["On track", "Due soon", "Behind pace"]);
    const kinds = await page.locator("[data-banner]").evaluateAll((els) => els.map((e) => e.getAttribute("data-banner")));
    expect(kinds).toEqual(["due_soon", "behind"]);
    await expectAccessible(page);
    await shoot(browser, page, "dashboard-3-designations");
    await context.close();
  });

  it("a holder with very many points: the chart's y axis fits its five-digit labels at desktop and phone width", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Max Many" });
    await addDesignation(page, "CPIM", isoDaysFromToday(-1200));
    // 24 trainings of 500 hours (1 point an hour, no cap): 12,000 points against 75 required.
    for (let i = 0; i < 24; i++) {
      await api(page, "/api/v1/activities", { packId: "ascm", typeId: "attend_training", title: `Long course ${i + 1}`, startDate: isoDaysFromToday(-1100 + i * 40), quantity: 500 });
    }
    await page.goto("/dashboard");
    const card = page.getByRole("region", { name: "CPIM", exact: true });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await card.textContent()) ?? "").toContain("12,000 of 75 points counted");
    await expectAccessible(page);
    const cookies = await page.context().cookies();
    for (const phone of [false, true]) {
      const shot = await newPage(browser, { phone });
      await shot.context.addCookies(cookies);
      await shot.page.goto("/dashboard");
      const svg = shot.page.getByRole("region", { name: "CPIM", exact: true }).getByRole("img");
      expect(await svg.count()).toBe(1);
      // Every y label (the end-anchored texts) lies inside the drawing, and at least one has five digits.
      const labels = await svg.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const yLabels = [...el.querySelectorAll("text")].filter((t) => getComputedStyle(t).textAnchor === "end" && t.textContent !== "today");
        return yLabels.map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent ?? "", left: r.left - box.left, right: box.right - r.right };
        });
      });
      expect(labels.some((l) => /^\d{2},\d{3}$/.test(l.text)), JSON.stringify(labels)).toBe(true);
      for (const l of labels) expect(l.left, `${l.text} starts inside the chart`).toBeGreaterThanOrEqual(0);
      await screenshot(shot.page, `dashboard-many-points-${phone ? "phone" : "desktop"}`);
      const width = await shot.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "no sideways scrolling").toBeLessThanOrEqual(phone ? 390 : 1280);
      await shot.context.close();
    }
    await context.close();
  });

  it("Settings: reminder e-mails, and a calendar feed that can be regenerated (the old link then 404s)", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Cal Feed" });
    await addDesignation(page, "CPIM", earnedForDueIn(200));
    await page.goto("/settings");
    const reminders = page.getByRole("region", { name: "Reminders" });
    await reminders.getByLabel("E-mail me reminders").uncheck();
    await reminders.getByRole("button", { name: "Save reminder settings" }).click();
    await expect.poll(() => reminders.getByText("Reminder e-mails are off.").isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("region", { name: "Outbox" }).textContent()).toContain("No reminders yet");

    await page.getByRole("button", { name: "Turn on the calendar feed" }).click();
    const field = page.getByLabel("Feed address (Google Calendar, others)");
    await expect.poll(() => field.isVisible(), { timeout: 15_000 }).toBe(true);
    const httpsUrl = await field.inputValue();
    expect(httpsUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await page.getByLabel("Subscribe link (Apple Calendar, Outlook)").inputValue()).toBe(httpsUrl.replace(/^https?:\/\//, "webcal://"));
    const feed = await page.request.get(httpsUrl);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("SUMMARY:CPIM maintenance due");
    await expectAccessible(page);
    await screenshot(page, "settings-reminders-desktop");

    await page.getByRole("button", { name: "New link" }).click();
    await expect.poll(() => field.inputValue(), { timeout: 15_000 }).not.toBe(httpsUrl);
    expect((await page.request.get(httpsUrl)).status()).toBe(404);
    expect((await page.request.get(await field.inputValue())).status()).toBe(200);
    await context.close();
  });

  it("a forged unsubscribe link is a 404, not an error", async () => {
    const { context, page } = await newPage(browser);
    const res = await page.goto("/unsubscribe/00000000-0000-4000-8000-000000000000.forged");
    expect(res?.status()).toBe(404);
    const post = await page.request.post("/api/unsubscribe/00000000-0000-4000-8000-000000000000.forged", { form: { "List-Unsubscribe": "One-Click" } });
    expect(post.status()).toBe(404);
    await context.close();
  });
});
