import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { concatenate } from "./concatenate.ts";
import { Linear } from "./linear.ts";
import { Model } from "./model.ts";
import { Relu } from "./relu.ts";

const ops = getOps("cpu");

/** A weightless `List[Floats2d] -> Floats2d` branch: the lists' rows stacked. */
function stack(): Model<Floats2d[], Floats2d> {
  return new Model<Floats2d[], Floats2d>("stack", (m, Xs) => {
    const Y = m.ops.flatten(Xs);
    const lengths = Int32Array.from(Xs, (x) => x.shape[0]);
    return [Y, (dY: Floats2d) => m.ops.unflatten(dY, lengths)] as const;
  }, { inputType: "List[Floats2d]", outputType: "Floats2d" });
}

Deno.test("concatenate() accepts branches that share a non-array input type", () => {
  const model = concatenate(stack(), stack());
  assert.equal(model.inputType, "List[Floats2d]");
  const Xs = [ops.asarray2f([1, 2], 1, 2), ops.asarray2f([3, 4], 1, 2)];
  const Y = model.initialize({ X: Xs }).predict(Xs);
  assert.deepEqual([...ops.readSync!(Y)], [1, 2, 1, 2, 3, 4, 3, 4]);
});

Deno.test("concatenate() refuses branches with different input types, naming both", () => {
  assert.throws(
    () => concatenate(stack(), Relu()),
    (e: unknown) =>
      e instanceof TypeError && e.message.includes('"stack"') && e.message.includes('"relu"') &&
      e.message.includes("List[Floats2d]") && e.message.includes("Floats2d"),
  );
});

Deno.test("concatenate() sizes a branch with unset nO from the labels at initialize", () => {
  const X = ops.alloc2f(3, 4);
  const model = concatenate(Relu({ nO: 2 }), Linear()).initialize({ X, Y: ops.alloc2f(3, 5) });
  assert.equal(model.layers[0]!.getDim("nO"), 2);
  assert.equal(model.layers[1]!.getDim("nO"), 5);
  assert.equal(model.getDim("nO"), 7);
  assert.equal(model.getDim("nI"), 4);
  assert.deepEqual(model.predict(X).shape, [3, 7]);
});

Deno.test("concatenate() of one layer is that layer, as in Thinc", () => {
  const relu = Relu({ nO: 2 });
  assert.equal(concatenate(relu), relu);
});

Deno.test("concatenate() sums the branches' input gradients", () => {
  const X = ops.asarray2f([1, -2, 3, 4], 2, 2);
  const model = concatenate(Linear({ nO: 1 }), Linear({ nO: 1 })).initialize({ X });
  for (const l of model.layers) {
    ops.fill(l.getParam("W"), 1);
    ops.fill(l.getParam("b"), 0);
  }
  const [, backprop] = model.beginUpdate(X);
  const dX = backprop(ops.asarray2f([1, 2, 3, 4], 2, 2));
  // Each branch sends dY[:, i] * W (all ones) back: rows sum to 1 + 2 and 3 + 4.
  assert.deepEqual([...ops.readSync!(dX)], [3, 3, 7, 7]);
});
