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

/** Shortest secret accepted from the file (a stored one is 43 characters). */
const MIN_SECRET = 32;

function readSecret(file: string): string | null {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value.length >= MIN_SECRET ? value : null;
  } catch {
    return null;
  }
}

export function resolveAuthSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production" && e.DATABASE_URL) throw new MissingSecretError();
  const file = path.join(path.dirname(defaultPgliteDir()), "auth-secret");
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a private temp file, then linked into place: another process (a second
  // `next start`, a test worker) never reads a half-written secret, and only one secret wins.
  const secret = crypto.randomBytes(32).toString("base64url");
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, secret + "\n", { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return secret;
  } catch {
    // Someone else stored one first: use theirs. A file too short to be a secret (empty after a
    // crash, edited by hand) is replaced rather than used.
    const theirs = readSecret(file);
    if (theirs) return theirs;
    fs.renameSync(tmp, file);
    return secret;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
