/**
 * Input as text for a message. String(v) throws for an object without a usable toString (one
 * made with Object.create(null), say); the engine never throws on bad input, so its messages
 * write input through this.
 */
export function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "symbol") return v.description ?? "a symbol";
  try {
    return JSON.stringify(v) ?? "a value that is not text";
  } catch {
    return "a value that is not text";
  }
}
