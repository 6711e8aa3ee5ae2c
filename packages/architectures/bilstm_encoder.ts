import { LSTM, type Model, noop, withPadded } from "@weft/layers";
import type { Floats2d } from "@weft/types";

/** Options of `BiLSTMEncoder`. */
export interface BiLSTMEncoderOptions {
  /** Input and output width (each direction gets half). */
  width: number;
  /** Number of stacked bidirectional LSTM layers; 0 gives the identity. */
  depth: number;
  /** Dropout rate of the LSTM during training. */
  dropout: number;
}

/**
 * Encode context with stacked bidirectional LSTM layers
 * (`spacy.TorchBiLSTMEncoder.v1`, on Weft's own `LSTM` instead of PyTorch):
 * `with_padded(LSTM(nO=width, nI=width, bi=true, depth))`. With `depth` 0 it is
 * the identity (`noop`), as in spaCy.
 *
 * @param options `width`, `depth`, `dropout`
 * @returns a `List[Floats2d] -> List[Floats2d]` model
 * @throws {RangeError} when `width` is odd (the two directions split it)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { BiLSTMEncoder } from "@weft/architectures";
 * const ops = getOps("cpu");
 * const Xs = [ops.alloc2f(3, 4), ops.alloc2f(1, 4)];
 * const model = BiLSTMEncoder({ width: 4, depth: 2, dropout: 0 }).initialize({ X: Xs });
 * assert.deepEqual(model.predict(Xs).map((y) => y.shape), [[3, 4], [1, 4]]);
 * assert.equal(BiLSTMEncoder({ width: 8, depth: 0, dropout: 0 }).name, "noop");
 * ```
 */
export function BiLSTMEncoder(options: BiLSTMEncoderOptions): Model<Floats2d[], Floats2d[]> {
  const { width, depth, dropout } = options;
  if (depth === 0) {
    const identity = noop<Floats2d[]>();
    identity.inputType = "List[Floats2d]";
    identity.outputType = "List[Floats2d]";
    return identity;
  }
  if (width % 2 !== 0) {
    throw new RangeError(
      `Cannot build spacy.TorchBiLSTMEncoder.v1: width ${width} must be even (each direction gets half)`,
    );
  }
  const model = withPadded<Floats2d[]>(LSTM({ nO: width, nI: width, bi: true, depth, dropout }));
  model.inputType = "List[Floats2d]";
  model.outputType = "List[Floats2d]";
  return model;
}
