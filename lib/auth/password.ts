/**
 * Password rules (ASVS 6.2): 8 to 128 characters, used exactly as typed (argon2id hashes the
 * whole string, nothing is truncated), no composition rules, and not on a list of common
 * passwords (zxcvbn's list of about 49,000 leaked passwords; the ones of 8+ characters matter).
 */
import { hash, verify } from "@node-rs/argon2";

/** @node-rs/argon2 exports Algorithm as a const enum, which isolatedModules cannot read: 2 is Argon2id. */
const ARGON2ID = 2;
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const list = (dictionary as { passwords: string[] }).passwords;
    common = new Set(list.filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase()));
  }
  return common;
}

/** A message for the field, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length === 0) return "Enter a password.";
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (commonPasswords().has(password.toLowerCase())) {
    return "This password is one of the most common ones and easy to guess. Choose another.";
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A real argon2id hash of a random string: verifying against it costs the same time as a real check. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}
