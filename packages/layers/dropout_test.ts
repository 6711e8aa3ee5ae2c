// Dropout through the backend's fused dropoutMul equals the mask-and-multiply fallback.
import assert from "node:assert/strict";
import { CpuOps, type Ops, useOps } from "@weft/ops";
import { Dropout, setSeed } from "@weft/layers";

const fused = new CpuOps();
const composed: Ops = Object.create(fused, { dropoutMul: { value: undefined } });
const r = (x: Parameters<CpuOps["readSync"]>[0]) => [...fused.readSync(x)];

function run(ops: Ops) {
  return useOps(ops, () => {
    setSeed(7);
    const X = ops.asarray2f(Array.from({ length: 60 }, (_, i) => i - 30.5), 6, 10);
    const dY = ops.asarray2f(Array.from({ length: 60 }, (_, i) => (i % 7) - 3), 6, 10);
    const out = [];
    for (const rate of [0.1, 0.5, 0.9]) {
      const [Y, backprop] = Dropout(rate).beginUpdate(X);
      out.push(r(Y), r(backprop(dY)));
    }
    return out;
  });
}

Deno.test("Dropout() gives the same output and gradient with and without ops.dropoutMul", () => {
  assert.equal(typeof fused.dropoutMul, "function");
  assert.equal(composed.dropoutMul, undefined);
  const a = run(fused);
  assert.deepEqual(a, run(composed));
  // The mask is reused: a dropped cell (X is never 0) gets no gradient.
  for (let k = 0; k < a.length; k += 2) {
    a[k]!.forEach((y, i) => {
      if (y === 0) assert.ok(a[k + 1]![i] === 0);
    });
  }
});
