import http from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installPeerAddressStamp, peerAddressOf, setPeerAddressHeaderForTests } from "@/lib/auth/peer-address";
import { clientIp, clientIpFrom } from "@/lib/auth/request-ip";
import { parseTrustProxy, resetEnvForTests } from "@/lib/env";

const PEER = "x-recert-peer-test";

beforeEach(() => setPeerAddressHeaderForTests(PEER));
afterEach(() => {
  setPeerAddressHeaderForTests(undefined);
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("clientIpFrom(headers, 0): no trusted proxy (the default)", () => {
  it.each<{ label: string; headers: Record<string, string>; ip: string }>([
    { label: "the socket's peer address", headers: { [PEER]: "203.0.113.7" }, ip: "203.0.113.7" },
    { label: "an IPv4-mapped IPv6 peer as plain IPv4", headers: { [PEER]: "::ffff:127.0.0.1" }, ip: "127.0.0.1" },
    { label: "an IPv6 peer as it is", headers: { [PEER]: "2001:db8::1" }, ip: "2001:db8::1" },
    { label: "the peer, not a client-sent X-Forwarded-For", headers: { [PEER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" }, ip: "203.0.113.7" },
    { label: "the peer, not the last entry of a forged chain", headers: { [PEER]: "203.0.113.7", "x-forwarded-for": "1.1.1.1, 2.2.2.2, 198.51.100.9" }, ip: "203.0.113.7" },
    { label: "the peer, not a client-sent X-Real-IP", headers: { [PEER]: "203.0.113.7", "x-real-ip": "192.0.2.9" }, ip: "203.0.113.7" },
    { label: "'unknown' without a stamp, whatever the client sent", headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "192.0.2.9" }, ip: "unknown" },
    { label: "'unknown' for an empty stamp", headers: { [PEER]: "" }, ip: "unknown" },
  ])("takes $label", ({ headers, ip }) => {
    expect(clientIpFrom(new Headers(headers), 0)).toBe(ip);
  });

  it("ignores a peer header sent by the client when the stamp has another (random) name", () => {
    setPeerAddressHeaderForTests("x-recert-peer-0123456789abcdef");
    expect(clientIpFrom(new Headers({ [PEER]: "198.51.100.1" }), 0)).toBe("unknown");
  });
});

describe("clientIpFrom(headers, N): behind N proxies that append to X-Forwarded-For", () => {
  it.each<{ label: string; trust: number; xff: string; ip: string }>([
    { label: "one proxy: the last entry", trust: 1, xff: "198.51.100.1, 203.0.113.7", ip: "203.0.113.7" },
    { label: "one proxy: a client's forged entries before it are skipped", trust: 1, xff: "1.1.1.1, 2.2.2.2, 203.0.113.7", ip: "203.0.113.7" },
    { label: "two proxies: the second from the right", trust: 2, xff: "1.1.1.1, 203.0.113.7, 10.0.0.2", ip: "203.0.113.7" },
    { label: "three proxies: the third from the right", trust: 3, xff: "203.0.113.7, 10.0.0.3, 10.0.0.2", ip: "203.0.113.7" },
    { label: "fewer entries than proxies: the leftmost", trust: 3, xff: "203.0.113.7, 10.0.0.2", ip: "203.0.113.7" },
    { label: "spaces and empty entries ignored", trust: 1, xff: " 198.51.100.1 ,, 203.0.113.7 , ", ip: "203.0.113.7" },
    { label: "an IPv4-mapped address as plain IPv4", trust: 1, xff: "::ffff:203.0.113.7", ip: "203.0.113.7" },
  ])("$label", ({ trust, xff, ip }) => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": xff, [PEER]: "10.0.0.1" }), trust)).toBe(ip);
  });

  it("falls back to the peer when X-Forwarded-For is missing or empty", () => {
    expect(clientIpFrom(new Headers({ [PEER]: "10.0.0.1" }), 1)).toBe("10.0.0.1");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": " , ", [PEER]: "10.0.0.1" }), 1)).toBe("10.0.0.1");
  });
});

describe("TRUST_PROXY", () => {
  it.each<{ value: string | undefined; parsed: number | null }>([
    { value: undefined, parsed: 0 },
    { value: "", parsed: 0 },
    { value: "false", parsed: 0 },
    { value: "off", parsed: 0 },
    { value: "0", parsed: 0 },
    { value: "true", parsed: 1 },
    { value: "TRUE", parsed: 1 },
    { value: "1", parsed: 1 },
    { value: " 2 ", parsed: 2 },
    { value: "9", parsed: 9 },
    { value: "10", parsed: null },
    { value: "-1", parsed: null },
    { value: "1.5", parsed: null },
    { value: "loopback", parsed: null },
    { value: "10.0.0.0/8", parsed: null },
  ])("parses $value as $parsed", ({ value, parsed }) => {
    expect(parseTrustProxy(value)).toBe(parsed);
  });

  it("clientIp() follows the environment: off by default, N from TRUST_PROXY", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.7", [PEER]: "10.0.0.1" });
    vi.stubEnv("TRUST_PROXY", undefined);
    resetEnvForTests();
    expect(clientIp(headers)).toBe("10.0.0.1");
    vi.stubEnv("TRUST_PROXY", "true");
    resetEnvForTests();
    expect(clientIp(headers)).toBe("203.0.113.7");
    vi.stubEnv("TRUST_PROXY", "2");
    resetEnvForTests();
    expect(clientIp(headers)).toBe("198.51.100.1");
  });
});

describe("installPeerAddressStamp(): the socket's address on every request", () => {
  it("stamps the real peer over anything the client sent, under a name the client cannot know", async () => {
    setPeerAddressHeaderForTests(undefined);
    const name = await installPeerAddressStamp();
    expect(name).toMatch(/^x-recert-peer-[0-9a-f]{24}$/);
    expect(await installPeerAddressStamp()).toBe(name);
    const server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      res.end(JSON.stringify({ peer: peerAddressOf(headers), ip: clientIpFrom(headers, 0) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "192.0.2.9", [name]: "198.51.100.2" } });
      expect(await res.json()).toEqual({ peer: "127.0.0.1", ip: "127.0.0.1" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
