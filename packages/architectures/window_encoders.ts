import {
  chain,
  clone,
  expandWindow,
  Maxout,
  Mish,
  type Model,
  residual,
  withArray,
} from "@weft/layers";
import type { Floats2d } from "@weft/types";

/** Options of `MaxoutWindowEncoder`. */
export interface MaxoutWindowEncoderOptions {
  /** Input and output width (equal, for the residual connections). */
  width: number;
  /** Tokens on either side concatenated by each convolution. */
  windowSize: number;
  /** Maxout pieces. */
  maxoutPieces: number;
  /** Number of convolutional layers. */
  depth: number;
}

/** Options of `MishWindowEncoder`. */
export interface MishWindowEncoderOptions {
  /** Input and output width (equal, for the residual connections). */
  width: number;
  /** Tokens on either side concatenated by each convolution. */
  windowSize: number;
  /** Number of convolutional layers. */
  depth: number;
}

/**
 * The convolution stack of `spacy.MaxoutWindowEncoder.v1`: `depth` residual
 * blocks of `expand_window >> Maxout >> LayerNorm`, on one `Floats2d`. The
 * `receptive_field` attribute (`windowSize * depth`) tells `spacy.Tok2Vec.v1`
 * how many zero rows to put between documents.
 *
 * @param options `width`, `windowSize`, `maxoutPieces`, `depth`
 * @returns a `Floats2d -> Floats2d` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MaxoutWindowEncoderV1 } from "@weft/architectures";
 * const model = MaxoutWindowEncoderV1({ width: 4, windowSize: 1, maxoutPieces: 2, depth: 3 });
 * assert.equal(model.getAttr("receptive_field"), 3);
 * assert.equal(model.layers.length, 3);
 * ```
 */
export function MaxoutWindowEncoderV1(
  options: MaxoutWindowEncoderOptions,
): Model<Floats2d, Floats2d> {
  const { width, windowSize, maxoutPieces, depth } = options;
  const cnn = chain(
    expandWindow<Floats2d>(windowSize),
    Maxout({
      nO: width,
      nI: width * (windowSize * 2 + 1),
      nP: maxoutPieces,
      dropout: 0,
      normalize: true,
    }),
  );
  const model = clone(residual(cnn), depth);
  model.setDim("nO", width, { force: true });
  model.setAttr("receptive_field", windowSize * depth);
  return model;
}

/**
 * Encode context with windowed convolutions, Maxout, LayerNorm and residual
 * connections (`spacy.MaxoutWindowEncoder.v2`): the v1 stack wrapped in
 * `with_array` with `windowSize * depth` zero rows between documents, so no
 * window reaches into a neighbouring document.
 *
 * @param options `width`, `windowSize`, `maxoutPieces`, `depth`
 * @returns a `List[Floats2d] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MaxoutWindowEncoder } from "@weft/architectures";
 * const model = MaxoutWindowEncoder({ width: 4, windowSize: 1, maxoutPieces: 2, depth: 2 });
 * assert.equal(model.getAttr("pad"), 2);
 * assert.equal(model.getDim("nO"), 4);
 * ```
 */
export function MaxoutWindowEncoder(
  options: MaxoutWindowEncoderOptions,
): Model<Floats2d[], Floats2d[]> {
  const model = MaxoutWindowEncoderV1(options);
  model.attrs.delete("receptive_field");
  return withArray<Floats2d[]>(model, { pad: options.windowSize * options.depth });
}

/**
 * The convolution stack of `spacy.MishWindowEncoder.v1`: `depth` residual blocks
 * of `expand_window >> Mish >> LayerNorm`, on one `Floats2d`.
 *
 * @param options `width`, `windowSize`, `depth`
 * @returns a `Floats2d -> Floats2d` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MishWindowEncoderV1 } from "@weft/architectures";
 * const model = MishWindowEncoderV1({ width: 4, windowSize: 1, depth: 2 });
 * assert.equal(model.getDim("nO"), 4);
 * ```
 */
export function MishWindowEncoderV1(options: MishWindowEncoderOptions): Model<Floats2d, Floats2d> {
  const { width, windowSize, depth } = options;
  const cnn = chain(
    expandWindow<Floats2d>(windowSize),
    Mish({ nO: width, nI: width * (windowSize * 2 + 1), dropout: 0, normalize: true }),
  );
  const model = clone(residual(cnn), depth);
  model.setDim("nO", width, { force: true });
  model.setAttr("receptive_field", windowSize * depth);
  return model;
}

/**
 * Encode context with windowed convolutions, Mish, LayerNorm and residual
 * connections (`spacy.MishWindowEncoder.v2`). Unlike spaCy, which pads nothing
 * here, the documents are separated by `windowSize * depth` zero rows so that
 * windows never cross documents.
 *
 * @param options `width`, `windowSize`, `depth`
 * @returns a `List[Floats2d] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MishWindowEncoder } from "@weft/architectures";
 * const model = MishWindowEncoder({ width: 4, windowSize: 2, depth: 3 });
 * assert.equal(model.getAttr("pad"), 6);
 * ```
 */
export function MishWindowEncoder(
  options: MishWindowEncoderOptions,
): Model<Floats2d[], Floats2d[]> {
  const model = MishWindowEncoderV1(options);
  model.attrs.delete("receptive_field");
  return withArray<Floats2d[]>(model, { pad: options.windowSize * options.depth });
}
