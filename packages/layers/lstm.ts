import type { Ops } from "@weft/ops";
import { type Floats1d, type Floats2d, type Floats3d, Padded } from "@weft/types";
import type { Initializer } from "./initializers/initializer.ts";
import { glorotUniformInit } from "./initializers/uniform.ts";
import { zeroInit } from "./initializers/zero.ts";
import { Model } from "./model.ts";
import { drawSeed } from "./random.ts";
import { getWidth, inferDim } from "./util.ts";

/** Options of `LSTM`. */
export interface LSTMOptions {
  /** Output width (`dirs * nH`); inferred from `Y` when omitted. */
  nO?: number | null | undefined;
  /** Input width; inferred from `X` when omitted. */
  nI?: number | null | undefined;
  /** Run a second, right-to-left direction and concatenate; false by default. */
  bi?: boolean | undefined;
  /** Number of stacked layers; 1 by default. */
  depth?: number | undefined;
  /** Dropout over the weights (not the activations) during training; 0 by default. */
  dropout?: number | undefined;
  /** Initializer of the weight blocks; Glorot uniform by default. */
  initW?: Initializer | undefined;
  /** Initializer of the bias blocks; zeros by default. */
  initB?: Initializer | undefined;
}

type PaddedF = Padded<"float32">;

/**
 * A stacked, optionally bidirectional LSTM over Padded batches (`LSTM.v1`), with
 * Thinc's parameter layout (one flat `LSTM` array; `HC0` initial states, not
 * trained) and dropout applied to the weights. Needs a backend with
 * `ops.lstmForward` (the CPU backend has it).
 *
 * @param options `nO`, `nI`, `bi`, `depth`, `dropout`, `initW`, `initB`
 * @returns a `Padded -> Padded` model named `"lstm"`
 * @throws {RangeError} when `depth` is less than 1 or `nO` is not divisible by the directions
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { LSTM } from "@weft/layers";
 * const ops = getOps("cpu");
 * const Xp = ops.list2padded([ops.alloc2f(3, 2), ops.alloc2f(1, 2)]);
 * const model = LSTM({ nO: 4, bi: true, depth: 2 }).initialize({ X: Xp });
 * assert.deepEqual(model.predict(Xp).data.shape, [3, 2, 4]);
 * ```
 */
export function LSTM(options: LSTMOptions = {}): Model<Padded<"float32">, Padded<"float32">> {
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1) {
    throw new RangeError(`LSTM depth must be at least 1, got ${depth}`);
  }
  const initW = options.initW ?? glorotUniformInit;
  const initB = options.initB ?? zeroInit;
  return new Model<PaddedF, PaddedF>("lstm", forward, {
    init: (model, X, Y) => init(model, X, Y, initW, initB),
    dims: { nO: options.nO, nI: options.nI, depth, dirs: options.bi ? 2 : 1 },
    params: { LSTM: null, HC0: null },
    attrs: { registry_name: "LSTM.v1", dropout_rate: options.dropout ?? 0 },
    inputType: "Padded",
    outputType: "Padded",
  });
}

function init(
  model: Model<PaddedF, PaddedF>,
  X: PaddedF | undefined,
  Y: PaddedF | undefined,
  initW: Initializer,
  initB: Initializer,
): void {
  if (X !== undefined) inferDim(model, "nI", getWidth(X), "X");
  if (Y !== undefined) inferDim(model, "nO", getWidth(Y), "Y");
  const { ops } = model;
  const [nO, nI, depth, dirs] = ["nO", "nI", "depth", "dirs"].map((d) => model.getDim(d));
  if (nO! % dirs! !== 0) {
    throw new RangeError(`Layer "lstm": nO (${nO}) must be divisible by the ${dirs} directions`);
  }
  const nH = nO! / dirs!;
  // Thinc's (and CuDNN's) order: per layer and direction, four Wx blocks, four bx,
  // four Wh, four bh (gates forget, input, output, cell).
  const blocks: Floats2d[] = [];
  const add = (x: { size: number }) =>
    blocks.push(ops.reshape(x as Floats1d, [x.size, 1] as const));
  let layerNI = nI!;
  for (let i = 0; i < depth!; i++) {
    for (let j = 0; j < dirs!; j++) {
      for (let g = 0; g < 4; g++) add(initW(ops, [nH, layerNI] as const));
      for (let g = 0; g < 4; g++) add(initB(ops, [nH] as const));
      for (let g = 0; g < 4; g++) add(initW(ops, [nH, nH] as const));
      for (let g = 0; g < 4; g++) add(initB(ops, [nH] as const));
    }
    layerNI = nH * dirs!;
  }
  const flat = ops.flatten(blocks);
  model.setParam("LSTM", ops.reshape(flat, [flat.shape[0]] as const));
  model.setParam("HC0", ops.alloc4f(2, depth!, dirs!, nH));
}

/** Row indices of the unpadded rows of a `[T, B, N]` batch, step by step. */
function packedRows(Xp: PaddedF): Int32Array {
  const B = Xp.data.shape[1];
  const rows: number[] = [];
  Xp.sizeAtT.forEach((size, t) => {
    for (let b = 0; b < size; b++) rows.push(t * B + b);
  });
  return Int32Array.from(rows);
}

function toPacked(ops: Ops, Xp: PaddedF, rows: Int32Array): Floats2d {
  const [T, B, N] = Xp.data.shape;
  return ops.gatherRows(ops.reshape(Xp.data, [T * B, N] as const), ops.asarray1i(rows));
}

function toPadded(ops: Ops, X: Floats2d, rows: Int32Array, like: PaddedF): PaddedF {
  const [T, B] = like.data.shape;
  const out = ops.alloc2f(T * B, X.shape[1]);
  ops.scatterAdd(out, ops.asarray1i(rows), X);
  const data: Floats3d = ops.reshape(out, [T, B, X.shape[1]] as const);
  return new Padded(data, like.sizeAtT, like.lengths, like.indices);
}

function forward(model: Model<PaddedF, PaddedF>, Xp: PaddedF, isTrain: boolean) {
  const { ops } = model;
  const rate = model.getAttr<number>("dropout_rate");
  let params = model.getParam1d("LSTM");
  const mask = isTrain && rate > 0 ? ops.getDropoutMask(params.shape, rate, drawSeed()) : null;
  if (mask !== null) params = ops.mul(params, mask);
  const HC0 = model.getParam("HC0");
  const [, depth, dirs, nH] = HC0.shape as readonly number[];
  const half = depth! * dirs! * nH!;
  const hc = ops.reshape(HC0, [2, half] as const);
  const state0 = (i: number): Floats3d =>
    ops.reshape(ops.gatherRows(hc, ops.asarray1i([i])), [depth!, dirs!, nH!] as const);
  const rows = packedRows(Xp);
  const X = toPacked(ops, Xp, rows);
  const { Y, state } = ops.lstmForward(params, state0(0), state0(1), X, Xp.sizeAtT);
  const backprop = (dYp: PaddedF): PaddedF => {
    const dY = toPacked(ops, dYp, rows);
    const { dX, dParams } = ops.backpropLstm!(dY, Xp.sizeAtT, params, state);
    model.incGrad("LSTM", mask === null ? dParams : ops.mul(dParams, mask));
    return toPadded(ops, dX, rows, dYp);
  };
  return [toPadded(ops, Y, rows, Xp), backprop] as const;
}
