/**
 * The client's address. Next's server appends the socket address to x-forwarded-for, so the
 * last entry is the one a client cannot forge (a reverse proxy in front appends its own view).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const parts = forwarded.split(",").map((p) => p.trim()).filter(Boolean);
    const last = parts[parts.length - 1];
    if (last) return last.replace(/^::ffff:/, "");
  }
  return headers.get("x-real-ip") ?? "unknown";
}
