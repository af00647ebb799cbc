/**
 * AUTH_SECRET signs session cookies. With a server database in production it must be set;
 * on the embedded database (one machine, `npm start` with no setup) or outside production, a
 * secret is generated once and kept in the embedded database's folder, so restarts keep sessions.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultPgliteDir } from "@/db/client";
import { env } from "@/lib/env";

export class MissingSecretError extends Error {
  constructor() {
    super(
      "Recert cannot start: AUTH_SECRET is not set. In production with DATABASE_URL, set AUTH_SECRET to a random " +
        "string of at least 32 characters (for example: openssl rand -base64 32) and use the same value on every replica.",
    );
    this.name = "MissingSecretError";
  }
}

export function resolveAuthSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production" && e.DATABASE_URL) throw new MissingSecretError();
  const file = path.join(path.dirname(defaultPgliteDir()), "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet: create it below
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    // 'wx' fails if another process created it first; then read theirs.
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}
