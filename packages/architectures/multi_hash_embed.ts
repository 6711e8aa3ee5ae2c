import {
  chain,
  concatenate,
  HashEmbed,
  list2ragged,
  Maxout,
  Model,
  ragged2list,
  withArray,
} from "@weft/layers";
import { type DocLike, type Floats2d, type Ints2d, Ragged } from "@weft/types";
import { EmbedProjectionCache, type ProjectionParts } from "./embed_projection_cache.ts";
import { type AttrSpec, FeatureExtractor } from "./feature_extractor.ts";
import { StaticVectors } from "./static_vectors.ts";

/** Options of `MultiHashEmbed`. */
export interface MultiHashEmbedOptions {
  /** Output width, also the width of every embedding table. */
  width: number;
  /** Token attributes to embed, one table each (`"NORM"`, `"PREFIX"`, ... or ids). */
  attrs: readonly AttrSpec[];
  /** Rows of each table, in the order of `attrs`. */
  rows: readonly number[];
  /** Also embed the documents' static vectors, projected to `width`. */
  includeStaticVectors: boolean;
}

/** The hash seed of the first table; spaCy numbers the tables' seeds from here. */
const FIRST_SEED = 8;

/**
 * Embed several token attributes with one hash-embedding table each, concatenate
 * them (and optionally projected static vectors), and mix them with a Maxout
 * layer with LayerNorm (`spacy.MultiHashEmbed.v1`/`v2`). Table `i` uses hash seed
 * `8 + i`, as in spaCy.
 *
 * @param options `width`, `attrs`, `rows`, `includeStaticVectors`
 * @returns a `List[Doc] -> List[Floats2d]` model
 * @throws {RangeError} when `rows` and `attrs` differ in length
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MultiHashEmbed } from "@weft/architectures";
 * const model = MultiHashEmbed({
 *   width: 8, attrs: ["NORM", "SHAPE"], rows: [100, 50], includeStaticVectors: false,
 * });
 * assert.equal(model.name.split(">>")[0], "extract_features");
 * assert.throws(
 *   () => MultiHashEmbed({ width: 8, attrs: ["NORM"], rows: [1, 2], includeStaticVectors: false }),
 *   RangeError,
 * );
 * ```
 */
export function MultiHashEmbed(options: MultiHashEmbedOptions): Model<DocLike[], Floats2d[]> {
  const { width, attrs, rows, includeStaticVectors } = options;
  if (rows.length !== attrs.length) {
    throw new RangeError(
      `Cannot build spacy.MultiHashEmbed: ${rows.length} row counts for ${attrs.length} attributes`,
    );
  }
  const embeddings = attrs.map((_, i) =>
    HashEmbed({ nO: width, nV: rows[i]!, column: i, seed: FIRST_SEED + i, dropout: 0 }) as Model<
      Ints2d,
      Floats2d
    >
  );
  const concatSize = width * (embeddings.length + (includeStaticVectors ? 1 : 0));
  const maxOut = withArray<Ragged<"float32">>(
    Maxout({ nO: width, nI: concatSize, nP: 3, dropout: 0, normalize: true }),
  );
  const features = [
    FeatureExtractor(attrs),
    list2ragged({ dtype: "uint32" }),
    withArray(concatenate(...(embeddings as [Model])) as Model<Ints2d, Floats2d>),
  ] as const;
  if (includeStaticVectors) {
    const trained = chain(...features);
    return chain(
      concatenate(trained as Model, StaticVectors({ nO: width, dropout: 0 }) as Model),
      maxOut as Model,
      ragged2list() as Model,
    ) as Model<DocLike[], Floats2d[]>;
  }
  const layers = chain(
    ...(features as unknown as [Model, Model, Model]),
    maxOut as Model,
    ragged2list() as Model,
  ) as Model<DocLike[], Floats2d[]>;
  return withProjectionCache(layers);
}

/** Each `MultiHashEmbed` model's cache (copies of a model get their own). */
const caches = new WeakMap<Model, EmbedProjectionCache>();

/** The layers the cached path reads, found in the model's current tree. */
function projectionParts(model: Model): { parts: ProjectionParts; after: Model[] } {
  const [, , embed, mix] = model.layers as [Model, Model, Model, Model, Model];
  const nodes = [...mix.walk()];
  return {
    parts: {
      tables: [...embed.walk()].filter((m) => m.name === "hashembed"),
      maxout: nodes.find((m) => m.name === "maxout")!,
    },
    after: nodes.filter((m) => m.name === "layernorm" || m.name === "dropout"),
  };
}

/**
 * Predict with the CPU through `EmbedProjectionCache`; train (and predict on
 * other backends) through `chained`, the plain chain's forward function.
 */
function cachedForward(chained: Model<DocLike[], Floats2d[]>["forward"]) {
  return (model: Model<DocLike[], Floats2d[]>, docs: DocLike[], isTrain: boolean) => {
    if (isTrain || model.ops.name !== "cpu") return chained(model, docs, isTrain);
    const { ops } = model;
    const [extract, toRagged, , , toList] = model.layers as [Model, Model, Model, Model, Model];
    const { parts, after } = projectionParts(model);
    let cache = caches.get(model);
    if (cache === undefined) {
      cache = new EmbedProjectionCache(parts);
      caches.set(model, cache);
    } else {
      cache.use(parts);
    }
    const Xr = toRagged.predict(extract.predict(docs)) as Ragged<"uint32">;
    const Z = cache.preActivations(ops, Xr.dataXd as Ints2d);
    const nO = parts.maxout.getDim("nO"), nP = parts.maxout.getDim("nP");
    const { best, which } = ops.maxout(ops.reshape(Z, [Z.shape[0], nO, nP] as const));
    ops.release(Z);
    ops.release(which);
    let Y: Floats2d = best;
    for (const layer of after) Y = (layer as Model<Floats2d, Floats2d>).predict(Y);
    const out = toList.predict(new Ragged(Y, Xr.lengths)) as Floats2d[];
    const backprop = (): DocLike[] => {
      throw new TypeError("MultiHashEmbed: a prediction has no backward pass");
    };
    return [out, backprop] as const;
  };
}

/**
 * The same chain (same tree, params and name) whose CPU predictions take the
 * cached per-value path of `EmbedProjectionCache`; training is unchanged.
 */
function withProjectionCache(
  layers: Model<DocLike[], Floats2d[]>,
): Model<DocLike[], Floats2d[]> {
  const dims: Record<string, number | null> = { nO: layers.maybeGetDim("nO") };
  if (layers.hasDim("nI") !== false) dims.nI = layers.maybeGetDim("nI");
  return new Model<DocLike[], Floats2d[]>(layers.name, cachedForward(layers.forward), {
    init: layers.init,
    dims,
    layers: layers.layers,
    inputType: layers.inputType,
    outputType: layers.outputType,
  });
}
