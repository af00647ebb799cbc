import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clearKeys, countRecent, hitUnlessLimited, pruneOlderThan, recordHit, releaseHit } from "@/db/queries/rate-limits";
import { rateLimits } from "@/db/schema";
import {
  beginSignInAttempt,
  SIGN_IN_MAX_PER_ACCOUNT,
  SIGN_IN_MAX_PER_IP,
  SIGN_IN_WINDOW_MS,
  signInBlocked,
  signInSucceeded,
} from "@/lib/auth/rate-limit";
import { describeEachDb } from "../harness";

const MIN = 60_000;
/** A fixed clock: 30 seconds into a minute, so bucket edges are visible. */
const T0 = new Date("2030-01-07T10:00:30Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let n = 0;
const key = (label: string) => `test:${label}:${++n}`;
const account = (label: string) => `${label}-${++n}@example.com`;
const ip = () => `198.51.100.${++n % 250}`;

describeEachDb("rate limits (sign-in failures in PostgreSQL)", (ctx) => {
  it("has the issue's limits: 10 per account, 50 per address, 15 minutes", () => {
    expect(SIGN_IN_MAX_PER_ACCOUNT).toBe(10);
    expect(SIGN_IN_MAX_PER_IP).toBe(50);
    expect(SIGN_IN_WINDOW_MS).toBe(15 * MIN);
  });

  describe("counting in one-minute buckets", () => {
    it("adds hits of one minute up in one row, and keeps keys apart", async () => {
      const db = ctx.handle.db;
      const a = key("a");
      const b = key("b");
      await recordHit(db, [a, b], T0);
      await recordHit(db, [a], at(10_000));
      await recordHit(db, [a], at(29_000));
      const rows = await db.select().from(rateLimits).where(eq(rateLimits.key, a));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.count).toBe(3);
      expect(rows[0]!.bucket.toISOString()).toBe("2030-01-07T10:00:00.000Z");
      const counts = await countRecent(db, [a, b, key("never")], 15 * MIN, at(MIN));
      expect(Object.fromEntries(counts)).toEqual({ [a]: 3, [b]: 1 });
    });

    it("counts a hit for at least 15 minutes and at most 16 (sliding window)", async () => {
      const db = ctx.handle.db;
      const k = key("window");
      await recordHit(db, [k], T0);
      const count = async (ms: number) => (await countRecent(db, [k], 15 * MIN, at(ms))).get(k) ?? 0;
      expect(await count(0)).toBe(1);
      expect(await count(14 * MIN + 59_000)).toBe(1);
      expect(await count(15 * MIN)).toBe(1);
      expect(await count(15 * MIN + 29_000)).toBe(1);
      expect(await count(15 * MIN + 30_000)).toBe(0); // the bucket 10:00 ended 15 minutes ago
      expect(await count(16 * MIN)).toBe(0);
    });

    it("slides: old hits drop out while recent ones stay", async () => {
      const db = ctx.handle.db;
      const k = key("slide");
      for (let i = 0; i < 5; i++) await recordHit(db, [k], T0);
      for (let i = 0; i < 4; i++) await recordHit(db, [k], at(10 * MIN));
      const count = async (ms: number) => (await countRecent(db, [k], 15 * MIN, at(ms))).get(k) ?? 0;
      expect(await count(12 * MIN)).toBe(9);
      expect(await count(17 * MIN)).toBe(4);
      expect(await count(27 * MIN)).toBe(0);
    });

    it("records a hit only while every key is under its limit, atomically", async () => {
      const db = ctx.handle.db;
      const a = key("limited-a");
      const b = key("limited-b");
      const limits = [
        { key: a, max: 3 },
        { key: b, max: 5 },
      ];
      const results = await Promise.all(Array.from({ length: 8 }, () => hitUnlessLimited(db, limits, 15 * MIN, T0)));
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(Object.fromEntries(await countRecent(db, [a, b], 15 * MIN, T0))).toEqual({ [a]: 3, [b]: 3 });
      // b alone still has room; a refused hit leaves every key as it was.
      expect(await hitUnlessLimited(db, [{ key: b, max: 5 }], 15 * MIN, T0)).toBe(true);
      expect(await hitUnlessLimited(db, limits, 15 * MIN, T0)).toBe(false);
      expect(Object.fromEntries(await countRecent(db, [a, b], 15 * MIN, T0))).toEqual({ [a]: 3, [b]: 4 });
      expect(await hitUnlessLimited(db, [], 15 * MIN, T0)).toBe(true);
    });

    it("releases one hit of a bucket, never below zero", async () => {
      const db = ctx.handle.db;
      const k = key("release");
      await recordHit(db, [k], T0);
      await recordHit(db, [k], T0);
      await releaseHit(db, [k], at(20_000));
      expect((await countRecent(db, [k], 15 * MIN, T0)).get(k)).toBe(1);
      await releaseHit(db, [k], T0);
      await releaseHit(db, [k], T0);
      const rows = await db.select().from(rateLimits).where(eq(rateLimits.key, k));
      expect(rows.map((r) => r.count)).toEqual([0]);
    });

    it("clears given keys only, and prunes only old buckets", async () => {
      const db = ctx.handle.db;
      const a = key("clear-a");
      const b = key("clear-b");
      await recordHit(db, [a, b], T0);
      await recordHit(db, [a, b], at(-3 * 3600_000));
      await clearKeys(db, [a]);
      await pruneOlderThan(db, at(-3600_000));
      const rows = await db.select().from(rateLimits).where(inArray(rateLimits.key, [a, b]));
      expect(rows.map((r) => [r.key, r.bucket.toISOString()])).toEqual([[b, "2030-01-07T10:00:00.000Z"]]);
      // Empty key lists are no-ops, not SQL errors.
      await recordHit(db, [], T0);
      await clearKeys(db, []);
      await releaseHit(db, [], T0);
      expect((await countRecent(db, [], 15 * MIN, T0)).size).toBe(0);
    });
  });

  describe("sign-in attempts", () => {
    it("lets 10 failures for one account through in 15 minutes and refuses the 11th, which does not count", async () => {
      const email = account("victim");
      const from = ip();
      for (let i = 0; i < SIGN_IN_MAX_PER_ACCOUNT; i++) {
        expect(await beginSignInAttempt(email, from, at(i * 30_000)), `attempt ${i + 1}`).toBe(true);
      }
      expect(await signInBlocked(email, from, at(5 * MIN))).toBe(true);
      // The 11th, from the same or another address, in any letter case: refused.
      expect(await beginSignInAttempt(email, from, at(5 * MIN))).toBe(false);
      expect(await beginSignInAttempt(email.toUpperCase(), ip(), at(6 * MIN))).toBe(false);
      const counts = await countRecent(ctx.handle.db, [`signin:acct:${email}`, `signin:ip:${from}`], SIGN_IN_WINDOW_MS, at(6 * MIN));
      expect(counts.get(`signin:acct:${email}`)).toBe(10);
      expect(counts.get(`signin:ip:${from}`)).toBe(10);
      // Once the failures are 15+ minutes old, the account may try again.
      expect(await beginSignInAttempt(email, from, at(4.5 * MIN + 16 * MIN))).toBe(true);
    });

    it("forgives an account's failures after a correct password, and does not count the success against the address", async () => {
      const email = account("forgetful");
      const from = ip();
      for (let i = 0; i < 9; i++) expect(await beginSignInAttempt(email, from, T0)).toBe(true);
      const now = at(MIN);
      expect(await beginSignInAttempt(email, from, now)).toBe(true);
      await signInSucceeded(email, from, now);
      const counts = await countRecent(ctx.handle.db, [`signin:acct:${email}`, `signin:ip:${from}`], SIGN_IN_WINDOW_MS, now);
      expect(counts.get(`signin:acct:${email}`) ?? 0).toBe(0);
      expect(counts.get(`signin:ip:${from}`)).toBe(9);
      expect(await signInBlocked(email, from, now)).toBe(false);
    });

    it("refuses an address after 50 failures over many accounts, but not other addresses", async () => {
      const from = "203.0.113.50";
      for (let i = 0; i < SIGN_IN_MAX_PER_IP; i++) {
        expect(await beginSignInAttempt(account("spray"), from, at(i * 1000)), `attempt ${i + 1}`).toBe(true);
      }
      const fresh = account("fresh");
      expect(await signInBlocked(fresh, from, at(MIN))).toBe(true);
      expect(await beginSignInAttempt(fresh, from, at(MIN))).toBe(false);
      expect(await beginSignInAttempt(fresh, "203.0.113.51", at(MIN))).toBe(true);
    });

    it("never lets more than 10 guesses through when they arrive all at once", async () => {
      const email = account("parallel");
      const results = await Promise.all(Array.from({ length: 30 }, () => beginSignInAttempt(email, ip(), T0)));
      expect(results.filter(Boolean)).toHaveLength(SIGN_IN_MAX_PER_ACCOUNT);
      const counts = await countRecent(ctx.handle.db, [`signin:acct:${email}`], SIGN_IN_WINDOW_MS, T0);
      expect(counts.get(`signin:acct:${email}`)).toBe(SIGN_IN_MAX_PER_ACCOUNT);
    });
  });
});
