// The fused LayerNorm kernels against the composition they replace: bit-identical.
import assert from "node:assert/strict";
import fc from "fast-check";
import { CpuOps } from "@weft/ops";

const ops = new CpuOps();
const r = (x: Parameters<typeof ops.readSync>[0]) => [...ops.readSync(x)];
const floats = fc.float({ min: -4, max: 4, noNaN: true });

// The default backend runs the WebAssembly kernels, `wasm: false` the JavaScript loops.
for (const [label, fused] of [["wasm", ops], ["js", new CpuOps({ wasm: false })]] as const) {
  Deno.test(`layerNorm() and backpropLayerNorm() equal the composed ops bit for bit [${label}]`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(floats, { minLength: 54 * 4, maxLength: 54 * 4 }),
        (N, nI, values) => {
          const take = (at: number, n: number) => values.slice(at, at + n);
          const X = ops.asarray2f(take(0, N * nI), N, nI);
          const G = ops.asarray1f(take(60, nI));
          const b = ops.asarray1f(take(80, nI));
          const dY = ops.asarray2f(take(100, N * nI), N, nI);
          const out = fused.layerNorm(X, G, b);
          const { Y: Xhat, invStd } = ops.normalizeRows(X);
          assert.deepEqual(r(out.Xhat), r(Xhat));
          assert.deepEqual(r(out.invStd), r(invStd));
          assert.deepEqual(r(out.Y), r(ops.scaleColumns(Xhat, G, b)));
          const grads = fused.backpropLayerNorm(dY, Xhat, invStd, G);
          assert.deepEqual(r(grads.db), r(ops.sumRows(dY)));
          assert.deepEqual(r(grads.dG), r(ops.sumRows(ops.mul(dY, Xhat))));
          assert.deepEqual(
            r(grads.dX),
            r(ops.backpropNormalizeRows(ops.scaleColumns(dY, G), Xhat, invStd)),
          );
        },
      ),
    );
  });
}

Deno.test("layerNorm() names the op when G or b do not fit", () => {
  const X = ops.alloc2f(2, 3);
  assert.throws(() => ops.layerNorm(X, ops.alloc1f(2), ops.alloc1f(3)), /layerNorm: G \[2\]/);
  assert.throws(
    () => ops.backpropLayerNorm(X, ops.alloc2f(2, 2), ops.alloc1f(2), ops.alloc1f(3)),
    /backpropLayerNorm/,
  );
});
