import type { DType, NdArray, Shape3d } from "./arrays.ts";

/**
 * Sequences padded to a common length and stored time-major: `data[t, b, :]` is
 * step `t` of sequence `b`. Sequences are sorted by decreasing length, so the
 * sequences still running at step `t` are the first `sizeAtT[t]` ones; `indices[b]`
 * is the position sequence `b` had in the original list.
 *
 * @example Invariants of a Padded batch
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostStorage, NdArray, Padded } from "@weft/types";
 * const data = new NdArray([3, 2, 1] as const, "float32", new HostStorage(new Float32Array(6)));
 * const p = new Padded(data, new Int32Array([2, 1, 1]), new Int32Array([3, 1]), new Int32Array([1, 0]));
 * assert.equal(p.batchSize, 2);
 * assert.throws(() => new Padded(data, new Int32Array([2, 2, 1]), new Int32Array([3, 1]), new Int32Array([1, 0])), RangeError);
 * ```
 */
export class Padded<D extends DType = DType> {
  /** `[T, B, N]`: T steps of B sequences with N features. */
  readonly data: NdArray<Shape3d, D>;
  /** How many sequences are still running at each step (length T). */
  readonly sizeAtT: Int32Array;
  /** The length of each sequence, in decreasing order (length B). */
  readonly lengths: Int32Array;
  /** The original position of each sequence (a permutation of 0..B-1). */
  readonly indices: Int32Array;

  /**
   * Check and wrap padded data with its index arrays.
   *
   * @throws {TypeError} when data is not rank 3
   * @throws {RangeError} when the index arrays break an invariant (the message says which)
   */
  constructor(
    data: NdArray<Shape3d, D>,
    sizeAtT: Int32Array,
    lengths: Int32Array,
    indices: Int32Array,
  ) {
    if (data.shape.length !== 3) {
      throw new TypeError(
        `Padded data must have rank 3 [T, B, N], got shape [${data.shape.join(", ")}]`,
      );
    }
    const [T, B] = data.shape;
    if (sizeAtT.length !== T) {
      throw new RangeError(
        `Padded: sizeAtT has ${sizeAtT.length} entries but data has ${T} steps`,
      );
    }
    if (lengths.length !== B || indices.length !== B) {
      throw new RangeError(
        `Padded: lengths (${lengths.length}) and indices (${indices.length}) must both have ${B} entries`,
      );
    }
    const seen = new Uint8Array(B);
    for (let b = 0; b < B; b++) {
      const n = lengths[b]!;
      if (n < 0 || n > T) {
        throw new RangeError(`Padded: length ${b} (${n}) is outside [0, ${T}]`);
      }
      if (b > 0 && n > lengths[b - 1]!) {
        throw new RangeError(
          `Padded: lengths must be sorted in decreasing order (entry ${b} is ${n})`,
        );
      }
      const ix = indices[b]!;
      if (ix < 0 || ix >= B || seen[ix]) {
        throw new RangeError(
          `Padded: indices must be a permutation of 0..${B - 1} (entry ${b} is ${ix})`,
        );
      }
      seen[ix] = 1;
    }
    for (let t = 0; t < T; t++) {
      let running = 0;
      while (running < B && lengths[running]! > t) running++;
      if (sizeAtT[t] !== running) {
        throw new RangeError(
          `Padded: sizeAtT[${t}] is ${sizeAtT[t]} but ${running} sequences are longer than ${t}`,
        );
      }
    }
    this.data = data;
    this.sizeAtT = sizeAtT;
    this.lengths = lengths;
    this.indices = indices;
  }

  /** The number of steps (T). */
  get steps(): number {
    return this.data.shape[0];
  }

  /** The number of sequences (B). */
  get batchSize(): number {
    return this.data.shape[1];
  }
}

/**
 * The index arrays of a Padded batch for sequences of the given lengths: the sort
 * order (stable, longest first), the sorted lengths and the size at each step.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paddedLayout } from "@weft/types";
 * const { indices, lengths, sizeAtT } = paddedLayout(new Int32Array([1, 3, 0, 3]));
 * assert.deepEqual([...indices], [1, 3, 0, 2]);
 * assert.deepEqual([...lengths], [3, 3, 1, 0]);
 * assert.deepEqual([...sizeAtT], [3, 2, 2]);
 * ```
 */
export function paddedLayout(
  seqLengths: ArrayLike<number>,
): { indices: Int32Array; lengths: Int32Array; sizeAtT: Int32Array } {
  const B = seqLengths.length;
  const order = Array.from({ length: B }, (_, i) => i);
  order.sort((a, b) => seqLengths[b]! - seqLengths[a]! || a - b);
  const indices = Int32Array.from(order);
  const lengths = Int32Array.from(order, (i) => seqLengths[i]!);
  const T = B > 0 ? lengths[0]! : 0;
  const sizeAtT = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let running = 0;
    while (running < B && lengths[running]! > t) running++;
    sizeAtT[t] = running;
  }
  return { indices, lengths, sizeAtT };
}
