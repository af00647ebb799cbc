import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signUp } from "./browser";

/** Adds a designation through the form, as a holder would. */
async function addCertification(page: Page, code: string, earned: string, holderId?: string) {
  if (!page.url().endsWith("/certifications")) await page.goto("/certifications");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add designation" }) });
  await form.getByLabel("Designation").selectOption(code);
  await form.getByLabel("Date you earned it").fill(earned);
  if (holderId) await form.getByLabel(/ID \(optional\)/).fill(holderId);
  await form.getByRole("button", { name: "Add designation" }).click();
  await page.getByRole("heading", { level: 2, name: code, exact: true }).waitFor();
}

function card(page: Page, code: string) {
  return page.locator("section", { has: page.getByRole("heading", { level: 2, name: code, exact: true }) });
}

describe.skipIf(!hasChromium)("certifications: a holder records the designations they hold", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("adds CPIM, CSCP, CLTD and SCOR-P, sees each cycle, records renewals and an attested opening balance, edits and removes", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Cert Holder" });
    await page.goto("/certifications");
    expect(await page.getByRole("heading", { name: "Add the designations you hold" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "certifications-empty");

    // CPIM earned 15 March 2022: due on the last day of March 2027, suspension ends 90 days later.
    await addCertification(page, "CPIM", "2022-03-15", "1234567");
    const cpim = card(page, "CPIM");
    await expect.poll(() => cpim.getByText("Due date", { exact: true }).locator("..").textContent()).toContain("31 Mar 2027");
    expect(await cpim.textContent()).toContain("Cycle started15 Mar 2022");
    expect(await cpim.textContent()).toContain("Suspension ends29 Jun 2027");
    expect(await cpim.getByText("Active", { exact: true }).isVisible()).toBe(true);
    expect(await cpim.textContent()).toContain("1234567");

    // The same credential twice is refused next to the field.
    const addForm = page.locator("form", { has: page.getByRole("button", { name: "Add designation" }) });
    await addForm.getByLabel("Designation").selectOption("CPIM");
    await addForm.getByLabel("Date you earned it").fill("2020-01-01");
    await addForm.getByRole("button", { name: "Add designation" }).click();
    await addForm.getByText("You have already added CPIM. Edit it below instead.").waitFor();
    // A missing date is refused next to its field, and the choice made is kept.
    await addForm.getByLabel("Designation").selectOption("CTSC");
    await addForm.getByLabel("Date you earned it").fill("");
    await addForm.getByRole("button", { name: "Add designation" }).click();
    await addForm.getByText("Enter the date you earned it.").waitFor();
    expect(await addForm.getByLabel("Designation").inputValue()).toBe("CTSC");

    await addCertification(page, "CSCP", "2023-06-20");
    await expect.poll(() => card(page, "CSCP").textContent()).toContain("30 Jun 2028");

    // SCOR-P is an endorsement: no cycle, nothing to renew.
    await addCertification(page, "SCOR-P", "2021-05-01");
    const scorp = card(page, "SCOR-P");
    expect(await scorp.textContent()).toContain("does not require maintenance");
    expect(await scorp.getByText("Endorsement", { exact: true }).isVisible()).toBe(true);
    expect(await scorp.getByText("Record a renewal").count()).toBe(0);

    // CLTD earned in 2015, renewed once: the renewal moves the due date five years on.
    await addCertification(page, "CLTD", "2015-01-10");
    const cltd = card(page, "CLTD");
    await expect.poll(() => cltd.getByText("Due date", { exact: true }).locator("..").textContent()).toContain("31 Jan 2020");
    await cltd.getByText("Record a renewal").click();
    await cltd.getByLabel("For the due date").selectOption("2020-01-31");
    await cltd.getByRole("button", { name: "Save renewal" }).click();
    // Neither date: refused next to the field.
    await cltd.getByText("Enter the date you submitted it, the date it was approved, or both.").waitFor();
    await cltd.getByLabel("Approved on (if it was)").fill("2019-11-02");
    await cltd.getByLabel("Submitted on").fill("2019-12-01");
    await cltd.getByRole("button", { name: "Save renewal" }).click();
    await cltd.getByText("The approval cannot be before the submission.").waitFor();
    await cltd.getByLabel("Submitted on").fill("2019-10-15");
    await cltd.getByRole("button", { name: "Save renewal" }).click();
    await cltd.getByText("Renewal recorded. The next cycle is shown above.").waitFor();
    await expect.poll(() => cltd.getByText("Due date", { exact: true }).locator("..").textContent()).toContain("31 Jan 2025");
    const history = cltd.getByRole("table");
    expect(await history.textContent()).toContain("15 Oct 2019");
    expect(await history.textContent()).toContain("2 Nov 2019");
    // 31 Jan 2025 + 90 days has passed (the clock is after May 2025): expired.
    expect(await cltd.getByText("Expired", { exact: true }).isVisible()).toBe(true);

    // Opening balance for CPIM's current cycle: refused until attested.
    await cpim.getByText("Opening balance", { exact: true }).click();
    await cpim.getByLabel("Education (points)").fill("12.5");
    await cpim.getByRole("button", { name: "Save opening balance" }).click();
    await cpim.getByText("Tick the box to attest these points before saving them.").waitFor();
    expect(await cpim.getByLabel("Education (points)").inputValue()).toBe("12.5");
    await cpim.getByLabel("Service (points)").fill("abc");
    await cpim.getByLabel("I attest these points were earned and can be documented").check();
    await cpim.getByRole("button", { name: "Save opening balance" }).click();
    await cpim.getByText("Service: enter points as a number with at most two decimals.").waitFor();
    await cpim.getByLabel("Service (points)").fill("3");
    await cpim.getByRole("button", { name: "Save opening balance" }).click();
    await cpim.getByText("Opening balance saved.").waitFor();
    await expect.poll(() => cpim.getByText(/^Opening balance: /).textContent()).toBe("Opening balance: 15.5 points");

    // Edit the ASCM ID.
    await cpim.getByText("Edit CPIM").click();
    await cpim.getByLabel("ASCM ID (optional)").fill("7654321");
    await cpim.getByRole("button", { name: "Save", exact: true }).click();
    await cpim.getByText("Saved.").waitFor();
    await expect.poll(() => cpim.textContent()).toContain("7654321");

    await expectAccessible(page);
    await screenshot(page, "certifications-desktop");

    // Remove SCOR-P: the confirmation says what goes with it.
    await scorp.locator("summary", { hasText: "Remove SCOR-P" }).click();
    expect(await scorp.textContent()).toContain("Your activities and their evidence stay in your log.");
    await scorp.getByRole("button", { name: "Remove SCOR-P" }).click();
    await page.getByText("SCOR-P is removed. Your activities are kept.").waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "SCOR-P", exact: true }).count()).toBe(0);

    await context.close();

    const phone = await newPage(browser, { phone: true });
    await signUp(phone.page, { name: "Phone Holder" });
    await addCertification(phone.page, "CPIM", "2022-03-15");
    await card(phone.page, "CPIM").getByText("Opening balance", { exact: true }).click();
    await expectAccessible(phone.page);
    await screenshot(phone.page, "certifications-phone");
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.context.close();
  }, 300_000);
});
