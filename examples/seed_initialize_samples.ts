/**
 * "Shape inference with initialization": the first layer's input width and the
 * last layer's output width are deduced from `initialize({ X, Y })` samples.
 *
 * Run: `deno run examples/seed_initialize_samples.ts`
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
const [hiddenWidth, dropout] = [48, 0.2];

const charEmbed: Model<Floats2d[], Floats2d[]> = withArray(Linear({ nO: 24 }));
const layers = chain(
  Relu({ nO: hiddenWidth }),
  Dropout(dropout),
  Relu({ nO: hiddenWidth }),
  Dropout(dropout),
  Softmax(),
);
const model = chain(charEmbed, withArray<Floats2d[]>(layers));

// Samples: two documents of 12-column features, with 5-class targets per token.
const inputSample = [ops.alloc2f(3, 12), ops.alloc2f(4, 12)];
const outputSample = [ops.alloc2f(3, 5), ops.alloc2f(4, 5)];
model.initialize({ X: inputSample, Y: outputSample });

assert.equal(charEmbed.layers[0]!.getDim("nI"), 12);
assert.equal(layers.layers[0]!.getDim("nI"), 24);
assert.equal(layers.layers[4]!.getDim("nO"), 5);
assert.deepEqual(model.predict(inputSample).map((y) => y.shape), [[3, 5], [4, 5]]);

// A sample that contradicts a dimension set in the constructor is reported.
assert.throws(
  () => chain(Relu({ nO: 8, nI: 7 }), Softmax()).initialize({ X: ops.alloc2f(2, 12) }),
  /layer "relu": dimension nI is 7 but the sample X has width 12/,
);
console.log("deduced nI = 12 of the embedding and nO = 5 of the Softmax");
