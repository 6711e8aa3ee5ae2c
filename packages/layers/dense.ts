/**
 * What the dense weight layers share: options, shape inference with parameter
 * allocation, and the optional LayerNorm and Dropout that Thinc chains after them.
 *
 * @module
 */
import type { Floats2d } from "@weft/types";
import { chain } from "./chain.ts";
import type { Initializer } from "./initializers/initializer.ts";
import { Dropout } from "./dropout.ts";
import { LayerNorm } from "./layer_norm.ts";
import type { Init, Model } from "./model.ts";
import { getWidth, inferDim } from "./util.ts";

/** Options of the dense layers (`Relu`, `Maxout`, `Mish`, `Gelu`, `Swish`, ...). */
export interface DenseOptions {
  /** Output width; inferred from `Y` or the next layer when omitted. */
  nO?: number | null | undefined;
  /** Input width; inferred from `X` or the previous layer when omitted. */
  nI?: number | null | undefined;
  /** Initializer of `W`. */
  initW?: Initializer | undefined;
  /** Initializer of `b`. */
  initB?: Initializer | undefined;
  /** Chain a `Dropout` with this rate after the layer. */
  dropout?: number | null | undefined;
  /** Chain a `LayerNorm` after the layer. */
  normalize?: boolean | undefined;
}

/**
 * An `init` that infers `nI` from `X` and `nO` from `Y`, then allocates `W` with
 * `wShape(nO, nI)` and `b` with `bShape(nO)`.
 */
export function denseInit(
  initW: Initializer,
  initB: Initializer,
  wShape: (model: Model, nO: number, nI: number) => readonly number[] = (_m, nO, nI) => [nO, nI],
  bShape: (model: Model, nO: number) => readonly number[] = (_m, nO) => [nO],
): Init<Floats2d, Floats2d> {
  return (model, X, Y) => {
    if (X !== undefined) inferDim(model, "nI", getWidth(X), "X");
    if (Y !== undefined) inferDim(model, "nO", getWidth(Y), "Y");
    const nO = model.getDim("nO");
    const nI = model.getDim("nI");
    model.setParam("W", initW(model.ops, wShape(model, nO, nI)));
    model.setParam("b", initB(model.ops, bShape(model, nO)));
  };
}

/** Chain `LayerNorm` and/or `Dropout` after a dense layer, as Thinc's constructors do. */
export function withNormAndDropout(
  model: Model<Floats2d, Floats2d>,
  options: DenseOptions,
): Model<Floats2d, Floats2d> {
  let out = model;
  if (options.normalize) out = chain(out, LayerNorm({ nI: options.nO ?? null }));
  if (options.dropout !== undefined && options.dropout !== null) {
    out = chain(out, Dropout<Floats2d>(options.dropout));
  }
  return out;
}
