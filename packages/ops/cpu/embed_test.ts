// Lookups, hashing, randomness and optimizer kernels of the CPU backend.
import fc from "fast-check";
import assert from "node:assert/strict";
import { CpuOps, sortedLookupTable } from "@weft/ops";
import { murmur3x64_128, murmur3x86_32 } from "./murmur.ts";

const ops = new CpuOps();
const r = (x: Parameters<typeof ops.readSync>[0]) => [...ops.readSync(x)];
const table = ops.asarray2f([1, 2, 10, 20, 100, 200], 3, 2);

Deno.test("gatherRows() and gatherAdd() read rows of a table", () => {
  assert.deepEqual(r(ops.gatherRows(table, ops.asarray1i([2, 0, 2]))), [100, 200, 1, 2, 100, 200]);
  assert.deepEqual(r(ops.gatherAdd(table, ops.asarray2i([0, 1, 2, 2], 2, 2))), [11, 22, 200, 400]);
  assert.throws(
    () => ops.gatherRows(table, ops.asarray1i([3])),
    /gatherRows: index 3 .* \[3, 2\]/,
  );
  assert.throws(() => ops.gatherAdd(table, ops.asarray1i([0]) as never), /gatherAdd/);
});

Deno.test("scatterAdd() accumulates repeated ids in place", () => {
  const t = ops.alloc2f(3, 2);
  ops.scatterAdd(t, ops.asarray1i([1, 1, 0]), ops.asarray2f([1, 1, 2, 2, 5, 5], 3, 2));
  assert.deepEqual(r(t), [5, 5, 3, 3, 0, 0]);
  ops.scatterAdd(t, ops.asarray2i([2, 2], 1, 2), ops.asarray2f([1, 2], 1, 2));
  assert.deepEqual(r(t), [5, 5, 3, 3, 2, 4]);
  assert.throws(
    () => ops.scatterAdd(t, ops.asarray1i([0]), ops.alloc2f(2, 2)),
    /scatterAdd: indices \[1\] and values \[2, 2\] do not fit table \[3, 2\]/,
  );
});

Deno.test("MurmurHash3 matches smhasher's verification values", () => {
  // smhasher's VerificationTest: hash keys [0..i) with seed 256 - i, then hash the
  // concatenated results with seed 0; the first 4 bytes are the published value.
  const key = new Uint8Array(256);
  const all128 = new Uint8Array(256 * 16);
  const all32 = new Uint8Array(256 * 4);
  const out = new Uint32Array(4);
  for (let i = 0; i < 256; i++) {
    key[i] = i;
    murmur3x64_128(key.subarray(0, i), 256 - i, out);
    all128.set(new Uint8Array(out.buffer), i * 16);
    new DataView(all32.buffer).setUint32(i * 4, murmur3x86_32(key.subarray(0, i), 256 - i), true);
  }
  murmur3x64_128(all128, 0, out);
  assert.equal(out[0], 0x6384ba69);
  assert.equal(murmur3x86_32(all32, 0), 0xb0f57ee3);
});

Deno.test("hash() agrees with the general MurmurHash3_x64_128 on 8-byte keys", () => {
  const ids = [0, 1, 0x7fffffff, 0xffffffff, 123456789];
  const H = r(ops.hash(ops.asarray1i(ids, "uint32"), 99));
  const out = new Uint32Array(4);
  ids.forEach((id, i) => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, id, true);
    murmur3x64_128(bytes, 99, out);
    assert.deepEqual(H.slice(i * 4, i * 4 + 4), [...out]);
  });
  assert.deepEqual(ops.hash(ops.asarray1i([]), 0).shape, [0, 4]);
});

Deno.test("ngrams() gives one hash per run and none for short input", () => {
  const keys = ops.asarray1i([5, 6, 7], "uint32");
  assert.equal(ops.ngrams(2, keys).shape[0], 2);
  assert.equal(ops.ngrams(4, keys).shape[0], 0);
  const uni = r(ops.ngrams(1, keys));
  assert.equal(new Set(uni).size, 3);
  assert.deepEqual(
    r(ops.ngrams(2, ops.asarray1i([6, 7], "uint32"))),
    r(ops.ngrams(2, keys)).slice(1),
  );
});

Deno.test("getDropoutMask() is seeded, scaled and near the asked rate", () => {
  const a = r(ops.getDropoutMask([1000] as const, 0.25, 7));
  assert.deepEqual(a, r(ops.getDropoutMask([1000] as const, 0.25, 7)));
  assert.notDeepEqual(a, r(ops.getDropoutMask([1000] as const, 0.25, 8)));
  const zeros = a.filter((v) => v === 0).length;
  assert.ok(zeros > 200 && zeros < 300, `${zeros} zeros`);
  assert.ok(a.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6));
  assert.deepEqual(r(ops.getDropoutMask([2] as const, 0, 1)), [1, 1]);
  assert.deepEqual(r(ops.getDropoutMask([2] as const, 1, 1)), [0, 0]);
});

Deno.test("adam() takes one hand-computed step in place", () => {
  const w = ops.asarray1f([1, 1]);
  const g = ops.asarray1f([0.5, -1]);
  const m1 = ops.alloc1f(2);
  const m2 = ops.alloc1f(2);
  ops.adam(w, g, m1, m2, { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.1 });
  // m1 = 0.1 g, m2 = 0.001 g^2, step = 0.1 * m1 / sqrt(m2) = 0.1 * sign(g) * 0.1 / sqrt(0.001).
  const step = (0.1 * 0.1) / Math.sqrt(0.001);
  const [w0, w1] = r(w);
  assert.ok(Math.abs(w0! - (1 - step)) < 1e-5 && Math.abs(w1! - (1 + step)) < 1e-5);
  assert.deepEqual(r(m1).map((v) => Math.round(v * 1e6)), [50000, -100000]);
  assert.throws(
    () => ops.adam(w, ops.alloc1f(3), m1, m2, { beta1: 0, beta2: 0, eps: 0, learnRate: 0 }),
    /adam: weights and gradient have different shapes \[2\] and \[3\]/,
  );
});

Deno.test("clipGradient() rescales to the threshold norm; updateAverages() uses Thinc's decay", () => {
  const g = ops.asarray1f([3, 4]);
  ops.clipGradient(g, 1);
  assert.deepEqual(r(g).map((v) => Math.round(v * 1e6) / 1e6), [0.6, 0.8]);
  ops.clipGradient(g, 10);
  assert.deepEqual(r(g).map((v) => Math.round(v * 1e6) / 1e6), [0.6, 0.8]);
  const ema = ops.asarray1f([0, 10]);
  // t = 0: decay = 1 / 10, so ema moves 90% of the way to the weights.
  ops.updateAverages(ema, ops.asarray1f([10, 0]), 0);
  assert.deepEqual(r(ema).map((v) => Math.round(v * 1e5) / 1e5), [9, 1]);
});

Deno.test("lookupIds() maps ids through a sorted table, unsigned, with a fallback", () => {
  const { keys, values } = sortedLookupTable([[4294967295, 3], [10, 1], [20, 2], [10, 4]]);
  assert.deepEqual([...keys], [10, 20, 4294967295]);
  const K = ops.asarray1i(keys, "uint32"), V = ops.asarray1i(values);
  const Y = ops.lookupIds(ops.asarray2i([20, 4294967295, 10, 11], 2, 2, "uint32"), K, V, -1);
  assert.deepEqual(Y.shape, [2, 2]);
  assert.equal(Y.dtype, "int32");
  assert.deepEqual([...ops.readSync(Y)], [2, 3, 4, -1]);
  // An int32 -1 is the unsigned key 4294967295.
  assert.deepEqual([...ops.readSync(ops.lookupIds(ops.asarray1i([-1]), K, V, 0))], [3]);
  assert.throws(() => ops.lookupIds(Y, K, ops.asarray1i([1]), 0), RangeError);
});

Deno.test("gatherAdd() with four rows per output adds them as row-by-row float32 additions do", () => {
  const special = [NaN, -0, 0, Infinity, -Infinity, 1e-45, 3.4e38, -3.4e38, 1, 1e-8, -1e8];
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(...special)), {
        minLength: 5 * 9,
        maxLength: 5 * 9,
      }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
      (nO, values, ids) => {
        const table = ops.asarray2f(values.slice(0, 5 * nO), 5, nO);
        const indices = ops.asarray2i(ids, 3, 4);
        const expected = new Float32Array(3 * nO);
        const t = ops.readSync!(table);
        for (let i = 0; i < 3; i++) {
          for (let k = 0; k < 4; k++) {
            for (let c = 0; c < nO; c++) {
              expected[i * nO + c] = expected[i * nO + c]! + t[ids[i * 4 + k]! * nO + c]!;
            }
          }
        }
        const got = ops.readSync!(ops.gatherAdd(table, indices));
        got.forEach((v, j) => assert.ok(Object.is(v, expected[j]), `${v} vs ${expected[j]}`));
      },
    ),
  );
});
