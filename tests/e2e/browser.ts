/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 * With CI=true a missing Chromium fails the run; elsewhere the tests are skipped, loudly.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Cookie, type Locator, type Page } from "playwright-core";
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

export async function newPage(
  browser: Browser,
  opts: { phone?: boolean; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: opts.phone ?? false,
    hasTouch: opts.phone ?? false,
    timezoneId: opts.timezoneId,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/**
 * Every response of 500 or more the page receives (documents, server actions, fetches), as
 * "status method url". A form must answer bad input with a message, never with a server error.
 */
export function collectServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("response", (res) => {
    if (res.status() >= 500) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return errors;
}

/** The text of what an input names in aria-describedby (its hint and its error message), joined by " | ". */
export async function describedBy(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(missing #${id})`)
      .join(" | "),
  );
}

/** The cookies of a signed-in browser, to replay later in a fresh one (an attacker with a copy). */
export async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  const cookies = await context.cookies();
  if (!cookies.some((c) => c.name.includes("session-token"))) {
    throw new Error(`no session cookie among: ${cookies.map((c) => c.name).join(", ") || "(none)"}`);
  }
  return cookies;
}

/** A fresh browser context that carries only the given cookies. */
export async function contextWithCookies(browser: Browser, cookies: Cookie[]): Promise<{ context: BrowserContext; page: Page }> {
  const fresh = await newPage(browser);
  await fresh.context.addCookies(cookies);
  return fresh;
}

/** The path the page ends on after visiting `path` (following redirects). */
export async function landsOn(page: Page, path: string): Promise<string> {
  await page.goto(path);
  return new URL(page.url()).pathname;
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

/**
 * Screenshots for people to look at (not compared): test-results/screens/<db>/<name>.png. With
 * `parts`, a page taller than two screens is also saved a screen at a time (<name>-part<n>.png),
 * because a whole long page shrinks to illegible in an image viewer.
 */
export async function screenshot(page: Page, name: string, opts: { parts?: boolean } = {}): Promise<string> {
  const dir = path.join(process.cwd(), "test-results", "screens", inject("e2eDb"));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const viewport = page.viewportSize();
  if (opts.parts && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height > viewport.height * 2) {
      for (let y = 0, n = 1; y < height; y += viewport.height, n++) {
        await page.screenshot({
          path: path.join(dir, `${name}-part${n}.png`),
          fullPage: true,
          clip: { x: 0, y, width: viewport.width, height: Math.min(viewport.height, height - y) },
        });
      }
    }
  }
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

/** Fills and sends the sign-in form; does not wait for the outcome (see signInAndWait). */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in and waits for the outcome: "signed-in" on the dashboard, or the message the form
 * showed. Each "refused" outcome is a failed sign-in: the server allows 50 per address in 15
 * minutes and every browser test comes from 127.0.0.1, so all files of a run share that budget.
 */
export async function signInAndWait(page: Page, email: string, password: string): Promise<"signed-in" | { refused: string }> {
  await signIn(page, email, password);
  const alert = formAlert(page);
  // Both waits settle (the loser times out later, handled) so nothing rejects unobserved.
  const outcome = await Promise.race([
    page.waitForURL("**/dashboard").then(
      () => "signed-in" as const,
      () => null,
    ),
    alert.waitFor().then(
      () => "alert" as const,
      () => null,
    ),
  ]);
  if (outcome === "signed-in") return "signed-in";
  if (outcome === null) throw new Error(`sign-in of ${email} neither reached the dashboard nor showed a message`);
  return { refused: ((await alert.textContent()) ?? "").trim() };
}

/**
 * The message a form shows above its fields (role=alert inside the page's main content; Next's
 * own route announcer is an empty role=alert outside it).
 */
export function formAlert(page: Page): Locator {
  return page.getByRole("main").getByRole("alert").first();
}

/**
 * Clicks a form's submit button and waits until the server action answered and the form shows
 * its new state (the button has its own name back; it reads "…ing" while the action runs).
 */
export async function submitForm(page: Page, buttonName: string): Promise<void> {
  const button = page.getByRole("button", { name: buttonName, exact: true });
  const answered = page.waitForResponse((res) => res.request().method() === "POST" && res.url().startsWith(baseUrl()));
  await button.click();
  // Not response.finished(): an action's streamed answer can leave that pending. The button
  // reads "…ing" from the click until React has rendered the answer.
  await answered;
  await page.getByRole("button", { name: buttonName, exact: true }).and(page.locator(":enabled")).waitFor();
}

export const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "recert-"));
export { type Browser, type BrowserContext, type Cookie, type Locator, type Page };
