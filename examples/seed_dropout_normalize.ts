/**
 * "Dropout and normalization in Thinc": the `dropout` and `normalize` arguments
 * of dense layers chain a `Dropout` and a `LayerNorm`, giving the same layers,
 * dims and outputs as writing them out.
 *
 * Run: `deno run examples/seed_dropout_normalize.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import {
  chain,
  Dropout,
  glorotUniformInit,
  LayerNorm,
  type Model,
  Relu,
  setSeed,
  Softmax,
} from "@weft/layers";

const ops = getOps("cpu");
const [hiddenWidth, dropout] = [16, 0.2];

/** The leaves of a model in order, with their dims: its structure without nesting. */
function structure(model: Model): string[] {
  return model.walk("dfs_pre").filter((n) => n.layers.length === 0).map((n) =>
    `${n.name}(${n.dimNames.map((d) => `${d}=${n.maybeGetDim(d)}`).join(",")})`
  );
}

setSeed(1);
const short = chain(
  Relu({ nO: hiddenWidth, dropout, normalize: false }),
  Relu({ nO: hiddenWidth, dropout, normalize: true }),
  Softmax({ initW: glorotUniformInit }),
);
setSeed(1);
const explicit = chain(
  Relu({ nO: hiddenWidth }),
  Dropout(dropout),
  Relu({ nO: hiddenWidth }),
  LayerNorm({ nI: hiddenWidth }),
  Dropout(dropout),
  Softmax({ initW: glorotUniformInit }),
);
const X = ops.asarray2f(Array.from({ length: 24 }, (_, i) => Math.sin(i)), 4, 6);
const Y = ops.alloc2f(4, 3);
setSeed(2);
short.initialize({ X, Y });
setSeed(2);
explicit.initialize({ X, Y });

assert.deepEqual(structure(short), structure(explicit));
assert.deepEqual([...ops.readSync!(short.predict(X))], [...ops.readSync!(explicit.predict(X))]);
setSeed(3);
const [trainShort] = short.beginUpdate(X);
setSeed(3);
const [trainExplicit] = explicit.beginUpdate(X);
assert.deepEqual([...ops.readSync!(trainShort)], [...ops.readSync!(trainExplicit)]);
console.log(structure(short).join(" >> "));
