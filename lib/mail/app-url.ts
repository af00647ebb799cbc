/**
 * The public base URL for links that leave the app (e-mails, the calendar feed). APP_URL wins;
 * inside a request without it, the request's own host is used; a background job without it
 * falls back to localhost and says so in the log once.
 */
import { env } from "@/lib/env";

let warned = false;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** For code that runs outside a request (the reminder job). */
export function appUrl(): string {
  const configured = env().APP_URL;
  if (configured) return trimSlash(configured);
  if (!warned) {
    warned = true;
    console.warn("[recert] APP_URL is not set: links in e-mails point to http://localhost:3000");
  }
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}

/** For pages and routes: APP_URL, else the host the request came to. */
export function appUrlFromHeaders(headers: Headers): string {
  const configured = env().APP_URL;
  if (configured) return trimSlash(configured);
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[a-z0-9.\-:[\]]+$/i.test(host)) return appUrl();
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
