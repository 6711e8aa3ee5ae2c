import assert from "node:assert/strict";
import fc from "fast-check";
import {
  hostArray,
  hostData,
  hostListToPadded,
  hostListToRagged,
  hostPaddedToList,
  hostRaggedToList,
  NdArray,
  Padded,
  paddedLayout,
  Ragged,
} from "./mod.ts";

const lengthsArb = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 8 });

function makeList(lengths: number[], width: number, seed: number) {
  let v = seed;
  return lengths.map((n) =>
    hostArray([n, width] as const, "float32", Array.from({ length: n * width }, () => (v += 1.5)))
  );
}

Deno.test("list -> Ragged -> list keeps order and values for random lengths", () => {
  fc.assert(
    fc.property(lengthsArb, fc.integer({ min: 1, max: 4 }), (lengths, width) => {
      const xs = makeList(lengths, width, 0);
      const r = hostListToRagged(xs, "float32", [width]);
      let total = 0;
      for (const n of r.lengths) total += n;
      assert.equal(total, r.rows);
      assert.equal(r.startsEnds[r.length], r.rows);
      const back = hostRaggedToList(r);
      assert.equal(back.length, xs.length);
      back.forEach((x, i) => {
        assert.deepEqual(x.shape, xs[i]!.shape);
        assert.deepEqual([...hostData(x)], [...hostData(xs[i]!)]);
        assert.deepEqual([...hostData(r.seq(i))], [...hostData(xs[i]!)]);
      });
    }),
  );
});

Deno.test("list -> Padded -> list keeps order and values, sizeAtT consistent", () => {
  fc.assert(
    fc.property(lengthsArb, fc.integer({ min: 1, max: 3 }), (lengths, width) => {
      const xs = makeList(lengths, width, 7);
      const p = hostListToPadded(xs, "float32", width);
      for (let t = 0; t < p.steps; t++) {
        assert.equal(p.sizeAtT[t], lengths.filter((n) => n > t).length);
      }
      for (let b = 1; b < p.batchSize; b++) assert.ok(p.lengths[b - 1]! >= p.lengths[b]!);
      const back = hostPaddedToList(p);
      back.forEach((x, i) => {
        assert.deepEqual(x.shape, xs[i]!.shape);
        assert.deepEqual([...hostData(x)], [...hostData(xs[i]!)]);
      });
    }),
  );
});

Deno.test("Ragged.slice() matches the sequences it selects", () => {
  fc.assert(
    fc.property(lengthsArb, fc.integer(), fc.integer(), (lengths, a, b) => {
      const r = hostListToRagged(makeList(lengths, 2, 0), "float32", [2]);
      const n = r.length;
      const start = n === 0 ? 0 : Math.abs(a) % (n + 1);
      const end = n === 0 ? 0 : start + (Math.abs(b) % (n - start + 1));
      const s = r.slice(start, end);
      assert.deepEqual([...s.lengths], lengths.slice(start, end));
      for (let i = 0; i < s.length; i++) {
        assert.deepEqual([...hostData(s.seq(i))], [...hostData(r.seq(start + i))]);
      }
    }),
  );
});

Deno.test("Ragged rejects negative lengths and lengths that do not sum to the rows", () => {
  const data = hostArray([3, 2] as const, "float32");
  assert.throws(() => new Ragged(data, new Int32Array([4, -1])), {
    name: "RangeError",
    message: /length 1 is negative/,
  });
  assert.throws(() => new Ragged(data, new Int32Array([1, 1])), {
    name: "RangeError",
    message: /sum to 2 but the data has 3 rows/,
  });
  assert.throws(() => new Ragged(data, new Int32Array([3])).seq(1), RangeError);
});

Deno.test("Ragged.dataXd keeps trailing axes and data views them as 2d", () => {
  const r = new Ragged(hostArray([4, 2, 3] as const, "float32"), new Int32Array([1, 3]));
  assert.deepEqual(r.data.shape, [4, 6]);
  assert.deepEqual(r.seq(1).shape, [3, 2, 3]);
  const empty = new Ragged(hostArray([0, 5] as const, "float32"), new Int32Array([0, 0]));
  assert.deepEqual(empty.data.shape, [0, 5]);
});

Deno.test("Padded rejects wrong rank and broken invariants", () => {
  const flat = hostArray([2, 2] as const, "float32") as unknown as NdArray<
    readonly [number, number, number],
    "float32"
  >;
  const one = new Int32Array([1]);
  assert.throws(() => new Padded(flat, one, one, one), TypeError);
  const data = hostArray([2, 2, 1] as const, "float32");
  const sizes = new Int32Array([2, 1]);
  assert.throws(() => new Padded(data, sizes, new Int32Array([1, 2]), new Int32Array([0, 1])), {
    name: "RangeError",
    message: /decreasing/,
  });
  assert.throws(() => new Padded(data, sizes, new Int32Array([2, 1]), new Int32Array([0, 0])), {
    name: "RangeError",
    message: /permutation/,
  });
  const ok = paddedLayout([1, 2]);
  assert.doesNotThrow(() => new Padded(data, ok.sizeAtT, ok.lengths, ok.indices));
});

Deno.test("NdArray rejects bad shapes and mismatched storage", () => {
  assert.throws(() => hostArray([-1, 2] as const, "float32"), RangeError);
  assert.throws(() => hostArray([1.5] as const, "float32"), RangeError);
  assert.throws(() => hostArray([2] as const, "float32", [1, 2, 3]), RangeError);
  const x = hostArray([2, 3] as const, "int32");
  assert.throws(() => new NdArray([4] as const, "int32", x.storage), RangeError);
});
