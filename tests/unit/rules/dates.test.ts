import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, addMonths, anniversary, dateNumber, diffDays, endOfMonth, fromDays, isISODate, toDays } from "@/lib/rules/dates";

describe("ISO calendar dates without a clock or time zone", () => {
  test.each<[unknown, boolean]>([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2024-04-31", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["2024-00-10", false],
    ["0000-01-01", false],
    ["2024-1-01", false],
    ["2024/01/01", false],
    ["2024-01-0a", false],
    [20240101, false],
    [null, false],
  ])("isISODate(%s) = %s", (s, ok) => {
    expect(isISODate(s)).toBe(ok);
  });

  test.each<[string, number, string]>([
    ["2021-01-31", 1, "2021-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2021-06-01", 60, "2026-06-01"],
    ["2021-03-15", -12, "2020-03-15"],
    ["2021-01-15", -1, "2020-12-15"],
  ])("addMonths(%s, %i) = %s", (s, n, out) => {
    expect(addMonths(s, n)).toBe(out);
  });

  test.each<[string, number, string]>([
    ["2020-02-29", 1, "2021-03-01"],
    ["2020-02-29", 4, "2024-02-29"],
    ["2021-09-15", 3, "2024-09-15"],
  ])("anniversary(%s, %i) = %s", (s, n, out) => {
    expect(anniversary(s, n)).toBe(out);
  });

  test("endOfMonth, addDays, diffDays", () => {
    expect([endOfMonth("2024-02-10"), endOfMonth("2023-02-10"), endOfMonth("2023-12-01")]).toEqual(["2024-02-29", "2023-02-28", "2023-12-31"]);
    expect([addDays("2024-12-31", 1), addDays("2024-03-01", -1), addDays("2026-06-30", 90)]).toEqual(["2025-01-01", "2024-02-29", "2026-09-28"]);
    expect([diffDays("2024-01-01", "2025-01-01"), diffDays("2025-01-01", "2024-01-01"), toDays("1970-01-01")]).toEqual([366, -366, 0]);
  });

  test("property: day numbers and dates round-trip, and agree with UTC arithmetic", () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const d = fromDays(n);
        expect(isISODate(d)).toBe(true);
        expect(toDays(d)).toBe(n);
        if (n > -100_000) expect(d).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("dateNumber: a date as yyyymmdd, compared as the strings are", () => {
  test("values", () => {
    expect(dateNumber("2024-02-29")).toBe(20240229);
    expect(dateNumber("0001-01-01")).toBe(10101);
    expect(dateNumber("9999-12-31")).toBe(99991231);
  });

  test("property: numbers order like the ISO strings", () => {
    const day = fc.integer({ min: toDays("0001-01-01"), max: toDays("9999-12-31") }).map(fromDays);
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(Math.sign(dateNumber(a) - dateNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
