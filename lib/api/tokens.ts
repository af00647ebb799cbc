/**
 * Personal access tokens: `rct_` + 32 random bytes (base64url). The token is shown to the holder
 * once; only its sha256 and a short prefix (to tell tokens apart in Settings) are stored.
 */
import crypto from "node:crypto";

export const TOKEN_PREFIX = "rct_";
/** 32 bytes → 43 base64url characters. */
const TOKEN_RE = /^rct_[A-Za-z0-9_-]{43}$/;
/** Characters of the token kept for display: "rct_" and the first 6 random characters. */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 6;

export type NewToken = { token: string; tokenHash: string; prefix: string };

export function generateToken(): NewToken {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, DISPLAY_LENGTH) };
}

/** sha256 hex. A token has 256 bits of entropy, so a fast hash is enough (no salt, no argon2). */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database lookup. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_RE.test(value);
}

/** The token of an `Authorization: Bearer <token>` header; "" when the header is absent, null when it is malformed. */
export function bearerToken(header: string | null): string | null {
  if (header === null) return "";
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}
