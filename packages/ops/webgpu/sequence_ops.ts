/**
 * The sequence and list methods of the WebGPU backend: per-sequence reductions,
 * softmax and seq2col over host `lengths`, and the conversions between lists of
 * arrays, padded batches and ragged arrays. `WebGpuOps` adds the rest.
 *
 * @module
 */
import type {
  DType,
  Floats2d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape2d,
  Shape3d,
} from "@weft/types";
import type { ReduceMaxResult } from "../ops.ts";
import { ArrayOps } from "./array_ops.ts";
import * as lists from "./lists.ts";
import { seq2colKernel } from "./seq2col.ts";
import * as seq from "./sequences.ts";
import { softmaxSeq } from "./softmax_seq.ts";

/**
 * Sequence reductions, softmax and seq2col, and list/padded/ragged conversions on a
 * WebGPU device (the base of `WebGpuOps`; see there).
 *
 * @example Sum and mean over two sequences
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   const X = ops.asarray2f([1, 2, 3, 4, 5, 6], 3, 2);
 *   const lengths = Int32Array.of(2, 1);
 *   assert.deepEqual([...await ops.read(ops.reduceSum(X, lengths))], [4, 6, 5, 6]);
 *   assert.deepEqual([...await ops.read(ops.reduceMean(X, lengths))], [2, 3, 5, 6]);
 *   ops.destroy();
 * }
 * ```
 */
export class SequenceOps extends ArrayOps {
  /** Softmax over the rows of each sequence, per column. */
  softmaxSequences(X: Floats2d, lengths: Int32Array): Floats2d {
    return softmaxSeq(this.rt, X, undefined, lengths);
  }
  /** Backward pass of `softmaxSequences`. */
  backpropSoftmaxSequences(dY: Floats2d, Y: Floats2d, lengths: Int32Array): Floats2d {
    return softmaxSeq(this.rt, Y, dY, lengths);
  }
  /** Each row with its `nW` neighbours on either side, windows clipped per sequence. */
  seq2col(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq2colKernel(this.rt, X, nW, lengths, false);
  }
  /** Backward pass of `seq2col`. */
  backpropSeq2col(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
    return seq2colKernel(this.rt, dY, nW, lengths, true);
  }
  /** The sum of the rows of each sequence. */
  reduceSum(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceSum", X, lengths, seq.REDUCE.sum).Y;
  }
  /** Backward pass of `reduceSum`. */
  backpropReduceSum(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceSum", dY, lengths, seq.REDUCE.sum);
  }
  /** The mean of the rows of each sequence (0 for an empty one). */
  reduceMean(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceMean", X, lengths, seq.REDUCE.mean).Y;
  }
  /** Backward pass of `reduceMean`. */
  backpropReduceMean(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceMean", dY, lengths, seq.REDUCE.mean);
  }
  /** The column-wise maximum of each sequence, with the row it came from. */
  reduceMax(X: Floats2d, lengths: Int32Array): ReduceMaxResult {
    const { Y, which } = seq.reduceSeq(this.rt, "reduceMax", X, lengths, seq.REDUCE.max);
    return { Y, which: which! };
  }
  /** Backward pass of `reduceMax`. */
  backpropReduceMax(dY: Floats2d, which: Ints2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceMax", dY, lengths, seq.REDUCE.max, which);
  }
  /** The first row of each sequence. */
  reduceFirst(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceFirst", X, lengths, seq.REDUCE.first).Y;
  }
  /** Backward pass of `reduceFirst`. */
  backpropReduceFirst(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceFirst", dY, lengths, seq.REDUCE.first);
  }
  /** The last row of each sequence. */
  reduceLast(X: Floats2d, lengths: Int32Array): Floats2d {
    return seq.reduceSeq(this.rt, "reduceLast", X, lengths, seq.REDUCE.last).Y;
  }
  /** Backward pass of `reduceLast`. */
  backpropReduceLast(dY: Floats2d, lengths: Int32Array): Floats2d {
    return seq.backpropReduceSeq(this.rt, "backpropReduceLast", dY, lengths, seq.REDUCE.last);
  }
  /** Concatenate arrays along rows (with `pad` rows between and around them). */
  flatten<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    pad = 0,
  ): NdArray<Shape2d, D> {
    return lists.flatten(this.rt, Xs, pad);
  }
  /** Split rows back into arrays of `lengths` rows (the inverse of `flatten`). */
  unflatten<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    lengths: Int32Array,
    pad = 0,
  ): NdArray<Shape2d, D>[] {
    return lists.unflatten(this.rt, X, lengths, pad);
  }
  /** Concatenate arrays of equal row counts along columns. */
  hstack<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): NdArray<Shape2d, D> {
    return lists.hstack(this.rt, Xs);
  }
  /** Columns `[start, end)` of an array. */
  sliceColumns<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    start: number,
    end: number,
  ): NdArray<Shape2d, D> {
    return lists.sliceColumns(this.rt, X, start, end);
  }
  /** Stack arrays into `[batch, maxLength (rounded up), width]`, zero-padded. */
  pad<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    roundTo = 1,
  ): NdArray<Shape3d, D> {
    return lists.pad(this.rt, Xs, roundTo);
  }
  /** The first `lengths[i]` rows of each padded sequence. */
  unpad<D extends DType = "float32">(
    X: NdArray<Shape3d, D>,
    lengths: Int32Array,
  ): NdArray<Shape2d, D>[] {
    return lists.unpad(this.rt, X, lengths);
  }
  /** Arrays to a `Padded` (time-major, sorted by decreasing length). */
  list2padded<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Padded<D> {
    return lists.list2padded(this.rt, Xs);
  }
  /** A `Padded` back to arrays in their original order. */
  padded2list<D extends DType = "float32">(Xp: Padded<D>): NdArray<Shape2d, D>[] {
    return lists.padded2list(this.rt, Xp);
  }
  /** Arrays to a `Ragged` (concatenated rows plus lengths). */
  list2ragged<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Ragged<D> {
    return lists.list2ragged(this.rt, Xs);
  }
  /** A `Ragged` back to arrays. */
  ragged2list<D extends DType = "float32">(Xr: Ragged<D>): NdArray<Shape2d, D>[] {
    return lists.ragged2list(Xr);
  }
}
