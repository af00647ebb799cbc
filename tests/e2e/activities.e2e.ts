import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signUp } from "./browser";

async function addCertification(page: Page, code: string, earned: string) {
  await page.goto("/certifications");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add designation" }) });
  await form.getByLabel("Designation").selectOption(code);
  await form.getByLabel("Date you earned it").fill(earned);
  await form.getByRole("button", { name: "Add designation" }).click();
  await page.getByRole("heading", { level: 2, name: code, exact: true }).waitFor();
}

type Entry = {
  typeId: string;
  title: string;
  start: string;
  end?: string;
  /** Inputs by their label (exact), as the holder sees them. */
  fields?: Record<string, string>;
  selects?: Record<string, string>;
  points: string;
};

// One activity of every ASCM type, with the points the rules give (ASCM rules from 2018).
const EVERY_TYPE: Entry[] = [
  { typeId: "attend_training", title: "Lean warehousing workshop", start: "2024-02-06", fields: { Hours: "7.5" }, points: "7.5" },
  { typeId: "online_event", title: "Demand sensing webinar", start: "2024-02-20", fields: { Hours: "1.5" }, points: "1.5" },
  { typeId: "ascm_conference", title: "ASCM Connect 2024", start: "2024-10-07", end: "2024-10-08", fields: { "Days attended": "2", "Conference name": "Connect 2024" }, points: "16" },
  { typeId: "college_course", title: "Operations strategy (MBA)", start: "2024-01-15", end: "2024-04-26", fields: { "Credit hours": "3", Weeks: "15" }, points: "45" },
  { typeId: "ascm_exam", title: "CLTD exam", start: "2024-05-02", selects: { Exam: "CLTD" }, points: "20" },
  { typeId: "cpim_module_exam", title: "CPIM MPR module", start: "2024-03-03", selects: { Module: "MPR" }, points: "10" },
  { typeId: "learning_system", title: "CTSC learning system", start: "2024-06-10", selects: { "Learning system": "CTSC" }, fields: { "Post-assessment score (%)": "86" }, points: "30" },
  { typeId: "endorsement_exam", title: "SCOR-P endorsement exam", start: "2024-07-01", selects: { Endorsement: "SCOR-P" }, points: "10" },
  { typeId: "exam_simulator", title: "CPIM Exam Simulator final", start: "2024-07-15", fields: { "Score (%)": "82" }, points: "5" },
  { typeId: "book", title: "The Goal (book)", start: "2024-08-01", fields: { Pages: "384" }, points: "5" },
  { typeId: "article_read", title: "Supply Chain Management Review articles", start: "2024-08-15", fields: { Articles: "6" }, points: "3" },
  { typeId: "teach", title: "Taught S&OP basics", start: "2024-09-03", fields: { "Hours of instruction": "3", "Topic (optional)": "S&OP basics" }, points: "6" },
  { typeId: "publication", title: "Article in the chapter newsletter", start: "2024-09-20", points: "2" },
  { typeId: "research_publication", title: "White paper on inventory pooling", start: "2024-10-20", points: "5" },
  { typeId: "cited_reference", title: "White paper cited by ASCM", start: "2024-11-02", points: "10" },
  { typeId: "mentor", title: "ASCM Mentorship Program 2024", start: "2024-11-10", fields: { Mentees: "2" }, points: "4" },
  { typeId: "pm_project", title: "S&OP rollout project", start: "2024-01-08", end: "2024-06-28", fields: { "Hours on the project": "95", "Project (optional)": "S&OP rollout" }, points: "5" },
  { typeId: "ascm_membership", title: "ASCM membership 2024", start: "2024-01-01", points: "6" },
  { typeId: "related_membership", title: "CILT membership 2024", start: "2024-01-01", fields: { Organisation: "CILT" }, points: "1" },
  { typeId: "volunteer_service", title: "Chapter board 2024", start: "2024-01-01", fields: { "Role (optional)": "Treasurer" }, points: "5" },
];

async function fillActivity(page: Page, e: Entry) {
  await page.getByLabel("Kind of activity").selectOption(e.typeId);
  await page.getByLabel("Title", { exact: true }).fill(e.title);
  await page.locator('input[name="startDate"]').fill(e.start);
  if (e.end) await page.getByLabel("Last day (optional)").fill(e.end);
  for (const [label, value] of Object.entries(e.selects ?? {})) await page.getByLabel(label, { exact: true }).selectOption(value);
  for (const [label, value] of Object.entries(e.fields ?? {})) await page.getByLabel(label, { exact: true }).fill(value);
}

async function previewPoints(page: Page, expected: string) {
  await expect.poll(() => page.getByTestId("preview-points").textContent().catch(() => null), { timeout: 15_000 }).toBe(expected);
}

async function logActivity(page: Page, e: Entry): Promise<string> {
  await page.goto("/activities/new");
  await fillActivity(page, e);
  await previewPoints(page, e.points);
  await page.getByRole("button", { name: "Save activity" }).click();
  await page.waitForURL(/\/activities\/[0-9a-f-]{36}\?created=1$/);
  return page.url().split("/activities/")[1]!.split("?")[0]!;
}

function rowTitles(page: Page) {
  return page.locator("tbody tr td:nth-child(2) a").allTextContents();
}

describe.skipIf(!hasChromium)("activity log: a new holder logs, edits, deletes and finds activities", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("logs one activity of every ASCM type with live points, warns at a cap and on a duplicate, keeps a stale edit, undoes a delete and filters", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Log Holder" });

    // An empty log invites the first activity.
    await page.goto("/activities");
    await page.getByRole("heading", { name: "No activities yet" }).waitFor();
    expect(await page.getByRole("link", { name: "Log your first activity" }).getAttribute("href")).toBe("/activities/new");
    await expectAccessible(page);
    await screenshot(page, "activities-empty");

    await addCertification(page, "CPIM", "2022-03-15");
    await addCertification(page, "CSCP", "2023-06-20");

    // The form before a type is chosen, and its errors next to the fields.
    await page.goto("/activities/new");
    await page.getByText("Choose the kind of activity to see the points it earns.").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save activity" }).click();
    await page.getByText("Choose the kind of activity.", { exact: true }).waitFor();
    await page.getByText("Give the activity a title.").waitFor();
    // Type-specific validation from the rules, live and on save; what was typed is kept.
    await fillActivity(page, { typeId: "book", title: "A short book", start: "2024-03-01", fields: { Pages: "120" }, points: "" });
    await page.getByTestId("points-preview").getByText("A book counts only from 200 pages. You entered 120.").waitFor();
    await page.getByRole("button", { name: "Save activity" }).click();
    await page.locator("#f-details-pages-error").getByText("A book counts only from 200 pages. You entered 120.").waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("A short book");
    expect(await page.getByLabel("Pages", { exact: true }).inputValue()).toBe("120");
    await expectAccessible(page);

    // One of every type, each showing its points live before it is saved.
    const ids: Record<string, string> = {};
    for (const e of EVERY_TYPE) {
      ids[e.typeId] = await logActivity(page, e);
      if (e.typeId === "ascm_conference") {
        // The saved activity opens with its evidence panel and its details.
        await page.getByText("Activity saved").waitFor();
        await page.getByRole("heading", { name: "Evidence" }).waitFor();
        await expectAccessible(page);
        await screenshot(page, "activity-created");
      }
    }

    // The form says which designations it counts for and why.
    await page.goto("/activities/new");
    await fillActivity(page, { typeId: "online_event", title: "Early webinar", start: "2023-01-10", fields: { Hours: "1" }, points: "1" });
    await previewPoints(page, "1");
    const countsFor = page.locator("fieldset", { has: page.getByText("Counts for", { exact: true }) });
    await countsFor.getByText("Counts for the cycle due 31 Mar 2027.").waitFor();
    await countsFor.getByText(/outside every cycle of CSCP/).waitFor();
    expect(await page.getByTestId("points-preview").textContent()).toContain("Source:");

    // Volunteer service is capped at 5 points a calendar year: a second role in 2024 warns.
    await page.goto("/activities/new");
    await fillActivity(page, { typeId: "volunteer_service", title: "Program committee 2024", start: "2024-03-01", points: "5" });
    await previewPoints(page, "5");
    await page.getByText("CPIM: only 0 of its 5 points would count, because Service counts at most 5 points a calendar year and 2024 is already at or over it.").waitFor();
    await page.getByText(/^CSCP: only 0 of its 5 points would count/).waitFor();
    await expectAccessible(page);
    await screenshot(page, "activity-form-cap-warning");
    const phoneForm = await newPage(browser, { phone: true });
    await phoneForm.context.addCookies(await context.cookies());
    await phoneForm.page.goto("/activities/new");
    await fillActivity(phoneForm.page, { typeId: "volunteer_service", title: "Program committee 2024", start: "2024-03-01", points: "5" });
    await previewPoints(phoneForm.page, "5");
    await phoneForm.page.getByText(/^CPIM: only 0 of its 5 points/).waitFor();
    await screenshot(phoneForm.page, "activity-form-phone");
    expect(await phoneForm.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phoneForm.context.close();

    // A likely duplicate: warned with a link; "Save anyway" saves it.
    await page.goto("/activities/new");
    await fillActivity(page, { ...EVERY_TYPE[1]!, title: "demand sensing WEBINAR" });
    await page.getByTestId("points-preview").getByRole("link", { name: "Demand sensing webinar" }).waitFor();
    await page.getByRole("button", { name: "Save activity" }).click();
    await page.getByText("You may have logged this already").waitFor();
    expect(await page.getByRole("link", { name: "Demand sensing webinar (2024-02-20)" }).getAttribute("href")).toBe(`/activities/${ids.online_event}`);
    await page.getByRole("button", { name: "Save anyway" }).click();
    await page.waitForURL(/\?created=1$/);
    const duplicateId = page.url().split("/activities/")[1]!.split("?")[0]!;

    // Edit one: the book gets a new title and pages.
    await page.goto(`/activities/${ids.book}`);
    await previewPoints(page, "5");
    await page.getByLabel("Title", { exact: true }).fill("The Goal (Goldratt)");
    await page.getByLabel("Pages", { exact: true }).fill("362");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your changes are saved.").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("The Goal (Goldratt)");
    expect(await page.getByLabel("Pages", { exact: true }).inputValue()).toBe("362");
    await expectAccessible(page);
    await screenshot(page, "activity-edit");

    // Attach a PDF as evidence to the book (the list marks it; "without evidence" leaves it out).
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    await page.locator('input[type="file"]').setInputFiles({ name: "goal-notes.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.getByText("goal-notes.pdf").first().waitFor();

    // Two tabs: the second saves a stale version and is told what changed; its input is kept.
    const tabA = page;
    const tabB = await context.newPage();
    await tabB.goto(`/activities/${ids.online_event}`);
    await tabA.goto(`/activities/${ids.online_event}`);
    await tabA.getByLabel("Hours", { exact: true }).fill("2");
    await tabA.getByRole("button", { name: "Save changes" }).click();
    await tabA.getByText("Your changes are saved.").waitFor();
    await tabB.getByLabel("Title", { exact: true }).fill("Demand sensing webinar (part 1)");
    await tabB.getByRole("button", { name: "Save changes" }).click();
    await tabB.getByText("This activity was changed somewhere else").waitFor();
    const changes = tabB.getByRole("table");
    expect(await changes.textContent()).toContain("Hours21.5");
    expect(await changes.textContent()).toContain("TitleDemand sensing webinarDemand sensing webinar (part 1)");
    expect(await tabB.getByLabel("Title", { exact: true }).inputValue()).toBe("Demand sensing webinar (part 1)");
    await expectAccessible(tabB);
    await screenshot(tabB, "activity-conflict");
    // Saving again, knowingly, replaces it.
    await tabB.getByLabel("Hours", { exact: true }).fill("2");
    await tabB.getByRole("button", { name: "Save changes" }).click();
    await tabB.getByText("Your changes are saved.").waitFor();
    await tabB.close();

    // Delete the duplicate and undo.
    await page.goto(`/activities/${duplicateId}`);
    await page.getByRole("button", { name: "Delete activity" }).click();
    await page.waitForURL(/\/activities\?deleted=/);
    await page.getByText("Deleted “demand sensing WEBINAR”.").waitFor();
    expect(await rowTitles(page)).not.toContain("demand sensing WEBINAR");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Undo" }).click();
    await page.waitForURL(/\/activities\?restored=/);
    await page.getByText(/^Restored/).waitFor();
    expect(await rowTitles(page)).toContain("demand sensing WEBINAR");
    // Delete it for good this time.
    await page.goto(`/activities/${duplicateId}`);
    await page.getByRole("button", { name: "Delete activity" }).click();
    await page.waitForURL(/\/activities\?deleted=/);

    // The list: every type, newest first, points from the engine, evidence marked.
    await page.goto("/activities");
    await page.getByText(`Showing 1–20 of 20 activities`).waitFor();
    const bookRow = page.locator("tbody tr", { has: page.getByRole("link", { name: "The Goal (Goldratt)" }) });
    expect(await bookRow.textContent()).toContain("1 evidence file");
    expect((await bookRow.locator("td").nth(4).textContent())?.trim()).toBe("5");
    const courseRow = page.locator("tbody tr", { has: page.getByRole("link", { name: "Operations strategy (MBA)" }) });
    expect((await courseRow.locator("td").nth(4).textContent())?.trim()).toBe("45");
    expect((await rowTitles(page))[0]).toBe("ASCM Mentorship Program 2024");
    await expectAccessible(page);
    await screenshot(page, "activities-list");

    // Filters live in the URL: type, category, search, date range, missing evidence, designation, sort.
    await page.goto("/activities?type=book");
    expect(await rowTitles(page)).toEqual(["The Goal (Goldratt)"]);
    await expectAccessible(page);
    // The filter form writes a clean URL: empty fields and defaults left out.
    await page.getByText(/^More filters/).waitFor();
    await page.getByLabel("Category").selectOption("service");
    await page.getByLabel("Type", { exact: true }).selectOption("");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL((u) => u.search === "?category=service");
    expect(await rowTitles(page)).toEqual(["Chapter board 2024"]);
    await page.goto("/activities?page=9");
    await page.getByRole("heading", { name: "There is no page 9" }).waitFor();
    await page.goto("/activities");
    await page.getByLabel("Search title and provider").fill("white paper");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=white\+paper/);
    expect((await rowTitles(page)).sort()).toEqual(["White paper cited by ASCM", "White paper on inventory pooling"]);
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes("q="));
    await page.goto("/activities?from=2024-10-01&to=2024-10-31&sort=date_asc");
    expect(await rowTitles(page)).toEqual(["ASCM Connect 2024", "White paper on inventory pooling"]);
    await page.goto("/activities?missing=1");
    expect(await rowTitles(page)).not.toContain("The Goal (Goldratt)");
    expect((await rowTitles(page)).length).toBe(19);
    await page.goto("/certifications");
    const cscpId = await page.getByRole("link", { name: "See them" }).nth(1).getAttribute("href");
    await page.goto(cscpId!);
    // CSCP earned 20 Jun 2023: its current cycle holds every activity logged here (all in 2024).
    expect((await rowTitles(page)).length).toBe(20);
    await page.getByText(/^CSCP: activities of its current cycle/).waitFor();
    await page.goto("/activities?q=nothing-matches-this");
    await page.getByRole("heading", { name: "No activities match these filters" }).waitFor();
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await page.waitForURL((u) => u.pathname === "/activities" && u.search === "");
    await expectAccessible(page);

    const phone = await newPage(browser, { phone: true });
    await phone.context.addCookies(await context.cookies());
    await phone.page.goto("/activities");
    await phone.page.getByText("Showing 1–20 of 20 activities").waitFor();
    await expectAccessible(phone.page);
    await screenshot(phone.page, "activities-list-phone");
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phone.context.close();

    // Another holder gets the not-found page for the first holder's activity, and cannot delete it.
    const other = await newPage(browser);
    await signUp(other.page, { name: "Other Holder" });
    const res = await other.page.goto(`/activities/${ids.book}`);
    expect(res?.status()).toBe(404);
    await other.page.getByRole("heading", { name: "Page not found" }).waitFor();
    await other.page.goto("/activities");
    await other.page.getByRole("heading", { name: "No activities yet" }).waitFor();
    await other.context.close();

    await page.goto(`/activities/${ids.book}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("The Goal (Goldratt)");
    await context.close();
  }, 600_000);
});
