/**
 * "Shape inference in Thinc": the same stack with the inner dimensions left out;
 * `chain` matches each layer's input width to the previous layer's output width.
 *
 * Run: `deno run examples/seed_shape_inference.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { chain, Dropout, Relu, setSeed, Softmax, withArray } from "@weft/layers";

const ops = getOps("cpu");
setSeed(0);
const [width, hiddenWidth, nO, dropout] = [32, 48, 10, 0.2];

const layers = chain(
  Relu({ nO: hiddenWidth, nI: width }),
  Dropout(dropout),
  Relu({ nO: hiddenWidth }),
  Dropout(dropout),
  Softmax({ nO }),
);
const model = withArray(layers);
assert.equal(layers.layers[2]!.hasDim("nI"), null); // declared, not yet known
model.initialize();
assert.equal(layers.layers[2]!.getDim("nI"), hiddenWidth);
assert.equal(layers.layers[4]!.getDim("nI"), hiddenWidth);
assert.deepEqual(layers.layers[4]!.getParam("W").shape, [nO, hiddenWidth]);

const Ys = model.predict([ops.alloc2f(3, width)]) as ReturnType<typeof ops.alloc2f>[];
assert.deepEqual(Ys[0]!.shape, [3, nO]);
console.log(`inferred nI of the second Relu and the Softmax: ${hiddenWidth}`);
