import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { allTables } from "./doc-tables";

const doc = readFileSync(fileURLToPath(new URL("../../../docs/rules.md", import.meta.url)), "utf8");

describe("docs/rules.md shows the numbers the packs use", () => {
  test.each(allTables().map((t) => [t.slice(0, t.indexOf("\n")), t]))("%s block matches the pack", (_marker, table) => {
    expect(doc).toContain(table);
  });
});
