/**
 * The TCP peer's address of each request, which Next's route handlers and server actions cannot
 * read (NextRequest.ip is gone since Next 15; they see headers only).
 *
 * `installPeerAddressStamp()` (called from instrumentation.ts when the server process starts)
 * wraps http(s).Server#emit so that every "request" carries the socket's remoteAddress in a
 * header Next passes on to headers() and to Auth.js. The header's name holds a random part
 * chosen per process: a client cannot send it (it would need to guess the name), and a request
 * that reached the server before the wrap was installed simply has no peer address ("unknown"),
 * never one the client chose. The name is kept on globalThis because instrumentation and the app's
 * routes are bundled separately but run in the same process.
 */
import crypto from "node:crypto";

const KEY = Symbol.for("recert.peerAddressHeader");
type Holder = { [KEY]?: string };

function headerName(): string | undefined {
  return (globalThis as Holder)[KEY];
}

/** The peer address stamped on this request, or null (no stamp: not served by our process). */
export function peerAddressOf(headers: Headers): string | null {
  const name = headerName();
  if (!name) return null;
  const value = headers.get(name);
  return value ? value : null;
}

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
type RequestLike = { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };

/** Idempotent. Returns the header name (tests use it to stamp requests themselves). */
export async function installPeerAddressStamp(): Promise<string> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const name = `x-recert-peer-${crypto.randomBytes(12).toString("hex")}`;
  const http = await import("node:http");
  const https = await import("node:https");
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as RequestLike;
        req.headers[name] = req.socket?.remoteAddress ?? "";
      }
      return original.call(this, event, ...args);
    };
  }
  holder[KEY] = name;
  return name;
}

/** Tests: make `peerAddressOf` read a known header, as if the stamp were installed. */
export function setPeerAddressHeaderForTests(name: string | undefined): void {
  if (name === undefined) delete (globalThis as Holder)[KEY];
  else (globalThis as Holder)[KEY] = name;
}
