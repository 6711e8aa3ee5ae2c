import { type Floats2d, Ragged } from "@weft/types";
import { Model } from "./model.ts";

/** What `expandWindow` accepts: an array of rows (one sequence) or a Ragged batch. */
export type WindowInput = Floats2d | Ragged<"float32">;

/**
 * Concatenate each row with the `windowSize` rows on either side
 * (`expand_window.v1`): `[N, nI]` to `[N, (2 w + 1) nI]`, zero-padded at the edges
 * of each sequence (one step of a convolution).
 *
 * @param windowSize rows on each side; 1 by default
 * @returns a model named `"expand_window"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { expandWindow } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Y = expandWindow(1).predict(ops.asarray2f([1, 2, 3], 3, 1)) as ReturnType<typeof ops.alloc2f>;
 * assert.deepEqual([...ops.readSync!(Y)], [0, 1, 2, 1, 2, 3, 2, 3, 0]);
 * ```
 */
export function expandWindow<T extends WindowInput = WindowInput>(windowSize = 1): Model<T, T> {
  return new Model<T, T>("expand_window", forward, {
    attrs: { window_size: windowSize },
    inputType: "Floats2d|Ragged",
    outputType: "Floats2d|Ragged",
  });
}

function forward<T extends WindowInput>(model: Model<T, T>, X: T, _isTrain: boolean) {
  const { ops } = model;
  const nW = model.getAttr<number>("window_size");
  if (X instanceof Ragged) {
    const lengths = X.lengths;
    const Y = ops.seq2col(X.data as Floats2d, nW, lengths);
    const backprop = (dY: T): T =>
      new Ragged(
        ops.backpropSeq2col((dY as Ragged<"float32">).data as Floats2d, nW, lengths),
        lengths,
      ) as T;
    return [new Ragged(Y, lengths) as T, backprop] as const;
  }
  const Y = ops.seq2col(X as Floats2d, nW);
  const backprop = (dY: T): T => ops.backpropSeq2col(dY as Floats2d, nW) as T;
  return [Y as T, backprop] as const;
}
