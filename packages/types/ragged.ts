import { type ArrayXd, type DType, NdArray, type Shape, type Shape2d } from "./arrays.ts";

/**
 * Check a lengths array: non-negative integers summing to `rows`.
 *
 * @throws {RangeError} saying which length is bad, or what the sum is
 */
export function checkLengths(
  lengths: Int32Array,
  rows: number,
  what: string,
): void {
  let total = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (n < 0) throw new RangeError(`${what}: length ${i} is negative (${n})`);
    total += n;
  }
  if (total !== rows) {
    throw new RangeError(
      `${what}: lengths sum to ${total} but the data has ${rows} rows`,
    );
  }
}

/**
 * Sequences of rows stored back to back: `data` holds the rows of every sequence,
 * `lengths` says how many rows each sequence has.
 *
 * `dataXd` is the data as given (any rank ≥ 1); `data` is the same storage viewed as
 * two-dimensional `[rows, rest]`.
 *
 * @example Slicing a Ragged by sequence
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostStorage, NdArray, Ragged } from "@weft/types";
 * const data = new NdArray([5, 2] as const, "float32", new HostStorage(new Float32Array(10)));
 * const r = new Ragged(data, new Int32Array([2, 0, 3]));
 * assert.equal(r.length, 3);
 * assert.deepEqual([...r.startsEnds], [0, 2, 2, 5]);
 * assert.equal(r.seq(2).shape[0], 3);
 * assert.deepEqual([...r.slice(1, 3).lengths], [0, 3]);
 * ```
 */
export class Ragged<D extends DType = DType> {
  /** The data in the shape it was given: `[rows, ...]`. */
  readonly dataXd: NdArray<Shape, D>;
  /** Rows per sequence; host memory on every backend. */
  readonly lengths: Int32Array;
  /** `startsEnds[i]` is the first row of sequence `i`; the last entry is the row count. */
  readonly startsEnds: Int32Array;

  /**
   * Pair rows with the lengths of the sequences they form.
   *
   * @param data rows of all sequences, concatenated; rank 1 or more
   * @param lengths rows per sequence; must sum to the number of rows
   * @throws {TypeError} when data is a scalar
   * @throws {RangeError} when a length is negative or the lengths do not sum to the rows
   */
  constructor(data: NdArray<Shape, D>, lengths: Int32Array) {
    if (data.shape.length < 1) {
      throw new TypeError("Ragged data must have rank 1 or more, got a scalar");
    }
    checkLengths(lengths, data.shape[0]!, "Ragged");
    this.dataXd = data;
    this.lengths = lengths;
    const startsEnds = new Int32Array(lengths.length + 1);
    for (let i = 0; i < lengths.length; i++) {
      startsEnds[i + 1] = startsEnds[i]! + lengths[i]!;
    }
    this.startsEnds = startsEnds;
  }

  /** The number of sequences. */
  get length(): number {
    return this.lengths.length;
  }

  /** The number of rows over all sequences. */
  get rows(): number {
    return this.dataXd.shape[0]!;
  }

  /** Elements per row (the product of the trailing axes). */
  get rowSize(): number {
    const rows = this.rows;
    return rows === 0
      ? this.dataXd.shape.slice(1).reduce((a, b) => a * b, 1)
      : this.dataXd.size / rows;
  }

  /** The data viewed as `[rows, rowSize]`. */
  get data(): NdArray<Shape2d, D> {
    return new NdArray(
      [this.rows, this.rowSize] as const,
      this.dataXd.dtype,
      this.dataXd.storage,
    );
  }

  /** Row offsets where each sequence starts. */
  get starts(): Int32Array {
    return this.startsEnds.subarray(0, this.length);
  }

  /** Row offsets one past where each sequence ends. */
  get ends(): Int32Array {
    return this.startsEnds.subarray(1);
  }

  /**
   * The rows of sequence `i`, as a view with the trailing shape of `dataXd`.
   *
   * @throws {RangeError} when `i` is out of range
   */
  seq(i: number): NdArray<Shape, D> {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new RangeError(
        `Sequence index ${i} is out of range for a Ragged of ${this.length} sequences`,
      );
    }
    return this.rowsView(this.startsEnds[i]!, this.startsEnds[i + 1]!);
  }

  /**
   * Sequences `[start, end)` as a Ragged sharing memory (negative indices count
   * from the end, as in Python slices).
   */
  slice(start: number, end: number = this.length): Ragged<D> {
    const n = this.length;
    const lo = Math.min(n, Math.max(0, start < 0 ? n + start : start));
    const hi = Math.min(n, Math.max(lo, end < 0 ? n + end : end));
    const data = this.rowsView(this.startsEnds[lo]!, this.startsEnds[hi]!);
    return new Ragged(data, this.lengths.slice(lo, hi));
  }

  /** The sequences as a list of views. */
  toList(): NdArray<Shape, D>[] {
    const out: NdArray<Shape, D>[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.seq(i));
    return out;
  }

  /** Rows `[startRow, endRow)` of the data as a view. */
  rowsView(startRow: number, endRow: number): NdArray<Shape, D> {
    const rowSize = this.rowSize;
    const shape = [endRow - startRow, ...this.dataXd.shape.slice(1)];
    return new NdArray(
      shape,
      this.dataXd.dtype,
      this.dataXd.storage.view(startRow * rowSize, endRow * rowSize),
    );
  }
}

/** A Ragged of float rows. */
export type RaggedFloats = Ragged<"float32">;

/** Any array or Ragged, for code that accepts both. */
export type ArrayOrRagged = ArrayXd | Ragged;
