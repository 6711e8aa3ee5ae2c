/**
 * "Type signatures": a model wired with `chain`, whose layers' input and output
 * types fit together, as in spaCy's `chain_model(tok2vec, layer1, layer2)`.
 * Wiring them in the wrong order fails at build time, naming both layers.
 *
 * Run: `deno run examples/seed_chain.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  chain,
  list2ragged,
  type Model,
  reduceMean,
  Relu,
  setSeed,
  Softmax,
  withArray,
} from "@weft/layers";

const ops = getOps("cpu");
setSeed(0);

// tok2vec: Model[List[Floats2d], List[Floats2d]] (one row per token, per document).
const tok2vec: Model<Floats2d[], Floats2d[]> = withArray(Relu({ nO: 16, nI: 8 }));
// layer1: Model[List[Floats2d], Floats2d] (one row per document).
const layer1 = chain(list2ragged(), reduceMean());
// layer2: Model[Floats2d, Floats2d] (class probabilities).
const layer2 = Softmax({ nO: 3 });

const model = chain(tok2vec, layer1, layer2);
assert.equal(model.inputType, "List[Floats2d]|Ragged|Padded|Floats2d");
assert.equal(model.outputType, "Floats2d");

const docs = [ops.alloc2f(5, 8), ops.alloc2f(2, 8), ops.alloc2f(7, 8)];
model.initialize({ X: docs });
const probs = model.predict(docs);
assert.deepEqual(probs.shape, [3, 3]);
for (let i = 0; i < 3; i++) {
  const row = ops.readSync!(probs).slice(3 * i, 3 * i + 3);
  assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
}

// The reduction outputs one row per document; a Softmax cannot take Ragged input.
assert.throws(
  () => chain(list2ragged(), layer2),
  /Cannot chain "list2ragged" and "softmax": "list2ragged" outputs Ragged but "softmax" expects Floats2d/,
);
console.log(`${model.name}: ${probs.shape[0]} documents -> ${probs.shape[1]} classes`);
