import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { chain } from "./chain.ts";
import { Linear } from "./linear.ts";
import { Logistic } from "./logistic.ts";
import { withCpu } from "./with_cpu.ts";

const ops = getOps("cpu");

Deno.test("withCpu() declares the wrapped layer's dims with their values", () => {
  const model = withCpu(Linear({ nO: 3 }));
  assert.deepEqual(model.dimNames.sort(), ["nI", "nO"]);
  assert.equal(model.getDim("nO"), 3);
  assert.equal(model.hasDim("nI"), null);
});

Deno.test("withCpu() in a chain is sized from the labels when its layer's nO is unset", () => {
  const X = ops.alloc2f(2, 4);
  const model = chain(withCpu(Linear()), withCpu(Logistic()));
  model.initialize({ X, Y: ops.alloc2f(2, 5) });
  const wrapped = model.layers[0]!;
  assert.equal(wrapped.getDim("nO"), 5);
  assert.equal(wrapped.getDim("nI"), 4);
  assert.equal(wrapped.layers[0]!.getDim("nO"), 5);
  assert.equal(model.getDim("nO"), 5);
  assert.deepEqual(model.predict(X).shape, [2, 5]);
});

Deno.test("withCpu() passes a dim set on the wrapper to its layer at initialize", () => {
  const model = withCpu(Linear());
  model.setDim("nO", 2);
  model.initialize({ X: ops.alloc2f(1, 3) });
  assert.equal(model.layers[0]!.getDim("nO"), 2);
  assert.deepEqual(model.predict(ops.alloc2f(4, 3)).shape, [4, 2]);
});
