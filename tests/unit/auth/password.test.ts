import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, PASSWORD_MAX, PASSWORD_MIN, passwordProblem, verifyPassword } from "@/lib/auth/password";

/** A password that is on no list: a long random-looking string cut to the wanted length. */
const uncommon = (length: number) => "Kq7#Lm2z-Vx9!Rt4w".repeat(20).slice(0, length);

describe("password rules (8 to 128 characters, not common)", () => {
  it("keeps the limits the issue names", () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(PASSWORD_MAX).toBe(128);
  });

  it.each([
    { label: "empty", password: "", problem: "Enter a password." },
    { label: "7 characters", password: uncommon(7), problem: "Use at least 8 characters." },
    { label: "129 characters", password: uncommon(129), problem: "Use at most 128 characters." },
    { label: "1,000 characters", password: uncommon(1000), problem: "Use at most 128 characters." },
    // Counted in characters, not UTF-16 units: 7 emoji are 14 units but only 7 characters.
    { label: "7 emoji", password: "😀".repeat(7), problem: "Use at least 8 characters." },
  ])("rejects $label", ({ password, problem }) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each([
    { label: "8 characters", password: uncommon(8) },
    { label: "128 characters", password: uncommon(128) },
    { label: "a passphrase with spaces", password: "correct horse battery staple" },
    { label: "8 accented letters", password: "éàüöñçøå" },
    { label: "8 emoji", password: "😀🎉🚀🌍🔥💡📚✅" },
  ])("accepts $label", ({ password }) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it.each(["password", "PASSWORD", "12345678", "iloveyou", "sunshine", "qwertyuiop", "1qaz2wsx"])(
    "rejects the common password %s (in any letter case)",
    (password) => {
      expect(passwordProblem(password)).toMatch(/most common/);
    },
  );
});

describe("argon2id hashing", () => {
  it("stores argon2id hashes, salted (two hashes of one password differ) and verifiable", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a.startsWith("$argon2id$")).toBe(true);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(b, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(a, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword(a, "Correct horse battery staple")).toBe(false);
  });

  it("compares the whole password: one differing only after byte 72 fails (no bcrypt-style truncation)", async () => {
    const stored = "a".repeat(80) + "b".repeat(20);
    const typed = "a".repeat(80) + "c".repeat(20);
    expect(stored).toHaveLength(100);
    expect(stored.slice(0, 72)).toBe(typed.slice(0, 72));
    const hash = await hashPassword(stored);
    expect(await verifyPassword(hash, stored)).toBe(true);
    expect(await verifyPassword(hash, typed)).toBe(false);
    expect(await verifyPassword(hash, stored.slice(0, 72))).toBe(false);
    // The very last character matters too.
    expect(await verifyPassword(hash, stored.slice(0, 99) + "c")).toBe(false);
  });

  it("is false, not an exception, for a stored value that is not a hash", async () => {
    expect(await verifyPassword("", "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "anything at all")).toBe(false);
  });

  it("has a real argon2id dummy hash (unknown emails cost the same time) that no guess matches", async () => {
    const dummy = await dummyHash();
    expect(dummy.startsWith("$argon2id$")).toBe(true);
    expect(await dummyHash()).toBe(dummy);
    expect(await verifyPassword(dummy, "")).toBe(false);
    expect(await verifyPassword(dummy, "dummy-")).toBe(false);
  });
});
