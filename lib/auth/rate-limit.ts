import "server-only";
import { getDb } from "@/db/client";
import { clearKeys, countRecent, recordHit } from "@/db/queries/rate-limits";

/** Documenso's values (reference/reliability-performance.md A3): 10 per account, 50 per IP, 15 minutes. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_MAX_PER_ACCOUNT = 10;
export const SIGN_IN_MAX_PER_IP = 50;

function keys(email: string, ip: string) {
  return { account: `signin:acct:${email.trim().toLowerCase()}`, ip: `signin:ip:${ip}` };
}

export async function signInBlocked(email: string, ip: string, now = new Date()): Promise<boolean> {
  const k = keys(email, ip);
  const counts = await countRecent(await getDb(), [k.account, k.ip], SIGN_IN_WINDOW_MS, now);
  return (counts.get(k.account) ?? 0) >= SIGN_IN_MAX_PER_ACCOUNT || (counts.get(k.ip) ?? 0) >= SIGN_IN_MAX_PER_IP;
}

export async function recordSignInFailure(email: string, ip: string, now = new Date()): Promise<void> {
  const k = keys(email, ip);
  await recordHit(await getDb(), [k.account, k.ip], now);
}

export async function clearAccountFailures(email: string): Promise<void> {
  await clearKeys(await getDb(), [keys(email, "").account]);
}
