// The CPU dropout mask kernel against its definition through the seeded generator.
import assert from "node:assert/strict";
import fc from "fast-check";
import { dropoutMaskK, dropoutMulK, mulberry32 } from "./optim.ts";

Deno.test("dropoutMaskK() equals rand() >= rate ? 1 / (1 - rate) : 0 with mulberry32(seed)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
      fc.integer({ min: 0, max: 300 }),
      (seed, rate, n) => {
        const rand = mulberry32(seed);
        const keep = 1 / (1 - rate);
        const expected = Float32Array.from({ length: n }, () => rand() >= rate ? keep : 0);
        const out = new Float32Array(n);
        dropoutMaskK(out, rate, seed);
        assert.deepEqual(out, expected);
      },
    ),
  );
});

Deno.test("dropoutMaskK() keeps the rate's edge draws exact", () => {
  // rate = 2^-32 drops exactly the draws u = 0; a rate just above a draw keeps it out.
  const out = new Float32Array(4096);
  dropoutMaskK(out, 2 ** -32, 1);
  const rand = mulberry32(1);
  for (const v of out) assert.equal(v, rand() >= 2 ** -32 ? Math.fround(1 / (1 - 2 ** -32)) : 0);
  const r2 = mulberry32(5);
  const draws = Array.from({ length: 64 }, () => r2());
  const rate = draws[10]!;
  dropoutMaskK(out.subarray(0, 64), rate, 5);
  assert.equal(out[10], Math.fround(1 / (1 - rate)));
  assert.equal(out.subarray(0, 64).filter((v, i) => (v === 0) !== (draws[i]! < rate)).length, 0);
});

Deno.test("dropoutMulK() equals x * the mask dropoutMaskK() fills, zeros' signs and NaNs included", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1)),
      fc.array(fc.float(), { maxLength: 200 }),
      (seed, rate, values) => {
        const x = Float32Array.from(values);
        const mask = new Float32Array(x.length);
        dropoutMaskK(mask, rate, seed);
        const expected = x.map((v, i) => v * mask[i]!);
        const out = new Float32Array(x.length);
        dropoutMulK(x, rate, seed, out);
        for (let i = 0; i < x.length; i++) {
          assert.ok(Object.is(out[i], expected[i]), `element ${i}`);
        }
      },
    ),
  );
});
