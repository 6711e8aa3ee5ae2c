import { type Model, noop } from "@weft/layers";
import type { Floats2d } from "@weft/types";

/** Options of `BiLSTMEncoder`. */
export interface BiLSTMEncoderOptions {
  /** Input and output width. */
  width: number;
  /** Number of stacked bidirectional LSTM layers; 0 gives the identity. */
  depth: number;
  /** Dropout between LSTM layers. */
  dropout: number;
}

/**
 * Encode context with bidirectional LSTM layers (`spacy.TorchBiLSTMEncoder.v1`).
 * With `depth` 0 it is the identity (`noop`), as in spaCy.
 *
 * @param options `width`, `depth`, `dropout`
 * @returns a `List[Floats2d] -> List[Floats2d]` model
 * @throws {TypeError} when `depth` > 0: `@weft/layers` has no LSTM layer yet
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BiLSTMEncoder } from "@weft/architectures";
 * assert.equal(BiLSTMEncoder({ width: 8, depth: 0, dropout: 0 }).name, "noop");
 * ```
 */
export function BiLSTMEncoder(options: BiLSTMEncoderOptions): Model<Floats2d[], Floats2d[]> {
  if (options.depth === 0) {
    const identity = noop<Floats2d[]>();
    identity.inputType = "List[Floats2d]";
    identity.outputType = "List[Floats2d]";
    return identity;
  }
  throw new TypeError(
    "Cannot build spacy.TorchBiLSTMEncoder.v1 with depth > 0: @weft/layers has no LSTM layer yet",
  );
}
