/**
 * HTTP helpers for the evidence and CSV routes (pure: Headers and streams in, values out).
 */

/**
 * A mutating request made with the session cookie must come from our own pages: the Origin
 * header's host must equal the Host (or the proxy's X-Forwarded-Host, which a cross-site page
 * cannot set without a CORS preflight we never answer). No Origin at all is refused too:
 * browsers always send it on POST and DELETE.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const hosts = [headers.get("host"), ...(headers.get("x-forwarded-host")?.split(",") ?? [])]
    .map((h) => h?.trim().toLowerCase())
    .filter((h): h is string => Boolean(h));
  return hosts.includes(originHost);
}

export type LimitedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: "too_large" | "no_body" };

/**
 * Reads a request body up to `limit` bytes and stops (cancelling the stream) as soon as it is
 * exceeded, so a client that lies about or omits Content-Length cannot make us buffer more.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<LimitedBody> {
  if (!body) return { ok: false, reason: "no_body" };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return { ok: true, bytes: out };
}

/** The declared Content-Length, or null when absent or not a plain number. */
export function declaredLength(headers: Headers): number | null {
  const raw = headers.get("content-length");
  if (!raw || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

export type ApiErrorBody = { error: { code: string; message: string; fields: Record<string, string> } };

export function apiError(status: number, code: string, message: string, fields: Record<string, string> = {}): Response {
  const body: ApiErrorBody = { error: { code, message, fields } };
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
