import assert from "node:assert/strict";
import fc from "fast-check";
import { maxoutK } from "./nn.ts";

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
