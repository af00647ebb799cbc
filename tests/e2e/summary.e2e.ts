/**
 * The submission summary as a holder uses it: a CPIM holder seeded through the app's own paths
 * (sign-up and Settings forms, the API v1 with the session, the evidence upload route) opens the
 * summary; its totals equal the ProgressReport the API returns; the PDF's text holds the same
 * totals and every activity; the CSV lists every line; the audit pack ZIP holds the PDF, the
 * index and each evidence file with a matching SHA-256. The cycle is marked submitted, then
 * approved: the next cycle starts and the past summary stays the same. Another holder gets 404
 * for the page, the PDF, the CSV and the ZIP. A PMP holder gets PMI's own categories.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import Papa from "papaparse";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatDate, formatPoints, todayIn } from "@/lib/dates";
import type { ProgressReport } from "@/lib/rules";
import { toWinAnsi } from "@/lib/summary/pdf";
import { pdfPages } from "../unit/summary/pdf-text";
import { baseUrl, type Browser, expectAccessible, hasChromium, launch, newPage, type Page, screenshot, signIn, signUp } from "./browser";

const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const BY = Number(todayIn("UTC").slice(0, 4)) - 2;

type Seed = { title: string; body: Record<string, unknown>; files: number };

const ACTIVITIES: Seed[] = [
  { title: "S&OP webinar", body: { typeId: "online_event", provider: "ASCM", startDate: `${BY}-03-10`, quantity: 2 }, files: 1 },
  {
    title: "ASCM Connect",
    body: { typeId: "ascm_conference", provider: "ASCM", startDate: `${BY}-10-01`, endDate: `${BY}-10-03`, quantity: 3, details: { eventName: "ASCM Connect" } },
    files: 2,
  },
  { title: "The Goal", body: { typeId: "book", provider: "North River Press", startDate: `${BY + 1}-02-01`, details: { pages: 384 } }, files: 1 },
  {
    title:
      "A very long workshop title about demand-driven material requirements planning, sales and operations execution, and integrated business planning across a global network",
    body: { typeId: "attend_training", provider: "Supply Chain Institute of Very Long Names International", startDate: `${BY + 1}-05-09`, quantity: 7.5 },
    files: 0,
  },
  { title: "Chapter board, treasurer", body: { typeId: "volunteer_service", startDate: `${BY + 1}-01-15`, details: { role: "Treasurer" } }, files: 1 },
  { title: "Chapter events committee", body: { typeId: "volunteer_service", startDate: `${BY + 1}-06-01` }, files: 0 },
  { title: '=HYPERLINK("http://evil")', body: { typeId: "online_event", provider: "@attacker", startDate: `${BY + 1}-09-12`, quantity: 1 }, files: 0 },
  { title: "Łódź logistics forum – “Lean” ≥ 2 days", body: { typeId: "attend_training", provider: "Müller & Søn", startDate: `${BY + 1}-11-20`, quantity: 4 }, files: 1 },
];

async function certificatePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([320, 200]);
  page.drawText(text, { x: 20, y: 150, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

async function api<T>(page: Page, method: "GET" | "POST", url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await page.request.fetch(url, {
    method,
    headers: { origin: baseUrl(), ...(body ? { "content-type": "application/json" } : {}) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status(), json: (await res.json()) as T };
}

async function download(page: Page, url: string): Promise<{ status: number; bytes: Uint8Array; type: string; disposition: string }> {
  const res = await page.request.get(url);
  return { status: res.status(), bytes: new Uint8Array(await res.body()), type: res.headers()["content-type"] ?? "", disposition: res.headers()["content-disposition"] ?? "" };
}

function parseCsv(bytes: Uint8Array): Record<string, string>[] {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const r = Papa.parse<Record<string, string>>(text.slice(1), { header: true, newline: "\r\n", skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

/** The figures the page shows in "Enter on ASCM's form": category id → text, and the total. */
async function pageTotals(page: Page): Promise<{ categories: Record<string, string>; total: string }> {
  const categories: Record<string, string> = {};
  for (const item of await page.locator("[data-testid^='form-total-']").all()) {
    const id = ((await item.getAttribute("data-testid")) ?? "").replace("form-total-", "");
    categories[id] = ((await item.getByTestId("points").textContent()) ?? "").trim();
  }
  const total = ((await page.getByTestId("form-total").getByTestId("points").textContent()) ?? "").trim();
  return { categories, total };
}

describe.skipIf(!hasChromium)("the submission summary, its PDF, CSV and audit pack", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("matches the ProgressReport everywhere, renews a cycle, and is private", async () => {
    const { context, page } = await newPage(browser, { timezoneId: "UTC" });
    const holder = await signUp(page, { name: "Dana Holder" });

    // Profile through the Settings form: the ASCM customer ID and the member fee.
    await page.goto("/settings");
    await page.getByLabel("ASCM customer ID (optional)").fill("1234567");
    await page.getByLabel(/I am an ASCM member/).check();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Your profile is saved.").waitFor();

    // Seed through the API v1 (session cookie, same origin) and the evidence upload route.
    const cert = await api<{ id: string }>(page, "POST", "/api/v1/certifications", { packId: "ascm", credentialCode: "CPIM", earnedDate: `${BY}-01-15` });
    expect(cert.status).toBe(201);
    const certId = cert.json.id;
    const uploaded = new Map<string, string>(); // sha256 → file name
    for (const [i, a] of ACTIVITIES.entries()) {
      const created = await api<{ id: string }>(page, "POST", "/api/v1/activities", { ...a.body, title: a.title });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      for (let f = 0; f < a.files; f++) {
        const bytes = await certificatePdf(`Certificate for activity ${i + 1}, file ${f + 1}`);
        const name = f === 0 ? `${a.title.slice(0, 20)} certificate.pdf` : "Agenda.pdf";
        const res = await page.request.post(`/api/evidence?activityId=${created.json.id}`, {
          headers: { origin: baseUrl() },
          multipart: { file: { name, mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
        });
        expect(res.status(), await res.text()).toBe(201);
        const ev = ((await res.json()) as { evidence: { sha256: string } }).evidence;
        expect(ev.sha256).toBe(sha(bytes));
        uploaded.set(ev.sha256, name);
      }
    }
    const progress = await api<ProgressReport>(page, "GET", `/api/v1/certifications/${certId}/progress`);
    expect(progress.status).toBe(200);
    const report = progress.json;
    expect(report.contributions).toHaveLength(ACTIVITIES.length);
    const roots = report.categories.filter((c) => c.parentId === null);
    expect(roots.map((c) => c.id)).toEqual(["education", "service"]);
    expect(roots.find((c) => c.id === "service")?.trimmed).toBeGreaterThan(0);

    // The list of summaries, then this designation's summary.
    await page.goto("/summary");
    await expectAccessible(page);
    await screenshot(page, "summary-list-desktop");
    await page.getByRole("link", { name: /^Open summary: CPIM/ }).click();
    await page.waitForURL(`**/summary/${certId}`);
    await page.getByRole("heading", { level: 1, name: "CPIM submission summary" }).waitFor();

    const totals = await pageTotals(page);
    expect(totals.categories).toEqual(Object.fromEntries(roots.map((c) => [c.id, formatPoints(c.counted)])));
    expect(totals.total).toBe(formatPoints(report.counted));
    expect(await page.getByTestId("summary-line").count()).toBe(report.contributions.length);
    const main = squash((await page.getByRole("main").textContent()) ?? "");
    for (const text of ["Dana Holder", "1234567", `Due date${formatDate(report.cycle.dueDate)}`, "so expect $75", "Last confirmed: February 2021", "How to submit to ASCM"]) {
      expect(main).toContain(text);
    }
    for (const a of ACTIVITIES) expect(main).toContain(a.title);
    expect(main).toContain("activities have no evidence attached");
    expect(main).toContain("Points trimmed by a limit");
    await expectAccessible(page);
    await screenshot(page, "summary-desktop");

    // Printed: no navigation, buttons or forms; the activity table stays a table.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Download PDF" }).isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Mark as submitted" }).isVisible()).toBe(false);
    expect(await page.locator("table").first().evaluate((t) => getComputedStyle(t).display)).toBe("table");
    await screenshot(page, "summary-print");
    await page.emulateMedia({ media: "screen" });

    // The PDF: same totals, every activity.
    const pdf = await download(page, `/api/summary/${certId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.disposition).toMatch(/^attachment; filename="cpim-summary-due-\d{4}-\d{2}-\d{2}\.pdf"/);
    const pages = await pdfPages(pdf.bytes);
    const pdfText = squash(pages.join(" "));
    expect(squash(pages[0]!)).toContain(`Total ${formatPoints(report.counted)} of ${formatPoints(report.required)}`);
    for (const c of roots) expect(squash(pages[0]!)).toMatch(new RegExp(`${c.label} (\\d+ earned, \\d+ over the limit )?${formatPoints(c.counted).replace(".", "\\.")}\\b`));
    const charset = new Set<number>(Array.from({ length: 256 }, (_, i) => i).concat([0x2013, 0x201c, 0x201d, 0x2022]));
    for (const a of ACTIVITIES) for (const word of toWinAnsi(a.title, charset).split(" ")) expect(pdfText).toContain(word);
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`));
    const shots = path.join(process.cwd(), "test-results", "screens", inject("e2eDb"));
    fs.mkdirSync(shots, { recursive: true });
    fs.writeFileSync(path.join(shots, "summary.pdf"), pdf.bytes);

    // The CSV: one row per line, points as the report says, formulas neutralised.
    const csv = await download(page, `/api/summary/${certId}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe("text/csv; charset=utf-8");
    const rows = parseCsv(csv.bytes);
    expect(rows).toHaveLength(report.contributions.length);
    expect(rows.map((r) => Number(r["Points counted"])).reduce((x, y) => x + y, 0)).toBeCloseTo(report.counted - report.openingBalance, 5);
    expect(rows.find((r) => r.Title?.includes("HYPERLINK"))).toMatchObject({ Title: `'=HYPERLINK("http://evil")`, Provider: "'@attacker" });

    // The audit pack: the PDF, the index, each evidence file with a matching SHA-256.
    const zipRes = await download(page, `/api/summary/${certId}/zip`);
    expect(zipRes.status).toBe(200);
    expect(zipRes.type).toBe("application/zip");
    const zip = unzipSync(zipRes.bytes);
    const names = Object.keys(zip);
    expect(names).toContain("index.csv");
    const pdfName = names.find((n) => n.endsWith(".pdf") && !n.startsWith("evidence/"));
    expect(pdfName).toMatch(/^cpim-summary-due-/);
    expect(squash((await pdfPages(zip[pdfName!]!)).join(" "))).toContain(`Total ${formatPoints(report.counted)} of 75`);
    const evidenceFiles = names.filter((n) => n.startsWith("evidence/"));
    expect(evidenceFiles).toHaveLength([...uploaded.keys()].length);
    const index = parseCsv(zip["index.csv"]!);
    for (const name of evidenceFiles) {
      expect(name).toMatch(/^evidence\/\d{3}(-\d)?-[a-z0-9-]+\.pdf$/);
      const digest = sha(zip[name]!);
      expect(uploaded.has(digest), `${name} is one of the uploaded files`).toBe(true);
      expect(index.find((r) => r.File === name)?.["SHA-256"]).toBe(digest);
    }
    expect(evidenceFiles).toContain("evidence/002-1-ascm-connect-certificate.pdf");
    expect(evidenceFiles).toContain("evidence/002-2-agenda.pdf");
    const before = { totals, csv: rows.map((r) => [r.Line, r.Title, r["Points counted"]]) };

    // The same page on a phone: nothing wider than the screen.
    const phone = await newPage(browser, { phone: true, timezoneId: "UTC" });
    await signIn(phone.page, holder.email, holder.password);
    await phone.page.waitForURL("**/dashboard");
    await phone.page.goto(`/summary/${certId}`);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone.page);
    await screenshot(phone.page, "summary-phone");
    await phone.context.close();

    // Mark the cycle submitted, then approved: the next cycle starts, the past summary stays.
    await page.getByLabel("Date you submitted").fill(todayIn("UTC"));
    await page.getByRole("button", { name: "Mark as submitted" }).click();
    await page.getByText(/^Marked as submitted on/).waitFor();
    await page.getByLabel("Date it was approved").fill(todayIn("UTC"));
    await page.getByRole("button", { name: "Mark as approved" }).click();
    await page.waitForURL(`**/summary/${certId}?cycle=0&approved=1`);
    await page.getByText("Marked as approved").waitFor();
    expect(await pageTotals(page)).toEqual(totals);
    const nextDue = `${Number(report.cycle.dueDate.slice(0, 4)) + 5}${report.cycle.dueDate.slice(4)}`;
    expect(squash((await page.getByRole("main").textContent()) ?? "")).toContain(`Due ${formatDate(nextDue)} · current`);
    await screenshot(page, "summary-approved-desktop");
    const pastCsv = parseCsv((await download(page, `/api/summary/${certId}/csv?cycle=0`)).bytes);
    expect(pastCsv.map((r) => [r.Line, r.Title, r["Points counted"]])).toEqual(before.csv);
    const byDue = await download(page, `/api/summary/${certId}/pdf?cycle=${report.cycle.dueDate}`);
    expect(squash((await pdfPages(byDue.bytes))[0]!)).toContain(`Total ${formatPoints(report.counted)} of 75`);

    await page.goto(`/summary/${certId}`);
    const fresh = await pageTotals(page);
    expect(fresh.total).toBe("0");
    await screenshot(page, "summary-new-cycle-desktop");
    expect(squash((await page.getByRole("main").textContent()) ?? "")).toContain(`Due date${formatDate(nextDue)}`);
    await expectAccessible(page);

    // Another holder: 404 for the page, the PDF, the CSV and the ZIP, current or past cycle.
    const intruder = await newPage(browser, { timezoneId: "UTC" });
    await signUp(intruder.page, { name: "Other Holder" });
    for (const q of ["", "?cycle=0"]) {
      const res = await intruder.page.goto(`/summary/${certId}${q}`);
      expect(res?.status()).toBe(404);
      for (const kind of ["pdf", "csv", "zip"]) {
        const r = await intruder.page.request.get(`/api/summary/${certId}/${kind}${q}`);
        expect(r.status(), `${kind}${q}`).toBe(404);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
      }
    }
    // Signed out: 401 for the files.
    const anonymous = await newPage(browser);
    expect((await anonymous.page.request.get(`/api/summary/${certId}/pdf`)).status()).toBe(401);
    await Promise.all([intruder.context.close(), anonymous.context.close()]);
    await context.close();
  });

  it("gives a PMP holder the same summary in PMI's own categories", async () => {
    const { context, page } = await newPage(browser, { timezoneId: "UTC" });
    await signUp(page, { name: "Pat Manager" });
    const cert = await api<{ id: string }>(page, "POST", "/api/v1/certifications", { packId: "pmi", credentialCode: "PMP", earnedDate: `${BY}-09-15` });
    expect(cert.status, JSON.stringify(cert.json)).toBe(201);
    const created = await api<{ id: string }>(page, "POST", "/api/v1/activities", {
      packId: "pmi",
      typeId: "course_training",
      title: "Negotiation course",
      startDate: `${BY + 1}-02-01`,
      quantity: 10,
      details: { categoryId: "power_skills" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const report = (await api<ProgressReport>(page, "GET", `/api/v1/certifications/${cert.json.id}/progress`)).json;
    await page.goto(`/summary/${cert.json.id}`);
    await page.getByRole("heading", { level: 1, name: "PMP submission summary" }).waitFor();
    const totals = await pageTotals(page);
    const roots = report.categories.filter((c) => c.parentId === null);
    expect(totals.categories).toEqual(Object.fromEntries(roots.map((c) => [c.id, formatPoints(c.counted)])));
    const main = squash((await page.getByRole("main").textContent()) ?? "");
    for (const text of ["Enter on PMI's form", "Education", "Power Skills", "Giving Back", "PMI ID", "How to submit to PMI", `Total${formatPoints(report.counted)}of 60`]) {
      expect(main).toContain(text);
    }
    await expectAccessible(page);
    await screenshot(page, "summary-pmi-desktop");
    await context.close();
  });
});
