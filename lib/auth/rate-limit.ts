import "server-only";
import { getDb } from "@/db/client";
import { clearKeys, countRecent, hitUnlessLimited, pruneOlderThan, recordHit, releaseHit } from "@/db/queries/rate-limits";

/** Documenso's values (reference/reliability-performance.md A3): 10 per account, 50 per IP, 15 minutes. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_MAX_PER_ACCOUNT = 10;
export const SIGN_IN_MAX_PER_IP = 50;
/** Rows older than this are of no use to any window; they are pruned now and then. */
const KEEP_MS = 24 * 3600_000;

function keys(email: string, ip: string) {
  return { account: `signin:acct:${email.trim().toLowerCase()}`, ip: `signin:ip:${ip}` };
}

/** Read-only: would a password check for this account from this address be refused now? */
export async function signInBlocked(email: string, ip: string, now = new Date()): Promise<boolean> {
  const k = keys(email, ip);
  const counts = await countRecent(await getDb(), [k.account, k.ip], SIGN_IN_WINDOW_MS, now);
  return (counts.get(k.account) ?? 0) >= SIGN_IN_MAX_PER_ACCOUNT || (counts.get(k.ip) ?? 0) >= SIGN_IN_MAX_PER_IP;
}

/**
 * Call before checking a password. The attempt is counted as a failure up front (check and count
 * in one locked step), so guesses sent in parallel cannot all pass a check made before any of
 * them failed. Returns false when the attempt is refused; a refused attempt does not count.
 * After a correct password call `signInSucceeded` with the same `now`; after a wrong one,
 * nothing: the failure stays counted.
 */
export async function beginSignInAttempt(email: string, ip: string, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const k = keys(email, ip);
  const allowed = await hitUnlessLimited(
    db,
    [
      { key: k.account, max: SIGN_IN_MAX_PER_ACCOUNT },
      { key: k.ip, max: SIGN_IN_MAX_PER_IP },
    ],
    SIGN_IN_WINDOW_MS,
    now,
  );
  // Now and then, drop rows no window can see any more.
  if (allowed && Math.random() < 0.02) await pruneOlderThan(db, new Date(now.getTime() - KEEP_MS));
  return allowed;
}

/** The password was right: this attempt is no failure, and the account's earlier failures are forgiven. */
export async function signInSucceeded(email: string, ip: string, now: Date): Promise<void> {
  const db = await getDb();
  const k = keys(email, ip);
  await clearKeys(db, [k.account]);
  await releaseHit(db, [k.ip], now);
}

/** Records a failure without a password check (tests, and checks made elsewhere). */
export async function recordSignInFailure(email: string, ip: string, now = new Date()): Promise<void> {
  const k = keys(email, ip);
  await recordHit(await getDb(), [k.account, k.ip], now);
}

export async function clearAccountFailures(email: string): Promise<void> {
  await clearKeys(await getDb(), [keys(email, "").account]);
}
