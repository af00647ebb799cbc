/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 * With CI=true a missing Chromium fails the run; elsewhere the tests are skipped, loudly.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium) {
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${CHROMIUM} (CI=true): .ci/run installs it.`);
  console.warn(`\n!!! Chromium not found at ${CHROMIUM}: BROWSER TESTS ARE SKIPPED. apt-get install chromium to run them.\n`);
}

export const baseUrl = (): string => inject("baseUrl");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export async function newPage(browser: Browser, opts: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: opts.phone ?? false,
    hasTouch: opts.phone ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core (WCAG 2 A/AA) on the page; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function expectAccessible(page: Page): Promise<void> {
  const v = await seriousA11yViolations(page);
  expect(v.map((x) => `${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Screenshots for people to look at (not compared): test-results/screens/<name>.png */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(process.cwd(), "test-results", "screens", inject("e2eDb"));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let counter = 0;
export function uniqueEmail(prefix = "holder"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${process.pid}@example.com`;
}

export const STRONG_PASSWORD = "correct horse battery staple";

export async function signUp(page: Page, opts: { name?: string; email?: string; password?: string } = {}) {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? STRONG_PASSWORD;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(opts.name ?? "Dana Holder");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  return { email, password };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "recert-"));
export { type Browser, type Page };
