/**
 * A report's ContributionList: its column readers, its objects, its JSON and its equality in
 * tests all say the same thing, and a list never changes once made.
 */
import { describe, expect, test } from "vitest";
import { evaluate, evaluateEach, type Contribution, type ProgressReport } from "@/lib/rules";
import { Chunked } from "@/lib/rules/chunked";
import { ContributionList } from "@/lib/rules/contributions";
import { act, cert, hours } from "./helpers";

const certs = [cert("CPIM", "2021-06-01"), cert("CSCP", "2022-03-15")];
const activities = [
  act("s1", "volunteer_service", "2022-02-01"),
  act("s2", "volunteer_service", "2022-05-01"),
  hours("h1", "2022-06-01", 4),
  act("x1", "ascm_exam", "2022-03-15", { details: { credentialCode: "CSCP" } }),
  act("b1", "book", "2022-08-01", { details: { pages: 250 } }),
  hours("late", "2024-01-10", 2),
];
const asOf = "2023-01-01";

function columnsOf(list: ContributionList, k: number): Contribution {
  return {
    activityId: list.activityId(k),
    typeId: list.typeId(k),
    categoryId: list.categoryId(k),
    date: list.date(k),
    points: list.points(k),
    counted: list.counted(k),
    trimmedBy: list.trimmedBy(k),
    // ruleId, explanation and source are read through the object only.
    ruleId: (list.at(k) as Contribution).ruleId,
    explanation: (list.at(k) as Contribution).explanation,
    source: (list.at(k) as Contribution).source,
  };
}

describe("ContributionList", () => {
  const [cpim, cscp] = evaluateEach({ certifications: certs, activities, asOf }) as [ProgressReport, ProgressReport];

  test("the column readers, at(), iteration and toArray() agree, in input order", () => {
    for (const r of [cpim, cscp]) {
      const list = r.contributions;
      const objects = list.toArray();
      expect(objects).toHaveLength(list.length);
      expect([...list]).toEqual(objects);
      for (let k = 0; k < list.length; k++) {
        expect(columnsOf(list, k)).toEqual(objects[k]);
        expect(list.indexOf(list.activityId(k))).toBe(k);
      }
    }
    // "late" is after asOf: not a contribution.
    expect(cpim.contributions.toArray().map((c) => c.activityId)).toEqual(["s1", "s2", "h1", "x1", "b1"]);
    expect(cpim.contributions.indexOf("late")).toBe(-1);
  });

  test("the values are the rules' own: a book is 5 points, the yearly service cap trims the second service of 2022", () => {
    const book = cpim.contributions.at(cpim.contributions.indexOf("b1")) as Contribution;
    expect(book).toMatchObject({ typeId: "book", date: "2022-08-01", points: 5, counted: 5 });
    expect(book.source.key).toBeTruthy();
    const s2 = cpim.contributions.at(cpim.contributions.indexOf("s2")) as Contribution;
    expect(s2.counted).toBeLessThan(s2.points);
    expect(s2.trimmedBy).toBe("ascm-2018/cap/service/per_calendar_year");
  });

  test("JSON.stringify writes an array of contribution objects", () => {
    const json = JSON.parse(JSON.stringify(cpim)) as { contributions: unknown };
    expect(Array.isArray(json.contributions)).toBe(true);
    expect(json.contributions).toEqual(JSON.parse(JSON.stringify(cpim.contributions.toArray())));
  });

  test("toEqual compares the contents: lists of one length that differ are not equal", () => {
    expect(cpim.contributions).toEqual(evaluate({ certification: certs[0]!, activities, asOf }).contributions);
    // Same length, different points: h1 is 5 hours here instead of 4.
    const other = evaluate({ certification: certs[0]!, activities: activities.map((a) => (a.id === "h1" ? { ...a, quantity: 5 } : a)), asOf }).contributions;
    expect(other.length).toBe(cpim.contributions.length);
    expect(cpim.contributions).not.toEqual(other);
    expect(cpim.contributions).not.toEqual(cscp.contributions);
  });

  test("reading past the end: at() gives undefined, a column reader throws a RangeError", () => {
    const list = cpim.contributions;
    expect(list.at(list.length)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    expect(list.at(0.5)).toBeUndefined();
    expect(() => list.counted(list.length)).toThrow(RangeError);
    expect(() => list.activityId(-1)).toThrow(RangeError);
    expect(() => list.date(1.5)).toThrow(RangeError);
  });

  test("objects handed out are copies: changing one changes neither the list nor another report", () => {
    const k = cpim.contributions.indexOf("h1");
    const c = cpim.contributions.at(k) as Contribution;
    c.counted = 999;
    expect(cpim.contributions.counted(k)).toBe(4);
    expect(cscp.contributions.counted(cscp.contributions.indexOf("h1"))).toBe(4);
  });

  test("an empty list", () => {
    const empty = ContributionList.empty();
    expect(empty.length).toBe(0);
    expect(empty.toArray()).toEqual([]);
    expect([...empty]).toEqual([]);
    expect(JSON.stringify(empty)).toBe("[]");
    expect(empty).toEqual([]);
    expect(empty).not.toEqual(cpim.contributions);
  });
});

describe("Chunked (the columns of strings, in arrays of 1,024)", () => {
  test.each([0, 1, 1023, 1024, 1025, 5000])("%i values read back as written, across chunk edges", (n) => {
    const c = new Chunked<string>(n);
    for (let i = 0; i < n; i++) c.set(i, `v${i}`);
    expect(c.length).toBe(n);
    for (let i = 0; i < n; i++) expect(c.get(i)).toBe(`v${i}`);
    c.shorten(Math.floor(n / 2));
    expect(c.length).toBe(Math.floor(n / 2));
    c.shorten(n + 10);
    expect(c.length).toBe(Math.floor(n / 2));
  });

  test("a report of 3,000 activities reads every id and explanation across the chunks", () => {
    const many = Array.from({ length: 3000 }, (_, i) => hours(`h${String(i).padStart(4, "0")}`, `2022-${String((i % 12) + 1).padStart(2, "0")}-10`, 1 + (i % 4)));
    // Another pack's activity first: the pack's own list is then a filtered copy (prepared index ≠ input index).
    const r = evaluate({ certification: certs[0]!, activities: [act("p1", "course", "2022-01-01", {}, "pmi"), ...many], asOf });
    expect(r.contributions.length).toBe(3000);
    for (let k = 0; k < 3000; k++) {
      const c = r.contributions.at(k) as Contribution;
      expect(c.activityId).toBe(many[k]!.id);
      expect(c.points).toBe(many[k]!.quantity);
      expect(c.explanation).toMatch(new RegExp(`^${many[k]!.quantity} h`));
    }
  });
});
