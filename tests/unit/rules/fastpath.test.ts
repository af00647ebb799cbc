/**
 * The scoring loop's shortcuts give exactly what the general code gives: dayNumberOf is
 * isISODate and dateNumber in one read, and scorePlain writes what scoreInto writes (or declines).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { ActivityInput } from "@/lib/rules";
import { compiledPack, type CompiledType } from "@/lib/rules/compile";
import { dateNumber, dayNumberOf, fromDateNumber, fromDays, isISODate, toDays } from "@/lib/rules/dates";
import { newScratch, scoreInto, scorePlain } from "@/lib/rules/score";

describe("dayNumberOf", () => {
  test.each<[unknown, number]>([
    ["2024-02-29", 20240229],
    ["2023-02-29", 0],
    ["2024-04-31", 0],
    ["0001-01-01", 10101],
    ["0000-01-01", 0],
    ["2024-1-01", 0],
    ["2024-01-0a", 0],
    [20240101, 0],
    [null, 0],
  ])("dayNumberOf(%s) = %s", (s, n) => {
    expect(dayNumberOf(s)).toBe(n);
  });

  test("agrees with isISODate and dateNumber on any 10-character string of digits and dashes", () => {
    const ch = fc.constantFrom(..."0123456789-".split(""));
    fc.assert(
      fc.property(fc.array(ch, { minLength: 10, maxLength: 10 }), (cs) => {
        const s = cs.join("");
        expect(dayNumberOf(s)).toBe(isISODate(s) ? dateNumber(s) : 0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("fromDateNumber", () => {
  test.each<[number, string]>([
    [20240229, "2024-02-29"],
    [10101, "0001-01-01"],
    [99991231, "9999-12-31"],
    [20261001, "2026-10-01"],
  ])("fromDateNumber(%s) = %s", (n, s) => {
    expect(fromDateNumber(n)).toBe(s);
  });

  test("gives back the date dateNumber read, for any date from year 1 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDays("0001-01-01"), max: toDays("9999-12-31") }), (n) => {
        const s = fromDays(n);
        expect(fromDateNumber(dateNumber(s))).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("scorePlain", () => {
  const cp = compiledPack("ascm");
  const types: CompiledType[] = cp === null ? [] : cp.allTypes;
  const plain = types.filter((t) => t.plain);

  test("ASCM's hourly, per-item and per-mentee types take the plain path; types with details do not", () => {
    const ids = new Set(plain.map((t) => t.id));
    for (const id of ["attend_training", "online_event", "article_read", "mentor"]) expect(ids.has(id)).toBe(true);
    for (const id of ["book", "teach", "ascm_conference", "ascm_exam", "college_course", "pm_project"]) expect(ids.has(id)).toBe(false);
  });

  test("writes exactly what scoreInto writes, or declines, for any quantity, details and manual points", () => {
    expect(plain.length).toBeGreaterThan(0);
    const quantity = fc.oneof(
      fc.constantFrom(null, undefined, 0, -1, 0.25, 0.5, 1, 1.5, 7.5, 40, 1e6, Number.NaN, Number.POSITIVE_INFINITY),
      fc.double({ min: -5, max: 200, noNaN: true }),
      fc.integer({ min: 1, max: 5000 }).map((k) => k / 2),
    );
    const details = fc.constantFrom<unknown>(undefined, null, {}, { note: "x" }, [], "text");
    const manual = fc.constantFrom<ActivityInput["manualPoints"]>(undefined, null, { points: 3, reason: "agreed" });
    let taken = 0;
    fc.assert(
      fc.property(fc.constantFrom(...plain), quantity, details, manual, (t, q, d, m) => {
        const a = { id: "a", packId: "ascm", typeId: t.id, startDate: "2024-03-01", quantity: q, details: d, manualPoints: m } as ActivityInput;
        const viaGeneral = newScratch();
        const errors = scoreInto(a, t, a.startDate, viaGeneral);
        const viaPlain = newScratch();
        if (scorePlain(a, t, viaPlain)) {
          taken++;
          expect(errors).toBeNull();
          expect(viaPlain).toEqual(viaGeneral);
        } else expect(viaPlain).toEqual(newScratch());
      }),
      { numRuns: 3000 },
    );
    // The shortcut was taken, not only declined.
    expect(taken).toBeGreaterThan(100);
  });
});
