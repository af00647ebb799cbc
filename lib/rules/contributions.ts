/**
 * A report's contributions as columns: what each counted activity earned and what counts after
 * caps, read by position (0 … length − 1), without one object per activity.
 *
 * Why columns: a holder with 20,000 activities in three designations made 20,000 contribution
 * objects (and 40,000 boxed numbers) on every evaluation, and the garbage collector, not the
 * rules, set the engine's speed (docs/rules.md#performance). Here the columns of one pack's
 * evaluation (activity ids, dates, points before caps, types) are shared by all its reports, and
 * each report holds only which of them it counts, its points after caps, and the few that caps or
 * the holder's own exam changed.
 *
 * Reading: `length`, one column at a time (`activityId(k)`, `date(k)`, `counted(k)` …), or whole
 * Contribution objects, made on demand (`at(k)`, `for … of`, `toArray()`). JSON.stringify writes
 * the array of objects (the API's shape is unchanged). A list never changes once made.
 */
import { Chunked } from "./chunked";
import { fromDateNumber } from "./dates";
import type { Contribution, ISODate, SourceRef } from "./types";

/** The type fields a contribution reports (a CompiledType has them). */
export interface ContributionType {
  id: string;
  ruleId: string;
  source: SourceRef;
}

/**
 * The columns of one pack's scored activities, by prepared index (see PreparedActivities): shared
 * by every report of that evaluation, never written once the reports are made.
 */
export interface ContributionColumns {
  ids: Chunked<string>;
  /** The date that places each activity (its end date, or its start date for the types that say so), as yyyymmdd (dateNumber). */
  day: Int32Array;
  /** Points before caps. */
  points: Float64Array;
  /** Category index (into categoryIds). */
  cat: Int32Array;
  /** Type ordinal (into types). */
  typeOf: Int32Array;
  types: ContributionType[];
  explanations: Chunked<string>;
  categoryIds: string[];
}

const NO_COLUMNS: ContributionColumns = {
  ids: new Chunked(0),
  day: new Int32Array(0),
  points: new Float64Array(0),
  cat: new Int32Array(0),
  typeOf: new Int32Array(0),
  types: [],
  explanations: new Chunked(0),
  categoryIds: [],
};

export class ContributionList implements Iterable<Contribution> {
  /** The number of contributions. */
  readonly length: number;
  readonly #c: ContributionColumns;
  /** k → prepared index. */
  readonly #src: Int32Array;
  /** Points after caps, by k. */
  readonly #counted: Float64Array;
  /** The rule that trimmed k: rules[by[k] − 1], none when by[k] is 0; null when no cap trimmed any. */
  readonly #trimmed: { by: Int32Array; rules: string[] } | null;
  /** k → explanation, for contributions worth nothing here (the exam that earned the designation). */
  readonly #zeroed: Map<number, string> | null;

  /** Made by the engine (evaluate); `src` and `counted` hold at least `length` entries. */
  constructor(
    columns: ContributionColumns,
    length: number,
    src: Int32Array,
    counted: Float64Array,
    trimmed: { by: Int32Array; rules: string[] } | null,
    zeroed: Map<number, string> | null,
  ) {
    this.#c = columns;
    this.length = length;
    this.#src = src;
    this.#counted = counted;
    this.#trimmed = trimmed;
    this.#zeroed = zeroed;
  }

  static empty(): ContributionList {
    return new ContributionList(NO_COLUMNS, 0, new Int32Array(0), new Float64Array(0), null, null);
  }

  activityId(k: number): string {
    return this.#c.ids.get(this.#at(k));
  }

  typeId(k: number): string {
    return this.#type(this.#at(k)).id;
  }

  categoryId(k: number): string {
    return this.#c.categoryIds[this.#c.cat[this.#at(k)] as number] as string;
  }

  date(k: number): ISODate {
    return fromDateNumber(this.#c.day[this.#at(k)] as number);
  }

  /** The date as the number yyyymmdd, which compares and groups like the date without making a string. */
  day(k: number): number {
    return this.#c.day[this.#at(k)] as number;
  }

  /** Points before caps. */
  points(k: number): number {
    const i = this.#at(k);
    return this.#zeroed !== null && this.#zeroed.has(k) ? 0 : (this.#c.points[i] as number);
  }

  /** Points after caps. */
  counted(k: number): number {
    this.#at(k);
    return this.#counted[k] as number;
  }

  /** Which limit trimmed it, e.g. "ascm-2018/cap/service/per_calendar_year"; undefined when none did. */
  trimmedBy(k: number): string | undefined {
    this.#at(k);
    return this.#rule(k);
  }

  /** Contribution k as an object (a new one on every call), or undefined past the end. */
  at(k: number): Contribution | undefined {
    if (!Number.isInteger(k) || k < 0 || k >= this.length) return undefined;
    const i = this.#src[k] as number;
    const c = this.#c;
    const t = this.#type(i);
    const zeroed = this.#zeroed === null ? undefined : this.#zeroed.get(k);
    return {
      activityId: c.ids.get(i),
      typeId: t.id,
      categoryId: c.categoryIds[c.cat[i] as number] as string,
      date: fromDateNumber(c.day[i] as number),
      points: zeroed === undefined ? (c.points[i] as number) : 0,
      counted: this.#counted[k] as number,
      trimmedBy: this.#rule(k),
      ruleId: t.ruleId,
      explanation: zeroed ?? c.explanations.get(i),
      source: t.source,
    };
  }

  /** The position of an activity's contribution, or -1 when it has none here. */
  indexOf(activityId: string): number {
    const ids = this.#c.ids;
    const src = this.#src;
    for (let k = 0; k < this.length; k++) if (ids.get(src[k] as number) === activityId) return k;
    return -1;
  }

  *[Symbol.iterator](): Iterator<Contribution> {
    for (let k = 0; k < this.length; k++) yield this.at(k) as Contribution;
  }

  toArray(): Contribution[] {
    const out = new Array<Contribution>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = this.at(k) as Contribution;
    return out;
  }

  /** JSON.stringify(report) writes the contributions as an array of objects. */
  toJSON(): Contribution[] {
    return this.toArray();
  }

  #rule(k: number): string | undefined {
    const t = this.#trimmed;
    if (t === null) return undefined;
    const r = t.by[k] as number;
    return r === 0 ? undefined : t.rules[r - 1];
  }

  #type(i: number): ContributionType {
    return this.#c.types[this.#c.typeOf[i] as number] as ContributionType;
  }

  #at(k: number): number {
    if (!(k >= 0 && k < this.length) || k !== Math.floor(k)) throw new RangeError(`No contribution ${k} (there are ${this.length}).`);
    return this.#src[k] as number;
  }
}
