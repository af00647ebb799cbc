import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, expectAccessible, hasChromium, launch, newPage, signUp } from "./browser";

describe.skipIf(!hasChromium)("a new holder signs up and lands signed in", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the landing page, signs up, and reaches the dashboard", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeTruthy();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("without the spreadsheet");
    await expectAccessible(page);
    await signUp(page, { name: "Dana Holder" });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Dana Holder");
    await expectAccessible(page);
    await context.close();
  });
});
