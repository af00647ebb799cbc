/**
 * The client's address, which sign-in limits are keyed by and the audit log records.
 *
 * Next's own server (`next start`, the standalone server.js) sets X-Forwarded-For to the socket's
 * peer only when the request has none (`??=` in next/dist/server/base-server.js): a client that
 * sends its own X-Forwarded-For picks the address Next passes on. So the header is used only when
 * TRUST_PROXY says proxies in front of the server write it; otherwise the address is the TCP peer,
 * which lib/auth/peer-address.ts stamps on each request before Next sees it.
 */
import { env } from "@/lib/env";
import { peerAddressOf } from "@/lib/auth/peer-address";

function plain(address: string): string {
  return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/**
 * The address `trustProxy` says to believe:
 * - 0 (the default): the socket's peer; X-Forwarded-For and X-Real-IP from the client are ignored.
 * - N ≥ 1: the N-th address from the right of X-Forwarded-For, as written by N proxies that each
 *   append the address they were reached from. With fewer entries than N (a request that came
 *   round the proxies, or a proxy that replaces the header) the leftmost one.
 */
export function clientIpFrom(headers: Headers, trustProxy: number): string {
  if (trustProxy > 0) {
    const parts = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const picked = parts.length >= trustProxy ? parts[parts.length - trustProxy] : parts[0];
    if (picked) return plain(picked);
  }
  const peer = peerAddressOf(headers);
  return peer ? plain(peer) : "unknown";
}

export function clientIp(headers: Headers): string {
  return clientIpFrom(headers, env().TRUST_PROXY);
}
