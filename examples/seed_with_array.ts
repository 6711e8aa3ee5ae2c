/**
 * `withArray`: apply a `Floats2d -> Floats2d` layer to a list of arrays (one per
 * document), a Ragged or a Padded batch, keeping the container; gradients flow
 * back per document.
 *
 * Run: `deno run examples/seed_with_array.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d, Ragged } from "@weft/types";
import { Relu, setSeed, withArray } from "@weft/layers";

const ops = getOps("cpu");
setSeed(0);

const relu = Relu({ nO: 4 });
const model = withArray<Floats2d[]>(relu);
const Xs = [ops.asarray2f([1, 2, 3, 4, 5, 6], 2, 3), ops.asarray2f([-1, 0, 1], 1, 3)];
model.initialize({ X: Xs });
const [Ys, backprop] = model.beginUpdate(Xs);
assert.deepEqual(Ys.map((y) => y.shape), [[2, 4], [1, 4]]);
const dXs = backprop(Ys.map((y) => ops.alloc2f(y.shape[0], y.shape[1])));
assert.deepEqual(dXs.map((d) => d.shape), [[2, 3], [1, 3]]);

// The same layer over the same rows as one Ragged batch gives the same outputs.
const Yr = withArray<Ragged<"float32">>(relu).predict(ops.list2ragged(Xs));
assert.deepEqual([...ops.readSync!(Yr.dataXd)], [...ops.readSync!(ops.flatten(Ys))]);
console.log(
  `with_array(relu) over ${Xs.length} documents: ${Ys.map((y) => y.shape[0]).join(" + ")} rows`,
);
