/**
 * Chromium for the browser benches: Debian's /usr/bin/chromium (CHROMIUM_PATH) driven by
 * playwright-core, with the flags the browser tests use. Each measurement gets a fresh context
 * (empty cache: a first visit) that carries the holder's session cookie.
 */
import fs from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { HttpClient } from "../../tests/support/http";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function hasChromium(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  console.log(`!!! Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): browser figures are skipped.`);
  return false;
}

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context (no cache) signed in as `client`'s holder, or anonymous. */
export async function freshPage(browser: Browser, baseUrl: string, client: HttpClient | null, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({ baseURL: baseUrl, viewport, deviceScaleFactor: 1, isMobile: phone, hasTouch: phone });
  if (client) {
    const host = new URL(baseUrl).hostname;
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: host, path: "/", httpOnly: true, sameSite: "Lax" as const, secure: false })));
  }
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page };
}
