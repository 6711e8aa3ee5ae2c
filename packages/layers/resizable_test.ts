import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats1d, Floats2d } from "@weft/types";
import { Linear } from "./linear.ts";
import type { Model } from "./model.ts";
import { resizable, resizeLinearWeighted, resizeModel } from "./resizable.ts";
import { type SparseFeatures, SparseLinear } from "./sparse_linear.ts";

const ops = getOps("cpu");
const read = (x: { size: number }) => [...ops.readSync!(x as Floats1d)];

Deno.test("resizeLinearWeighted() keeps a Linear's rows and fills the new ones", () => {
  const layer = Linear({ nO: 2, nI: 2 }).initialize();
  layer.setParam("W", ops.asarray2f([1, 2, 3, 4], 2, 2));
  layer.setParam("b", ops.asarray1f([5, 6]));
  const bigger = resizeLinearWeighted(layer, 3, { b: -9 });
  assert.deepEqual(bigger.getParam("W").shape, [3, 2]);
  assert.deepEqual(read(bigger.getParam("W")), [1, 2, 3, 4, 0, 0]);
  assert.deepEqual(read(bigger.getParam("b")), [5, 6, -9]);
  assert.equal(bigger.getDim("nO"), 3);
});

Deno.test("resizeLinearWeighted() grows SparseLinear's flat [nO * length] weights class by class", () => {
  const length = 4;
  const sparse = SparseLinear({ nO: 2, length }).initialize();
  const layer = sparse as unknown as Model<Floats2d, Floats2d>;
  layer.setParam("W", ops.asarray1f([1, 2, 3, 4, 5, 6, 7, 8]));
  layer.setParam("b", ops.asarray1f([0.5, -0.5]));
  const bigger = resizeLinearWeighted(layer, 3, { b: -5000 });
  assert.equal(bigger.getDim("nO"), 3);
  assert.equal(bigger.getDim("length"), length);
  assert.deepEqual(read(bigger.getParam("W")), [1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0]);
  assert.deepEqual(read(bigger.getParam("b")), [0.5, -0.5, -5000]);
  // The old classes score as before; the new one gets its bias only.
  const X: SparseFeatures = [
    ops.asarray1i([1, 6], "uint32"),
    ops.asarray1f([1, 1]),
    Int32Array.from([2]),
  ];
  const before = read(sparse.predict(X));
  const after = read((bigger as unknown as typeof sparse).predict(X));
  assert.deepEqual(after.slice(0, 2), before);
  assert.equal(after[2], -5000);
});

Deno.test("resizeModel() swaps in the resized layer and sets the container's nO", () => {
  const model = resizable(Linear({ nO: 2, nI: 3 })).initialize();
  resizeModel(model, 4);
  assert.equal(model.getDim("nO"), 4);
  assert.deepEqual(model.predict(ops.alloc2f(2, 3)).shape, [2, 4]);
});

Deno.test("resizeLinearWeighted() refuses to shrink", () => {
  const layer = Linear({ nO: 3, nI: 2 }).initialize();
  assert.throws(() => resizeLinearWeighted(layer, 2), RangeError);
});
