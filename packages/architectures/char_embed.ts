import { Model } from "@weft/layers";
import type { DocLike, Floats2d, Ints1d } from "@weft/types";

/** Options of `CharEmbed`. */
export interface CharEmbedOptions {
  /** Width of each character's vector. */
  nM: number;
  /** Number of UTF-8 bytes embedded per word. */
  nC: number;
}

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of each word in the order first, last, second, second-to-last, ...,
 * `nC` per word, 255 where a word is shorter (spaCy's `Doc.to_utf8_array`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utf8Columns } from "@weft/architectures";
 * assert.deepEqual([...utf8Columns(["abc"], 4)], [97, 99, 98, 255]);
 * ```
 */
export function utf8Columns(words: readonly string[], nC: number): Uint8Array {
  const out = new Uint8Array(words.length * nC).fill(255);
  words.forEach((word, i) => {
    const bytes = encoder.encode(word);
    let j = 0;
    let start = 0;
    let end = bytes.length - 1;
    while (j < nC && start <= end) {
      out[i * nC + j++] = bytes[start++]!;
      if (j < nC && start <= end) out[i * nC + j++] = bytes[end--]!;
    }
  });
  return out;
}

/**
 * Embed the first and last UTF-8 bytes of each word (`spacy.CharEmbed.v1`, spaCy's
 * `_character_embed.CharacterEmbed`): byte `c` of a word picks row `E[c, byte]`,
 * and the `nC` vectors are concatenated into `nM * nC` columns. As in spaCy the
 * table `E [nC, 256, nM]` starts at zero.
 *
 * @param options `nM`, `nC`
 * @returns a `List[Doc] -> List[Floats2d]` model named `"charembed"`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CharEmbed } from "@weft/architectures";
 * const doc = { length: 2, words: ["hi", "you"], toArray: () => new Uint32Array(0) };
 * const model = CharEmbed({ nM: 3, nC: 4 }).initialize();
 * assert.deepEqual(model.predict([doc])[0]!.shape, [2, 12]);
 * ```
 */
export function CharEmbed(options: CharEmbedOptions): Model<DocLike[], Floats2d[]> {
  const { nM, nC } = options;
  return new Model<DocLike[], Floats2d[]>("charembed", forward, {
    init: (model) => {
      const E = model.ops.alloc3f(model.getDim("nC"), model.getDim("nV"), model.getDim("nM"));
      model.setParam("E", E);
    },
    dims: { nM, nC, nO: nM * nC, nV: 256 },
    params: { E: null },
    inputType: "List[Doc]",
    outputType: "List[Floats2d]",
  });
}

function forward(model: Model<DocLike[], Floats2d[]>, docs: DocLike[], _isTrain: boolean) {
  const { ops } = model;
  const nC = model.getDim("nC");
  const nM = model.getDim("nM");
  const nV = model.getDim("nV");
  const E = ops.reshape(model.getParam("E"), [nC * nV, nM] as const);
  // Row of byte b in position c of the flattened [nC * nV, nM] table.
  const ids: Ints1d[] = docs.map((doc) => {
    const bytes = utf8Columns(doc.words, nC);
    return ops.asarray1i(Int32Array.from(bytes, (b, k) => (k % nC) * nV + b));
  });
  const Ys = ids.map((rows, i) =>
    ops.reshape(ops.gatherRows(E, rows), [docs[i]!.length, nC * nM] as const)
  );
  function backprop(dYs: Floats2d[]): DocLike[] {
    const dE = ops.alloc2f(nC * nV, nM);
    dYs.forEach((dY, i) => {
      ops.scatterAdd(dE, ids[i]!, ops.reshape(dY, [dY.shape[0] * nC, nM] as const));
    });
    model.incGrad("E", ops.reshape(dE, [nC, nV, nM] as const));
    return [];
  }
  return [Ys, backprop] as const;
}
