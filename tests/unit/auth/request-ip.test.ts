import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/request-ip";

describe("clientIp(): the address rate limits are keyed by", () => {
  it.each<{ label: string; headers: Record<string, string>; ip: string }>([
    { label: "the address Next's server set", headers: { "x-forwarded-for": "203.0.113.7" }, ip: "203.0.113.7" },
    { label: "the last entry a proxy appended", headers: { "x-forwarded-for": "198.51.100.1, 203.0.113.7" }, ip: "203.0.113.7" },
    { label: "spaces and empty entries ignored", headers: { "x-forwarded-for": " 198.51.100.1 ,, 203.0.113.7 , " }, ip: "203.0.113.7" },
    { label: "an IPv4-mapped IPv6 address as plain IPv4", headers: { "x-forwarded-for": "::ffff:127.0.0.1" }, ip: "127.0.0.1" },
    { label: "an IPv6 address as it is", headers: { "x-forwarded-for": "2001:db8::1" }, ip: "2001:db8::1" },
    { label: "x-real-ip without x-forwarded-for", headers: { "x-real-ip": "192.0.2.9" }, ip: "192.0.2.9" },
    { label: "x-forwarded-for over x-real-ip", headers: { "x-forwarded-for": "203.0.113.7", "x-real-ip": "192.0.2.9" }, ip: "203.0.113.7" },
    { label: "an empty x-forwarded-for", headers: { "x-forwarded-for": " , " }, ip: "unknown" },
    { label: "no address at all", headers: {}, ip: "unknown" },
  ])("takes $label", ({ headers, ip }) => {
    expect(clientIp(new Headers(headers))).toBe(ip);
  });

  it("does not let a client pick the address by prepending entries", () => {
    const forged = new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 203.0.113.7" });
    expect(clientIp(forged)).toBe("203.0.113.7");
  });
});
