/** asText: any input as text for a message, never a throw. */
import { describe, expect, test } from "vitest";
import { asText } from "@/lib/rules/text";

describe("asText", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  test.each<[string, unknown, string]>([
    ["a string", "juggling", "juggling"],
    ["a number", 7, "7"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["a boolean", false, "false"],
    ["a symbol", Symbol("odd"), "odd"],
    ["an object without a prototype", Object.create(null), "{}"],
    ["an array", ["book"], '["book"]'],
    ["a cyclic object", cyclic, "a value that is not text"],
    ["a function", () => 1, "a value that is not text"],
  ])("%s", (_, v, text) => {
    expect(asText(v)).toBe(text);
  });
});
