/** Calendar feed secrets: 32 random bytes, base64url (43 characters), stored as given. */
import crypto from "node:crypto";

export const CALENDAR_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function newCalendarToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** The token in a feed path `<token>.ics`, or null when it cannot be one. */
export function tokenFromFeedName(name: string): string | null {
  if (!name.endsWith(".ics")) return null;
  const token = name.slice(0, -4);
  return CALENDAR_TOKEN_RE.test(token) ? token : null;
}

export function feedUrls(appUrl: string, token: string): { https: string; webcal: string } {
  const httpsUrl = `${appUrl}/api/calendar/${token}.ics`;
  return { https: httpsUrl, webcal: httpsUrl.replace(/^https?:\/\//, "webcal://") };
}
