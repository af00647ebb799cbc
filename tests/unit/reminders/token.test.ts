import { describe, expect, it } from "vitest";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/reminders/token";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const USER = "6f1c2a8e-2d7b-4c1e-9f0a-1b2c3d4e5f60";

describe("unsubscribe tokens", () => {
  it("round-trips the holder's id", () => {
    const token = unsubscribeToken(USER, SECRET);
    expect(token.startsWith(`${USER}.`)).toBe(true);
    expect(verifyUnsubscribeToken(token, SECRET)).toBe(USER);
  });

  it.each([
    { label: "another secret", token: () => unsubscribeToken(USER, "another-secret-that-is-long-enough-000000") },
    { label: "someone else's id with this signature", token: () => unsubscribeToken(USER, SECRET).replace(USER, "7f1c2a8e-2d7b-4c1e-9f0a-1b2c3d4e5f60") },
    { label: "a truncated signature", token: () => unsubscribeToken(USER, SECRET).slice(0, -2) },
    { label: "no signature", token: () => USER },
    { label: "not an id", token: () => "../../etc.passwd" },
    { label: "empty", token: () => "" },
  ])("refuses $label", ({ token }) => {
    expect(verifyUnsubscribeToken(token(), SECRET)).toBeNull();
  });
});
