/**
 * "Your data" in Settings, as a holder would use it: seed an account (API with a token, evidence
 * through the upload route), download the JSON and the ZIP, sign up anew, import the ZIP, export
 * again and get the same document (ids and timestamps aside); a second import is refused, and a
 * damaged file is reported entry by entry with nothing written.
 */
import fs from "node:fs";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountDocument, comparable, ZIP_DOCUMENT_NAME } from "@/lib/import-export/json-schema";
import { type Browser, baseUrl, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signUp, tmpDir } from "./browser";

type Json = Record<string, unknown>;
const PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async function tokenFor(page: Page): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("Seeder");
  await page.getByRole("button", { name: "Create token" }).click();
  return page.getByLabel("Your new token").inputValue();
}

async function post(token: string, path: string, body: Json): Promise<Json> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Json;
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function download(page: Page, linkName: string): Promise<{ path: string; name: string }> {
  await page.goto("/settings");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  const path = `${tmpDir()}/${dl.suggestedFilename()}`;
  await dl.saveAs(path);
  return { path, name: dl.suggestedFilename() };
}

async function importFile(page: Page, path: string) {
  await page.goto("/settings");
  await page.getByLabel("Export file").setInputFiles(path);
  await page.getByRole("button", { name: "Import" }).click();
}

describe.skipIf(!hasChromium)("Your data: export and import", () => {
  let browser: Browser;
  let first: Page;
  let jsonDoc: AccountDocument;
  let zipPath: string;

  beforeAll(async () => {
    browser = await launch();
    first = (await newPage(browser)).page;
    await signUp(first, { name: "Dana Export" });
    const token = await tokenFor(first);
    const cpim = await post(token, "/api/v1/certifications", { credentialCode: "CPIM", earnedDate: "2022-03-15", holderId: "1234567" });
    const cscp = await post(token, "/api/v1/certifications", { credentialCode: "CSCP", earnedDate: "2023-01-10" });
    const training = await post(token, "/api/v1/activities", { typeId: "attend_training", title: "Lean workshop", startDate: "2023-05-02", quantity: 7.5, provider: "ASCM" });
    await post(token, "/api/v1/activities", { typeId: "book", title: "The Goal", startDate: "2023-09-10", details: { pages: 384 }, excludedCertificationIds: [cscp.id] });
    await post(token, "/api/v1/activities", { typeId: "ascm_conference", title: "CONNECT", startDate: "2024-10-01", endDate: "2024-10-03", quantity: 3, details: { eventName: "ASCM CONNECT" } });
    await post(token, "/api/v1/activities", { typeId: "volunteer_service", title: "Chapter board", startDate: "2024-01-15", manualPoints: 4, manualReason: "Agreed", notes: "Treasurer, “quoted”" });
    expect(cpim.id).toBeTruthy();
    const uploaded = await first.evaluate(
      async ({ id, pdf }) => {
        const form = new FormData();
        form.append("file", new Blob([pdf], { type: "application/pdf" }), "certificate.pdf");
        const r = await fetch(`/api/evidence?activityId=${id}`, { method: "POST", body: form });
        return r.status;
      },
      { id: training.id as string, pdf: PDF },
    );
    expect(uploaded).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("downloads everything as JSON and as a ZIP with the evidence files", async () => {
    const json = await download(first, "Download JSON");
    expect(json.name).toMatch(/^recert-account-\d{4}-\d{2}-\d{2}\.json$/);
    jsonDoc = JSON.parse(fs.readFileSync(json.path, "utf8")) as AccountDocument;
    expect(jsonDoc).toMatchObject({ format: "recert.account", version: 1, profile: { name: "Dana Export" } });
    expect(jsonDoc.certifications.map((c) => c.credentialCode)).toEqual(["CPIM", "CSCP"]);
    expect(jsonDoc.activities).toHaveLength(4);
    expect(jsonDoc.activities.find((a) => a.title === "The Goal")?.excludedFor).toEqual(["CSCP"]);
    expect(fs.readFileSync(json.path, "utf8")).not.toMatch(/password|userId|blobKey/i);

    const zip = await download(first, "Download ZIP with evidence files");
    zipPath = zip.path;
    expect(zip.name).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(fs.readFileSync(zip.path)));
    const evidence = jsonDoc.activities.flatMap((a) => a.evidence);
    expect(evidence).toHaveLength(1);
    expect(Object.keys(files).sort()).toEqual([ZIP_DOCUMENT_NAME, evidence[0]!.file].sort());
    expect(new TextDecoder().decode(files[evidence[0]!.file])).toBe(PDF);
    await expectAccessible(first);
  });

  it("imports the ZIP into a new account: exporting it again gives the same document", async () => {
    const { context, page } = await newPage(browser, { phone: true });
    await signUp(page, { name: "Sam Import" });
    await importFile(page, zipPath);
    await page.getByText("Import complete").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Import complete" }).textContent()).toContain(
      "2 certifications, 4 activities and 1 evidence file",
    );
    // The page refreshes (the account is no longer empty); the result stays on screen.
    await page.waitForLoadState("networkidle");
    await page.getByText("Go to your dashboard").waitFor();
    await expectAccessible(page);
    await page.locator("#data").scrollIntoViewIfNeeded();
    await screenshot(page, "settings-import-done-phone");

    const again = await download(page, "Download JSON");
    const second = JSON.parse(fs.readFileSync(again.path, "utf8")) as AccountDocument;
    expect(comparable(second)).toEqual(comparable(jsonDoc));
    expect(second.profile.name).toBe("Dana Export");

    // Now the account has data: the page says so, and the route refuses a second import.
    await page.goto("/settings");
    await page.getByText("Import only works into an empty account").waitFor();
    await screenshot(page, "settings-your-data-phone");
    const refused = await page.evaluate(async (text) => {
      const r = await fetch("/api/account/import", { method: "POST", headers: { "content-type": "application/json" }, body: text });
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    }, fs.readFileSync(again.path, "utf8"));
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "not_empty" } } });
    const count = await page.evaluate(async () => ((await (await fetch("/api/v1/activities")).json()) as { total: number }).total);
    expect(count).toBe(4);
    await context.close();
  });

  it("reports a damaged export entry by entry and imports nothing", async () => {
    const { context, page } = await newPage(browser);
    await signUp(page, { name: "Careful Holder" });
    const broken = structuredClone(jsonDoc);
    broken.activities[0]!.startDate = "2023-02-30";
    broken.activities[1]!.typeId = "skydiving";
    const path = `${tmpDir()}/broken.json`;
    fs.writeFileSync(path, JSON.stringify(broken));
    await importFile(page, path);
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain("Activity 1, date: Enter a real date");
    expect(text).toContain("Activity 2, activity type:");
    await expectAccessible(page);
    await screenshot(page, "settings-import-error-desktop");

    const notAnExport = `${tmpDir()}/notes.json`;
    fs.writeFileSync(notAnExport, JSON.stringify({ hello: "world" }));
    await importFile(page, notAnExport);
    await page.getByRole("alert").filter({ hasText: "not a Recert account export" }).waitFor();

    const count = await page.evaluate(async () => {
      const a = (await (await fetch("/api/v1/activities")).json()) as { total: number };
      const c = (await (await fetch("/api/v1/certifications")).json()) as { data: unknown[] };
      return [a.total, c.data.length];
    });
    expect(count).toEqual([0, 0]);
    await page.goto("/settings");
    await page.locator("#data").scrollIntoViewIfNeeded();
    await screenshot(page, "settings-your-data-desktop");
    await context.close();
  });
});
