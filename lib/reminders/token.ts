/**
 * One-click unsubscribe links carry a signed token: the holder's id and an HMAC of it under the
 * auth secret, so no sign-in is needed and nobody can unsubscribe someone else by guessing.
 */
import crypto from "node:crypto";

const PURPOSE = "recert:unsubscribe:v1:";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sign(userId: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(PURPOSE + userId.toLowerCase()).digest("base64url");
}

export function unsubscribeToken(userId: string, secret: string): string {
  return `${userId.toLowerCase()}.${sign(userId, secret)}`;
}

/** The holder's id when the token is genuine, else null. */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  if (token.length > 200) return null;
  const dot = token.indexOf(".");
  if (dot < 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  if (!UUID_RE.test(userId)) return null;
  const expected = Buffer.from(sign(userId, secret));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return userId.toLowerCase();
}
