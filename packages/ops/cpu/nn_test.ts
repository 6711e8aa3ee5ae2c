import assert from "node:assert/strict";
import fc from "fast-check";
import { addK, maxoutK } from "./nn.ts";
import { nnKernel } from "./wasm/kernels.ts";

Deno.test("maxoutK() picks the first largest piece for every piece count", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 12 }),
      // Few distinct values, so ties are common.
      fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 60, maxLength: 60 }),
      (nP, n, values) => {
        const x = Float32Array.from({ length: n * nP }, (_, i) => values[i % 60]! / 2);
        const y = new Float32Array(n);
        const which = new Int32Array(n);
        maxoutK(x, n, nP, y, which);
        for (let i = 0; i < n; i++) {
          const pieces = Array.from(x.subarray(i * nP, (i + 1) * nP));
          const m = Math.max(...pieces);
          assert.equal(y[i], m);
          assert.equal(which[i], pieces.indexOf(m));
        }
      },
    ),
  );
});

Deno.test("maxoutK() keeps a leading NaN and skips later ones, as `if (v > m)` does", () => {
  for (const nP of [3, 4]) {
    const x = Float32Array.from([NaN, 1, 2, 0, 1, NaN, 0, 3].slice(0, 2 * nP));
    const y = new Float32Array(2);
    const which = new Int32Array(2);
    maxoutK(x, 2, nP, y, which);
    const expected = nP === 3 ? [0, 1] : [0, 3];
    assert.deepEqual(Array.from(which), expected);
    assert.ok(Number.isNaN(y[0]));
    assert.equal(y[1], x[nP + expected[1]!]);
  }
});

Deno.test("the WebAssembly maxout3 and add kernels give maxoutK's and addK's bits", () => {
  const kernel = nnKernel();
  if (kernel === undefined) return; // no SIMD here: the JavaScript kernels serve
  const special = [NaN, -0, 0, Infinity, -Infinity, 1e-45, -3.5e38, 1, -1, 0.5];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9000 }),
      fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(...special)), {
        minLength: 97,
        maxLength: 97,
      }),
      (n, values) => {
        const x = Float32Array.from({ length: n * 3 }, (_, i) => values[(i * 7) % 97]!);
        const y = new Float32Array(n), which = new Int32Array(n);
        const y2 = new Float32Array(n), which2 = new Int32Array(n);
        maxoutK(x, n, 3, y, which);
        kernel.maxout3(x, n, y2, which2);
        assert.deepEqual(which2, which);
        for (let i = 0; i < n; i++) assert.ok(Object.is(y2[i], y[i]), `output ${i}`);
        const a = x.subarray(0, n), b = x.subarray(n, 2 * n);
        const sum = new Float32Array(n), sum2 = new Float32Array(n);
        addK(a, b, sum);
        kernel.add(a, b, sum2);
        for (let i = 0; i < n; i++) assert.ok(Object.is(sum2[i], sum[i]), `sum ${i}`);
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("CpuOps({ wasm: false }) runs maxout and add in JavaScript, with the same results", async () => {
  const { CpuOps } = await import("./cpu_ops.ts");
  const wasm = new CpuOps(), js = new CpuOps({ wasm: false });
  const x = Float32Array.from({ length: 600 * 3 }, (_, i) => Math.sin(i * 1.7) * 3);
  const results = [wasm, js].map((ops) => {
    const X = ops.reshape(ops.asarray1f(x), [200, 3, 3] as const);
    const a = ops.asarray1f(x), b = ops.asarray1f(x.map((v) => v / 3));
    return {
      best: [...ops.readSync!(ops.maxout(X).best)],
      sum: [...ops.readSync!(ops.add(a, b))],
    };
  });
  assert.deepEqual(results[0], results[1]);
  // The JavaScript backend never calls the shared layer kernels.
  const kernel = nnKernel();
  if (kernel !== undefined) {
    const { maxout3, add } = kernel;
    kernel.maxout3 = kernel.add = () => {
      throw new Error("a layer kernel ran");
    };
    try {
      const X = js.reshape(js.asarray1f(x), [200, 3, 3] as const);
      js.maxout(X);
      js.add(js.asarray1f(x), js.asarray1f(x));
      assert.throws(() => wasm.maxout(wasm.reshape(wasm.asarray1f(x), [200, 3, 3] as const)));
    } finally {
      Object.assign(kernel, { maxout3, add });
    }
  }
  const third = x.map((v) => v / 3);
  assert.deepEqual(results[1]!.sum, [...x.map((v, i) => v + third[i]!)]);
});
