/** Small constructors that keep pack files readable. Pack files are data; these only build objects. */
import type { Confidence, SourcedFlag, SourcedNumber } from "../schema";

/** A number with its source key and confidence. */
export function sn(value: number, source: string, confidence: Confidence, note?: string): SourcedNumber {
  return note === undefined ? { value, source, confidence } : { value, source, confidence, note };
}

/** A yes/no rule with its source key and confidence. */
export function flag(value: boolean, source: string, confidence: Confidence, note?: string): SourcedFlag {
  return note === undefined ? { value, source, confidence } : { value, source, confidence, note };
}

/**
 * An input limit Recert sets so a typo (1,000 days) is caught. It is not an issuer rule and
 * never changes points below it; the source "R" is docs/rules.md.
 */
export function inputLimit(value: number): SourcedNumber {
  return { value, source: "R", confidence: "inferred", note: "input limit set by Recert, not an issuer rule" };
}
