/**
 * The app shell in Chromium: axe-core (WCAG 2.1 A/AA) on every page with no serious or critical
 * violation, at desktop and phone width; no sideways scrolling on a phone; the navigation and
 * its phone menu; keyboard focus order; and screenshots of the landing, sign-up, sign-in,
 * dashboard and settings pages at both widths for people to look at (test-results/screens/<db>/shell-*).
 * No failed sign-ins here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  type BrowserContext,
  collectServerErrors,
  expectAccessible,
  hasChromium,
  launch,
  newPage,
  type Page,
  screenshot,
  seriousA11yViolations,
  signUp,
  submitForm,
} from "./browser";

const PUBLIC_PAGES = [
  { path: "/", name: "landing", heading: "Keep your CPIM, CSCP, CLTD or CTSC alive, without the spreadsheet." },
  { path: "/sign-in", name: "sign-in", heading: "Sign in to Recert" },
  { path: "/sign-up", name: "sign-up", heading: "Create your Recert account" },
];
const APP_PAGES = [
  { path: "/dashboard", name: "dashboard" },
  { path: "/activities", name: "activities" },
  { path: "/certifications", name: "certifications" },
  { path: "/summary", name: "summary" },
  { path: "/settings", name: "settings" },
];
const SCREENSHOTS = new Set(["landing", "sign-in", "sign-up", "dashboard", "settings"]);
const NAV = ["Dashboard", "Activities", "Certifications", "Summary", "Settings"];

/** Width of content that sticks out sideways (0 when the page fits the viewport). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Accessible-ish name of the focused element: its label, aria-label or text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "(body)";
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (label ?? el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
  });
}

describe.skipIf(!hasChromium)("app shell", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[][] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    expect(errors.flat()).toEqual([]);
  });

  async function open(phone: boolean): Promise<Page> {
    const { context, page } = await newPage(browser, { phone, timezoneId: "America/New_York" });
    contexts.push(context);
    errors.push(collectServerErrors(page));
    return page;
  }

  for (const phone of [false, true]) {
    const width = phone ? "phone" : "desktop";

    describe(`at ${width} width`, () => {
      let page: Page;
      beforeAll(async () => {
        page = await open(phone);
      });

      it.each(PUBLIC_PAGES)("public page $path: one h1, accessible, fits the screen", async ({ path, name, heading }) => {
        const res = await page.goto(path);
        expect(res?.status()).toBe(200);
        expect(await page.getByRole("heading", { level: 1 }).allTextContents()).toEqual([heading]);
        expect(await page.title()).toMatch(/Recert/);
        await expectAccessible(page);
        expect(await sidewaysOverflow(page)).toBe(0);
        if (SCREENSHOTS.has(name)) await screenshot(page, `shell-${name}-${width}`, { parts: true });
      });

      it("shows the sign-up form's messages accessibly", async () => {
        await page.goto("/sign-up");
        await page.getByLabel("Email").fill("not an email");
        await submitForm(page, "Create account");
        expect(await page.getByText("Enter an email address like name@example.com.").isVisible()).toBe(true);
        await expectAccessible(page);
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, `shell-sign-up-errors-${width}`);
      });

      it("signs up into the app", async () => {
        await signUp(page, { name: phone ? "Pat Phone" : "Dee Desktop" });
      });

      it.each(APP_PAGES)("signed-in page $path: navigation, one h1, accessible, fits the screen", async ({ path, name }) => {
        const res = await page.goto(path);
        expect(res?.status()).toBe(200);
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
        const nav = page.getByRole("navigation", { name: "Main" });
        // The current page is marked for screen readers.
        const current = nav.locator('[aria-current="page"]');
        expect(await current.count()).toBe(1);
        expect(await current.getAttribute("href")).toBe(path);
        await expectAccessible(page);
        expect(await sidewaysOverflow(page)).toBe(0);
        if (SCREENSHOTS.has(name)) await screenshot(page, `shell-${name}-${width}`, { parts: true });
      });

      it("answers an unknown address with an accessible 404 page", async () => {
        const res = await page.goto("/no-such-page");
        expect(res?.status()).toBe(404);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
        await expectAccessible(page);
        expect(await sidewaysOverflow(page)).toBe(0);
      });
    });
  }

  it("keeps every navigation link visible at desktop width", async () => {
    const page = await open(false);
    await signUp(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of NAV) expect(await nav.getByRole("link", { name: label }).isVisible(), label).toBe(true);
    expect(await nav.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Sign out", exact: true }).isVisible()).toBe(true);
  });

  it("folds the navigation into a menu button at phone width that opens, navigates and closes", async () => {
    const page = await open(true);
    await signUp(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    expect(await menu.isVisible()).toBe(true);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await nav.getByRole("link", { name: "Activities" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Sign out", exact: true }).isVisible()).toBe(true);

    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    for (const label of NAV) expect(await nav.getByRole("link", { name: label }).isVisible(), label).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "shell-menu-open-phone");

    await nav.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL("**/settings");
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await nav.getByRole("link", { name: "Activities" }).isVisible()).toBe(false);
  });

  it("moves keyboard focus in reading order on the sign-in form, and the app offers a skip link", async () => {
    const page = await open(false);
    await page.goto("/sign-in");
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    expect(order).toEqual(["Recert home", "Email", "Password", "Sign in", "Create an account"]);

    await signUp(page);
    await page.goto("/dashboard");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("Skip to content");
    expect(await page.getByRole("link", { name: "Skip to content" }).isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    // After skipping, focus continues inside the main content, not in the header.
    const inMain = await page.evaluate(() => !!document.activeElement?.closest("main"));
    expect(inMain).toBe(true);
  });

  it("finds no serious violation on the settings page with every form showing errors", async () => {
    const page = await open(true);
    await signUp(page);
    await page.goto("/settings");
    await page.getByLabel("Name", { exact: true }).fill("");
    await submitForm(page, "Save profile");
    await submitForm(page, "Change password");
    await submitForm(page, "Delete my account and all my data");
    expect(await page.getByText("Enter your name.").isVisible()).toBe(true);
    expect(await page.getByText("Enter your current password.").isVisible()).toBe(true);
    expect(await page.getByText("Enter your password to confirm.").isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, "shell-settings-errors-phone", { parts: true });
  });
});
