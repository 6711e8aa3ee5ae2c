// LayerNorm through the backend's fused kernels equals the composed ops it falls back to.
import assert from "node:assert/strict";
import { CpuOps, type Ops, useOps } from "@weft/ops";
import { LayerNorm } from "@weft/layers";

const fused = new CpuOps();
// The same backend without the optional fused ops: LayerNorm composes them.
const composed: Ops = Object.create(fused, {
  layerNorm: { value: undefined },
  backpropLayerNorm: { value: undefined },
});
const r = (x: Parameters<CpuOps["readSync"]>[0]) => [...fused.readSync(x)];

function run(ops: Ops) {
  return useOps(ops, () => {
    const X = ops.asarray2f([1, -2, 3, 0.5, 4, 4, -1, 2, 0, 7, -3, 1], 3, 4);
    const model = LayerNorm({ nI: 4 }).initialize({ X });
    model.setParam("G", ops.asarray1f([1.5, -0.5, 2, 1]));
    model.setParam("b", ops.asarray1f([0.1, 0.2, -0.3, 0]));
    const dY = ops.asarray2f([0.3, -1, 2, 0.25, 1, 1, -1, 0.5, 0, -2, 3, 1], 3, 4);
    const grads = [];
    const outputs = [];
    for (let pass = 0; pass < 2; pass++) {
      const [Y, backprop] = model.beginUpdate(X);
      outputs.push(r(Y), r(backprop(dY)));
      grads.push(r(model.getGrad("G")), r(model.getGrad("b")));
    }
    return { outputs, grads };
  });
}

Deno.test("LayerNorm() gives the same output and gradients fused and composed", () => {
  assert.equal(typeof fused.layerNorm, "function");
  assert.equal(composed.layerNorm, undefined);
  const a = run(fused);
  const b = run(composed);
  assert.deepEqual(a, b);
  // Gradients accumulate over the two passes.
  assert.deepEqual(a.grads[2]!.map((v) => v / 2), a.grads[0]);
});
