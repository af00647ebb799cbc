/**
 * CSV import/export and evidence, as a new holder does them: import a 200-row file whose three
 * bad rows are reported by line, import it again (nothing added), export and check the file,
 * attach a PDF to an activity and download it; another holder gets 404 for that file.
 */
import fs from "node:fs";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv, serializeCsv } from "@/lib/import-export/csv";
import { CSV_HEADER } from "@/lib/import-export/csv-activities";
import { type Browser, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signIn, signUp, tmpDir } from "./browser";

type Row = Record<string, string>;

/** 200 data rows, three of them bad; returns the file and the line of each bad row. */
function makeCsv(): { text: string; badLines: number[]; validTitles: string[] } {
  const rows: Row[] = [];
  for (let i = 0; i < 200; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 27) + 1).padStart(2, "0");
    const date = `${2022 + (i % 3)}-${month}-${day}`;
    const kind = i % 4;
    if (kind === 0) rows.push({ issuer: "ascm", type: "online_event", title: `Webinar ${i}`, provider: "ASCM", start_date: date, quantity: "1.5" });
    else if (kind === 1) rows.push({ issuer: "ascm", type: "attend_training", title: `Workshop ${i}`, provider: "Chapter", start_date: date, quantity: "8" });
    else if (kind === 2) rows.push({ issuer: "ascm", type: "article_read", title: `Articles ${i}`, start_date: date, quantity: "2" });
    else rows.push({ type: "Webinar or webcast", title: `Named type ${i}`, start_date: date, quantity: "1" });
  }
  rows[7] = { ...rows[7], title: "=SUM(1,2)", notes: "Formula-looking title, a comma, and\na second line" };
  rows[49] = { ...rows[49], type: "online_event", quantity: "1.25" };
  rows[119] = { ...rows[119], start_date: "2024-02-30" };
  rows[179] = { ...rows[179], type: "webinars" };
  const bad = new Set([49, 119, 179]);
  const records = [[...CSV_HEADER], ...rows.map((r) => CSV_HEADER.map((h) => r[h] ?? ""))];
  // Written plainly (not through our own writer, so the import sees an unneutralised =SUM).
  const text = records.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";
  // Line of each record: the notes of row 7 span two lines.
  const badLines: number[] = [];
  let line = 2;
  rows.forEach((r, i) => {
    if (bad.has(i)) badLines.push(line);
    line += 1 + (r.notes?.split("\n").length ?? 1) - 1;
  });
  const validTitles = rows.filter((_r, i) => !bad.has(i)).map((r) => r.title ?? "");
  return { text, badLines, validTitles };
}

async function chooseCsv(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await page.getByTestId("valid-count").waitFor();
}

async function importAndWait(page: Page): Promise<string> {
  await page.getByRole("button", { name: /^Import [\d,]+ activit/ }).click();
  const result = page.getByTestId("import-result");
  await result.waitFor({ timeout: 60_000 });
  return (await result.textContent()) ?? "";
}

async function tinyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const pageDoc = doc.addPage([300, 200]);
  pageDoc.drawText("Certificate of attendance", { x: 20, y: 150, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

describe.skipIf(!hasChromium)("CSV import/export and evidence", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("imports 200 rows (3 bad, by line), adds nothing the second time, exports, and keeps evidence private", async () => {
    const { context, page } = await newPage(browser);
    const holder = await signUp(page, { name: "Casey Importer" });

    // A designation first, when the certifications page is there (the import works without one).
    await page.goto("/certifications");
    const earned = page.getByLabel("Date you earned it");
    if (await earned.count()) {
      await page.getByLabel("Designation", { exact: true }).selectOption("CPIM");
      await earned.fill("2022-03-15");
      await page.getByRole("button", { name: "Add designation" }).click();
      await page.getByRole("heading", { level: 2, name: "CPIM", exact: true }).waitFor();
    }

    // Import: preview with the three bad rows by line.
    const { text, badLines, validTitles } = makeCsv();
    await page.goto("/activities/import");
    await expectAccessible(page);
    await chooseCsv(page, "my-log.csv", text);
    expect(await page.getByTestId("valid-count").textContent()).toBe("197");
    expect(await page.getByTestId("invalid-count").textContent()).toBe("3");
    const problemLines = await page.locator("tr[data-line]").evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-line"))));
    expect(problemLines).toEqual(badLines);
    const problems = await page.locator("tr[data-line]").allTextContents();
    expect(problems[0]).toMatch(/quantity.*steps of 0\.5; you entered 1\.25/);
    expect(problems[1]).toMatch(/start_date.*real date/);
    expect(problems[2]).toMatch(/type.*Unknown ASCM activity type “webinars”/);
    await expectAccessible(page);
    await screenshot(page, "csv-import-preview-desktop");

    // The same preview on a phone.
    const phone = await newPage(browser, { phone: true });
    await signIn(phone.page, holder.email, holder.password);
    await phone.page.waitForURL("**/dashboard");
    await phone.page.goto("/activities/import");
    await chooseCsv(phone.page, "my-log.csv", text);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, "csv-import-preview-phone");
    await phone.context.close();

    expect(await importAndWait(page)).toBe("197 added, 0 already there, 3 invalid.");
    await screenshot(page, "csv-import-done-desktop");

    // The same file again adds nothing.
    await page.getByRole("button", { name: "Import another file" }).click();
    await chooseCsv(page, "my-log.csv", text);
    expect(await importAndWait(page)).toBe("0 added, 197 already there, 3 invalid.");

    // Export: RFC 4180, UTF-8 with BOM, same columns, formula neutralised; it imports back as nothing new.
    const res = await page.request.get("/api/activities/export.csv");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="recert-activities-\d{4}-\d{2}-\d{2}\.csv"$/);
    const exported = (await res.body()).toString("utf8");
    expect(exported.startsWith("\uFEFF")).toBe(true);
    expect(exported.split("\r\n")[0]).toBe(`\uFEFF${CSV_HEADER.join(",")}`);
    expect(exported).toContain(`"'=SUM(1,2)"`);
    expect(exported).toContain('"Formula-looking title, a comma, and\na second line"');
    const parsed = parseCsv(exported);
    expect(parsed.header).toEqual([...CSV_HEADER]);
    expect(parsed.records).toHaveLength(197);
    const titleAt = CSV_HEADER.indexOf("title");
    expect(parsed.records.map((r) => r.cells[titleAt]).sort()).toEqual([...validTitles].sort());
    expect(serializeCsv([parsed.header ?? [], ...parsed.records.map((r) => r.cells)])).toBe(exported);
    await page.getByRole("button", { name: "Import another file" }).click();
    await chooseCsv(page, "export.csv", exported);
    expect(await page.getByTestId("invalid-count").textContent()).toBe("0");
    expect(await importAndWait(page)).toBe("0 added, 197 already there, 0 invalid.");

    // A 10,000-row file is checked in chunks with a progress bar (not imported here: that is the db tests' job).
    const big = [CSV_HEADER.join(",")];
    for (let i = 0; i < 10_000; i++) big.push(CSV_HEADER.map((h) => ({ type: "online_event", title: `Big ${i}`, start_date: "2024-05-01", quantity: "1" })[h] ?? "").join(","));
    await page.getByRole("button", { name: "Import another file" }).click();
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(big.join("\n"), "utf8") });
    await page.getByRole("progressbar", { name: "Checking big.csv" }).waitFor();
    await page.getByTestId("valid-count").waitFor({ timeout: 90_000 });
    expect(await page.getByTestId("valid-count").textContent()).toBe("10,000");
    await page.getByRole("button", { name: "Choose another file" }).click();

    // The template downloads and previews without problems.
    const template = await page.request.get("/api/activities/template.csv");
    expect(template.status()).toBe(200);
    await chooseCsv(page, "template.csv", (await template.body()).toString("utf8"));
    expect(await page.getByTestId("valid-count").textContent()).toBe("2");
    expect(await page.getByTestId("invalid-count").textContent()).toBe("0");

    // Evidence: open an imported activity, attach a PDF, download it.
    await page.goto("/activities?q=Webinar%200");
    const hrefs = await page.locator("a[href^='/activities/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const activityHref = hrefs.find((h) => /^\/activities\/[0-9a-f-]{36}$/.test(h));
    expect(activityHref).toBeTruthy();
    await page.goto(activityHref!);
    await page.getByRole("heading", { name: "Evidence" }).waitFor();
    expect(await page.getByText("No files attached yet.").count()).toBe(1);

    const fileInput = page.getByLabel("Attach a file", { exact: true });
    await fileInput.setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!DOCTYPE html><html><body>not a pdf</body></html>") });
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.getByText("This file is named .pdf but is a web page (HTML)").waitFor();
    expect(await fileInput.getAttribute("aria-invalid")).toBe("true");

    const pdf = await tinyPdf();
    await fileInput.setInputFiles({ name: "Certificate – Müller.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await page.getByRole("button", { name: "Upload file" }).click();
    const link = page.getByRole("link", { name: "Certificate – Müller.pdf" });
    await link.waitFor();
    await expectAccessible(page);
    await screenshot(page, "evidence-panel-desktop");

    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/evidence\/[0-9a-f-]{36}$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const saved = tmpDir() + "/download.pdf";
    await download.saveAs(saved);
    expect(Buffer.compare(fs.readFileSync(saved), Buffer.from(pdf))).toBe(0);
    expect(download.suggestedFilename()).toBe("Certificate – Müller.pdf");

    const got = await page.request.get(href);
    expect(got.status()).toBe(200);
    expect(got.headers()["content-type"]).toBe("application/pdf");
    expect(got.headers()["content-disposition"]).toBe(
      "attachment; filename=\"Certificate _ M_ller.pdf\"; filename*=UTF-8''Certificate%20%E2%80%93%20M%C3%BCller.pdf",
    );
    expect(got.headers()["x-content-type-options"]).toBe("nosniff");
    expect(got.headers()["content-security-policy"]).toContain("sandbox");

    // A mutating request from another site (or without an Origin) is refused; bad uploads get 4xx JSON errors.
    const baseOrigin = new URL(page.url()).origin;
    const crossSite = await page.request.delete(href, { headers: { origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    const uploadUrl = `/api/evidence?activityId=${activityHref!.split("/").pop()}`;
    const noOrigin = await page.request.post(uploadUrl, { multipart: { file: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) } } });
    expect(noOrigin.status()).toBe(403);
    const tooBig = await page.request.post(uploadUrl, {
      headers: { origin: baseOrigin },
      multipart: { file: { name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024, 0x25) } },
    });
    expect(tooBig.status()).toBe(413);
    expect((await tooBig.json()).error).toMatchObject({ code: "too_large", message: expect.stringContaining("10 MB"), fields: { file: expect.any(String) } });
    const empty = await page.request.post(uploadUrl, { headers: { origin: baseOrigin }, multipart: { file: { name: "empty.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) } } });
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error.code).toBe("empty_file");
    const svg = await page.request.post(uploadUrl, {
      headers: { origin: baseOrigin },
      multipart: { file: { name: "badge.pdf", mimeType: "application/pdf", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') } },
    });
    expect(svg.status()).toBe(415);
    expect((await svg.json()).error.code).toBe("svg_file");
    expect((await page.request.get("/api/evidence/not-a-uuid")).status()).toBe(404);

    // Another holder: 404 for the file, the delete and the activity page, exactly like a missing id.
    const other = await newPage(browser);
    await signUp(other.page, { name: "Other Holder" });
    const foreignGet = await other.page.request.get(href);
    expect(foreignGet.status()).toBe(404);
    const missingGet = await other.page.request.get(`/api/evidence/${crypto.randomUUID()}`);
    expect(missingGet.status()).toBe(404);
    expect(await foreignGet.json()).toEqual(await missingGet.json());
    expect((await other.page.request.delete(href, { headers: { origin: baseOrigin } })).status()).toBe(404);
    const upload = await other.page.request.post(`/api/evidence?activityId=${activityHref!.split("/").pop()}`, {
      headers: { origin: baseOrigin },
      multipart: { file: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) } },
    });
    expect(upload.status()).toBe(404);
    const foreignPage = await other.page.goto(activityHref!);
    expect(foreignPage?.status()).toBe(404);
    await other.context.close();

    // The owner still has the file; then deletes it.
    expect((await page.request.get(href)).status()).toBe(200);
    await page.getByRole("button", { name: "Delete Certificate – Müller.pdf" }).click();
    await page.getByRole("button", { name: "Confirm deleting Certificate – Müller.pdf" }).click();
    await page.getByText("No files attached yet.").waitFor();
    expect((await page.request.get(href)).status()).toBe(404);

    // Evidence panel on a phone.
    const phone2 = await newPage(browser, { phone: true });
    await signIn(phone2.page, holder.email, holder.password);
    await phone2.page.waitForURL("**/dashboard");
    await phone2.page.goto(activityHref!);
    await phone2.page.getByLabel("Attach a file", { exact: true }).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await phone2.page.getByRole("button", { name: "Upload file" }).click();
    await phone2.page.getByRole("link", { name: "scan.pdf" }).waitFor();
    const phoneOverflow = await phone2.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(phoneOverflow).toBeLessThanOrEqual(0);
    await screenshot(phone2.page, "evidence-panel-phone");
    await phone2.context.close();

    await context.close();
  });
});
