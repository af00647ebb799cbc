/**
 * A list of n values kept in arrays of at most 1,024 entries.
 *
 * Why: V8 puts an array of 16,384 entries or more (128 KiB) in its large-object space, and each
 * such allocation costs about 0.2 ms on this machine, as much as scoring 1,000 activities.
 * Arrays of 1,024 entries are ordinary young-generation objects (filling 20,000 values: 0.12 ms
 * in chunks, 0.34 ms in one array; measured with node 20). The engine makes its per-activity
 * columns of strings this way; numbers go in typed arrays, which live outside the heap.
 */
const BITS = 10;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

export class Chunked<T> {
  #length: number;
  readonly #chunks: T[][];

  constructor(n: number) {
    this.#length = n;
    this.#chunks = [];
    for (let c = 0; c < n; c += SIZE) this.#chunks.push(new Array<T>(Math.min(SIZE, n - c)));
  }

  get length(): number {
    return this.#length;
  }

  /** The value at i (0 ≤ i < length; not checked: callers index within what they wrote). */
  get(i: number): T {
    return (this.#chunks[i >>> BITS] as T[])[i & MASK] as T;
  }

  set(i: number, v: T): void {
    (this.#chunks[i >>> BITS] as T[])[i & MASK] = v;
  }

  /** Keeps the first n values. */
  shorten(n: number): void {
    if (n < this.#length) this.#length = n;
  }
}
