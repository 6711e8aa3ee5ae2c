import type { Ops } from "@weft/ops";
import { type Floats2d, type Floats3d, Padded } from "@weft/types";
import { Model } from "./model.ts";

type PaddedF = Padded<"float32">;

/** Reverse each sequence of a Padded batch in time (padding stays at the end). */
function reverse(ops: Ops, Xp: PaddedF): PaddedF {
  const Xs = ops.padded2list(Xp).map((x) => {
    const n = x.shape[0];
    return ops.gatherRows(x, ops.asarray1i(Int32Array.from({ length: n }, (_, i) => n - 1 - i)));
  });
  return ops.list2padded(Xs);
}

function to2d(ops: Ops, X: Floats3d): Floats2d {
  const [T, B, N] = X.shape;
  return ops.reshape(X, [T * B, N] as const);
}

function with2d(Xp: PaddedF, data: Floats3d): PaddedF {
  return new Padded(data, Xp.sizeAtT, Xp.lengths, Xp.indices);
}

/**
 * Run one recurrent layer left to right and another right to left over a Padded
 * batch and concatenate their outputs (`bidirectional.v1`).
 *
 * @param l2r the left-to-right layer
 * @param r2l the right-to-left layer; a copy of `l2r` by default
 * @returns a model named `"bi<l2r>"` with `2 nO` outputs
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { bidirectional, noop } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xp = ops.list2padded([ops.asarray2f([1, 2, 3], 3, 1)]);
 * const Y = bidirectional(noop()).predict(Xp);
 * // The right-to-left output is re-aligned with the input steps.
 * assert.deepEqual([...ops.readSync!(Y.data)], [1, 1, 2, 2, 3, 3]);
 * ```
 */
export function bidirectional(
  l2r: Model<Padded<"float32">, Padded<"float32">>,
  r2l?: Model<Padded<"float32">, Padded<"float32">>,
): Model<Padded<"float32">, Padded<"float32">> {
  const other = r2l ?? l2r.copy();
  return new Model<PaddedF, PaddedF>(`bi${l2r.name}`, forward, {
    init: (model, X) => {
      for (const layer of model.layers) layer.initialize({ X });
    },
    layers: [l2r as Model, other as Model],
    inputType: "Padded",
    outputType: "Padded",
  });
}

function forward(model: Model<PaddedF, PaddedF>, Xp: PaddedF, isTrain: boolean) {
  const { ops } = model;
  const [l2r, r2l] = model.layers as Model<PaddedF, PaddedF>[];
  const [Yl, bpl] = l2r!.call(Xp, isTrain);
  const [Yr, bpr] = r2l!.call(reverse(ops, Xp), isTrain);
  const Ylr = reverse(ops, Yr);
  const [T, B, half] = Yl.data.shape;
  const Z = ops.reshape(
    ops.hstack([to2d(ops, Yl.data), to2d(ops, Ylr.data)]),
    [T, B, 2 * half] as const,
  );
  function backprop(dZp: PaddedF): PaddedF {
    const dZ = to2d(ops, dZp.data);
    const part = (start: number) =>
      with2d(dZp, ops.reshape(ops.sliceColumns(dZ, start, start + half), [T, B, half] as const));
    const dXl = bpl(part(0));
    const dXr = reverse(ops, bpr(reverse(ops, part(half))));
    return with2d(dXl, ops.add(dXl.data, dXr.data));
  }
  return [with2d(Yl, Z), backprop] as const;
}
