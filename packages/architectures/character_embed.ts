import {
  chain,
  concatenate,
  HashEmbed,
  list2ragged,
  Maxout,
  type Model,
  ragged2list,
  withArray,
} from "@weft/layers";
import { attrId, type DocLike, type Floats2d, type Ints2d, type Ragged } from "@weft/types";
import { CharEmbed } from "./char_embed.ts";
import { type AttrSpec, FeatureExtractor } from "./feature_extractor.ts";
import { StaticVectors } from "./static_vectors.ts";

/** Options of `CharacterEmbed`. */
export interface CharacterEmbedOptions {
  /** Output width, also the width of the feature's hash embedding. */
  width: number;
  /** Rows of the feature's hash-embedding table. */
  rows: number;
  /** Width of each character's vector. */
  nM: number;
  /** Number of UTF-8 bytes embedded per word (half from the start, half from the end). */
  nC: number;
  /** Also embed the documents' static vectors, projected to `width`. */
  includeStaticVectors: boolean;
  /** The token attribute embedded beside the characters; `"LOWER"` by default. */
  feature?: AttrSpec | undefined;
}

/**
 * Embed words from their first and last UTF-8 bytes plus a hash embedding of
 * one attribute (and optionally static vectors), mixed by a Maxout layer with
 * LayerNorm (`spacy.CharacterEmbed.v1`/`v2`).
 *
 * @param options `width`, `rows`, `nM`, `nC`, `includeStaticVectors`, `feature`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {RangeError} when `feature` is not a known attribute
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CharacterEmbed } from "@weft/architectures";
 * const model = CharacterEmbed({ width: 8, rows: 50, nM: 4, nC: 4, includeStaticVectors: false });
 * assert.ok(model.name.startsWith("charembed>>list2ragged|"));
 * ```
 */
export function CharacterEmbed(options: CharacterEmbedOptions): Model<DocLike[], Floats2d[]> {
  const { width, rows, nM, nC, includeStaticVectors } = options;
  const feature = options.feature ?? "LOWER";
  const featureId = typeof feature === "number" ? feature : attrId(feature);
  const charEmbed = chain(CharEmbed({ nM, nC }), list2ragged());
  const featureEmbed = chain(
    FeatureExtractor([featureId]),
    list2ragged({ dtype: "uint32" }),
    withArray(
      HashEmbed({ nO: width, nV: rows, column: 0, seed: 5 }) as Model<Ints2d, Floats2d>,
    ),
  );
  const branches: Model[] = [charEmbed as Model, featureEmbed as Model];
  if (includeStaticVectors) branches.push(StaticVectors({ nO: width, dropout: 0 }) as Model);
  const nI = nM * nC + width * (includeStaticVectors ? 2 : 1);
  const maxOut = withArray<Ragged<"float32">>(
    Maxout({ nO: width, nI, nP: 3, normalize: true, dropout: 0 }),
  );
  return chain(
    concatenate(...(branches as [Model, ...Model[]])),
    maxOut as Model,
    ragged2list() as Model,
  ) as Model<DocLike[], Floats2d[]>;
}
