/**
 * Where to go after signing in: only a path on this site (no open redirect). Anything else,
 * including protocol-relative `//evil.example` and `/\evil.example` (browsers read `\` as `/`),
 * goes to the dashboard.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value === "string" && value.length <= 2048 && /^\/(?![/\\])/.test(value) && !/[\u0000-\u001f\u007f\\]/.test(value)) {
    return value;
  }
  return "/dashboard";
}
