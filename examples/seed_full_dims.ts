/**
 * "Custom models with Thinc": Relu → Dropout → Relu → Dropout → Softmax with every
 * dimension given, wrapped in `withArray` after an embedding step, as the page's
 * `char_embed >> with_array(layers)`.
 *
 * Run: `deno run examples/seed_full_dims.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  chain,
  Dropout,
  Linear,
  type Model,
  Relu,
  setSeed,
  Softmax,
  withArray,
} from "@weft/layers";

const ops = getOps("cpu");
setSeed(0);
const [width, hiddenWidth, nO, dropout] = [32, 48, 10, 0.2];

// Stands in for spaCy's CharacterEmbed: List[Floats2d] in, `width` columns out.
const charEmbed: Model<Floats2d[], Floats2d[]> = withArray(Linear({ nO: width, nI: 12 }));
const layers = chain(
  Relu({ nO: hiddenWidth, nI: width }),
  Dropout(dropout),
  Relu({ nO: hiddenWidth, nI: hiddenWidth }),
  Dropout(dropout),
  Softmax({ nO, nI: hiddenWidth }),
);
const model = chain(charEmbed, withArray<Floats2d[]>(layers));
model.initialize();

assert.equal(layers.name, "relu>>dropout>>relu>>dropout>>softmax");
assert.deepEqual(layers.layers.map((l) => [l.maybeGetDim("nI"), l.maybeGetDim("nO")]), [
  [width, hiddenWidth],
  [null, null],
  [hiddenWidth, hiddenWidth],
  [null, null],
  [hiddenWidth, nO],
]);
const docs = [ops.alloc2f(4, 12), ops.alloc2f(6, 12)];
const Ys = model.predict(docs);
assert.deepEqual(Ys.map((y) => y.shape), [[4, nO], [6, nO]]);
console.log(`${model.name}: ${Ys.map((y) => y.shape.join("x")).join(", ")}`);
