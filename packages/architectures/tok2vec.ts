import { chain, type Model, withArray } from "@weft/layers";
import type { DocLike, Floats2d } from "@weft/types";
import { checkSublayer } from "./check_types.ts";
import { MultiHashEmbed } from "./multi_hash_embed.ts";
import { MaxoutWindowEncoder } from "./window_encoders.ts";

/** Options of `Tok2Vec`. */
export interface Tok2VecOptions<E> {
  /** Embeds tokens into context-independent vectors: `List[Doc] -> List[Floats2d]`. */
  embed: Model<DocLike[], Floats2d[]>;
  /** Encodes context into the embeddings (v2: `List[Floats2d] -> List[Floats2d]`). */
  encode: E;
}

function finish<In, Out>(
  tok2vec: Model<In, Out>,
  embed: Model,
  encode: Model,
  nO: number | null,
): Model<In, Out> {
  if (nO !== null) tok2vec.setDim("nO", nO, { force: true });
  tok2vec.setRef("embed", embed);
  tok2vec.setRef("encode", encode);
  return tok2vec;
}

/**
 * A token-to-vector network from an embedding and an encoding subnetwork
 * (`spacy.Tok2Vec.v2`): `chain(embed, encode)`, with refs `embed` and `encode`.
 *
 * @param options `embed`, `encode`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {TypeError} when `embed` or `encode` has the wrong model type, naming it
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MaxoutWindowEncoder, MultiHashEmbed, Tok2Vec } from "@weft/architectures";
 * const model = Tok2Vec({
 *   embed: MultiHashEmbed({ width: 8, attrs: ["NORM"], rows: [50], includeStaticVectors: false }),
 *   encode: MaxoutWindowEncoder({ width: 8, windowSize: 1, maxoutPieces: 2, depth: 1 }),
 * });
 * assert.equal(model.getDim("nO"), 8);
 * assert.ok(model.getRef("embed"));
 * ```
 */
export function Tok2Vec(
  options: Tok2VecOptions<Model<Floats2d[], Floats2d[]>>,
): Model<DocLike[], Floats2d[]> {
  const { embed, encode } = options;
  checkSublayer("spacy.Tok2Vec.v2", "embed", embed as Model, "List[Doc]", "List[Floats2d]");
  checkSublayer(
    "spacy.Tok2Vec.v2",
    "encode",
    encode as Model,
    "List[Floats2d]",
    "List[Floats2d]",
  );
  const tok2vec = chain(embed, encode);
  return finish(tok2vec, embed as Model, encode as Model, encode.maybeGetDim("nO"));
}

/**
 * The first token-to-vector network (`spacy.Tok2Vec.v1`): the encoder works on
 * one `Floats2d`, so it is wrapped in `with_array`, padded between documents by
 * its `receptive_field` attribute.
 *
 * @param options `embed`, `encode` (`Floats2d -> Floats2d`)
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {TypeError} when `embed` or `encode` has the wrong model type, naming it
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MaxoutWindowEncoderV1, MultiHashEmbed, Tok2VecV1 } from "@weft/architectures";
 * const model = Tok2VecV1({
 *   embed: MultiHashEmbed({ width: 8, attrs: ["NORM"], rows: [50], includeStaticVectors: false }),
 *   encode: MaxoutWindowEncoderV1({ width: 8, windowSize: 1, maxoutPieces: 2, depth: 2 }),
 * });
 * assert.equal(model.layers[1]!.getAttr("pad"), 2);
 * ```
 */
export function Tok2VecV1(
  options: Tok2VecOptions<Model<Floats2d, Floats2d>>,
): Model<DocLike[], Floats2d[]> {
  const { embed, encode } = options;
  checkSublayer("spacy.Tok2Vec.v1", "embed", embed as Model, "List[Doc]", "List[Floats2d]");
  checkSublayer("spacy.Tok2Vec.v1", "encode", encode as Model, "Floats2d", "Floats2d");
  const pad = encode.maybeGetAttr<number>("receptive_field") ?? 0;
  const tok2vec = chain(embed, withArray<Floats2d[]>(encode, { pad }));
  return finish(tok2vec, embed as Model, encode as Model, encode.getDim("nO"));
}

/** Options of `HashEmbedCNN`. */
export interface HashEmbedCNNOptions {
  /** Width of the embeddings and of the encoder. */
  width: number;
  /** Number of convolutional layers. */
  depth: number;
  /** Rows of the NORM table (the subword tables get half as many). */
  embedSize: number;
  /** Tokens on either side of each convolution window. */
  windowSize: number;
  /** Maxout pieces. */
  maxoutPieces: number;
  /** Also embed PREFIX, SUFFIX and SHAPE. */
  subwordFeatures: boolean;
  /** Also embed static vectors. */
  pretrainedVectors: boolean | null;
}

/**
 * spaCy's standard token-to-vector network (`spacy.HashEmbedCNN.v1`/`v2`):
 * `MultiHashEmbed` over NORM (plus PREFIX, SUFFIX, SHAPE with `subwordFeatures`)
 * and a `MaxoutWindowEncoder`.
 *
 * @param options `width`, `depth`, `embedSize`, `windowSize`, `maxoutPieces`, `subwordFeatures`, `pretrainedVectors`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HashEmbedCNN } from "@weft/architectures";
 * const model = HashEmbedCNN({
 *   width: 16, depth: 2, embedSize: 100, windowSize: 1, maxoutPieces: 3,
 *   subwordFeatures: true, pretrainedVectors: null,
 * });
 * assert.equal(model.getDim("nO"), 16);
 * ```
 */
export function HashEmbedCNN(options: HashEmbedCNNOptions): Model<DocLike[], Floats2d[]> {
  const { width, embedSize } = options;
  const half = Math.floor(embedSize / 2);
  const attrs = options.subwordFeatures ? ["NORM", "PREFIX", "SUFFIX", "SHAPE"] : ["NORM"];
  const rows = options.subwordFeatures ? [embedSize, half, half, half] : [embedSize];
  return Tok2Vec({
    embed: MultiHashEmbed({
      width,
      attrs,
      rows,
      includeStaticVectors: Boolean(options.pretrainedVectors),
    }),
    encode: MaxoutWindowEncoder({
      width,
      depth: options.depth,
      windowSize: options.windowSize,
      maxoutPieces: options.maxoutPieces,
    }),
  });
}
