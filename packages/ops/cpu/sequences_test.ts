// Hand-computed values and property tests for the sequence ops of the CPU backend.
import assert from "node:assert/strict";
import fc from "fast-check";
import { CpuOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";

const ops = new CpuOps();
const r = (x: Parameters<typeof ops.readSync>[0]) => [...ops.readSync(x)];
const X = ops.asarray2f([1, 2, 3, 4, 5, 6, 7, 8], 4, 2);

Deno.test("seq2col() windows rows without crossing sequence boundaries", () => {
  assert.deepEqual(r(ops.seq2col(X, 1)), [
    ...[0, 0, 1, 2, 3, 4],
    ...[1, 2, 3, 4, 5, 6],
    ...[3, 4, 5, 6, 7, 8],
    ...[5, 6, 7, 8, 0, 0],
  ]);
  assert.deepEqual(r(ops.seq2col(X, 1, Int32Array.of(2, 0, 2))), [
    ...[0, 0, 1, 2, 3, 4],
    ...[1, 2, 3, 4, 0, 0],
    ...[0, 0, 5, 6, 7, 8],
    ...[5, 6, 7, 8, 0, 0],
  ]);
  assert.deepEqual(r(ops.seq2col(X, 0)), r(X));
  // Each row appears in up to three windows, so the gradient of all-ones counts them.
  const dY = ops.asarray2f(new Float32Array(24).fill(1), 4, 6);
  assert.deepEqual(r(ops.backpropSeq2col(dY, 1, Int32Array.of(1, 3))), [1, 1, 2, 2, 3, 3, 2, 2]);
  assert.throws(() => ops.seq2col(X, 1, Int32Array.of(3)), /seq2col: lengths sum to 3 .* 4 rows/);
  assert.throws(() => ops.backpropSeq2col(ops.alloc2f(4, 5), 1), /backpropSeq2col.*\[4, 5\]/);
});

Deno.test("reductions over sequences define zero-length sequences as zeros", () => {
  const lengths = Int32Array.of(1, 0, 3);
  assert.deepEqual(r(ops.reduceSum(X, lengths)), [1, 2, 0, 0, 15, 18]);
  assert.deepEqual(r(ops.reduceMean(X, lengths)), [1, 2, 0, 0, 5, 6]);
  assert.deepEqual(r(ops.reduceFirst(X, lengths)), [1, 2, 0, 0, 3, 4]);
  assert.deepEqual(r(ops.reduceLast(X, lengths)), [1, 2, 0, 0, 7, 8]);
  const { Y, which } = ops.reduceMax(ops.asarray2f([1, 9, 3, 4, 5, 6, 7, 2], 4, 2), lengths);
  assert.deepEqual(r(Y), [1, 9, 0, 0, 7, 6]);
  assert.deepEqual([...ops.readSync(which)], [0, 0, -1, -1, 2, 1]);
  const dY = ops.asarray2f([1, 2, 3, 4, 6, 9], 3, 2);
  assert.deepEqual(r(ops.backpropReduceSum(dY, lengths)), [1, 2, 6, 9, 6, 9, 6, 9]);
  assert.deepEqual(r(ops.backpropReduceMean(dY, lengths)), [1, 2, 2, 3, 2, 3, 2, 3]);
  assert.deepEqual(r(ops.backpropReduceFirst(dY, lengths)), [1, 2, 6, 9, 0, 0, 0, 0]);
  assert.deepEqual(r(ops.backpropReduceLast(dY, lengths)), [1, 2, 0, 0, 0, 0, 6, 9]);
  assert.deepEqual(r(ops.backpropReduceMax(dY, which, lengths)), [1, 2, 0, 0, 0, 9, 6, 0]);
  assert.throws(() => ops.reduceSum(X, Int32Array.of(1, -1, 4)), /reduceSum: length 1/);
  assert.throws(
    () => ops.backpropReduceSum(dY, Int32Array.of(4)),
    /backpropReduceSum: dY has shape \[3, 2\] but there are 1 lengths/,
  );
});

Deno.test("softmaxSequences() normalizes each column within each sequence", () => {
  const Z = ops.asarray2f([0, 1, Math.log(3), 1, 5, 5], 3, 2);
  const Y = r(ops.softmaxSequences(Z, Int32Array.of(2, 1)));
  [0.25, 0.5, 0.75, 0.5, 1, 1].forEach((v, i) => assert.ok(Math.abs(Y[i]! - v) < 1e-6));
});

Deno.test("flatten() with pad rows round-trips through unflatten()", () => {
  const a = ops.asarray2f([1, 2], 1, 2);
  const b = ops.asarray2f([3, 4, 5, 6], 2, 2);
  const flat = ops.flatten([a, b], 1);
  assert.deepEqual(r(flat), [0, 0, 1, 2, 0, 0, 3, 4, 5, 6, 0, 0]);
  const back = ops.unflatten(flat, Int32Array.of(1, 2), 1);
  assert.deepEqual(back.map(r), [[1, 2], [3, 4, 5, 6]]);
  assert.deepEqual(r(ops.flatten([a, b])), [1, 2, 3, 4, 5, 6]);
  assert.throws(() => ops.flatten([a, ops.alloc2f(1, 3)]), /flatten: item 1 .*\[1, 3\]/);
  assert.throws(() => ops.unflatten(flat, Int32Array.of(1, 1), 1), /unflatten/);
});

Deno.test("hstack() and sliceColumns() are inverse", () => {
  const a = ops.asarray2f([1, 2], 2, 1);
  const b = ops.asarray2f([3, 4, 5, 6], 2, 2);
  const h = ops.hstack([a, b]);
  assert.deepEqual(r(h), [1, 3, 4, 2, 5, 6]);
  assert.deepEqual(r(ops.sliceColumns(h, 1, 3)), r(b));
  assert.throws(() => ops.sliceColumns(h, 2, 4), /sliceColumns: columns \[2, 4\) .*\[2, 3\]/);
  assert.throws(() => ops.hstack([a, ops.alloc2f(3, 1)]), /hstack: item 1 .*\[3, 1\]/);
});

Deno.test("pad() is batch-major with T rounded up; unpad() undoes it", () => {
  const a = ops.asarray2f([1], 1, 1);
  const b = ops.asarray2f([2, 3, 4], 3, 1);
  const P = ops.pad([a, b], 2);
  assert.deepEqual(P.shape, [2, 4, 1]);
  assert.deepEqual(r(P), [1, 0, 0, 0, 2, 3, 4, 0]);
  assert.deepEqual(ops.unpad(P, Int32Array.of(1, 3)).map(r), [[1], [2, 3, 4]]);
});

Deno.test("list2padded() sorts longest first, time-major; padded2list() restores order", () => {
  const a = ops.asarray2f([1], 1, 1);
  const b = ops.asarray2f([2, 3], 2, 1);
  const Xp = ops.list2padded([a, b]);
  assert.deepEqual([...Xp.indices], [1, 0]);
  assert.deepEqual([...Xp.sizeAtT], [2, 1]);
  assert.deepEqual(r(Xp.data), [2, 1, 3, 0]);
  assert.deepEqual(ops.padded2list(Xp).map(r), [[1], [2, 3]]);
});

const arraysArb = fc.integer({ min: 1, max: 4 }).chain((nI) =>
  fc.array(
    fc.integer({ min: 0, max: 5 }).chain((n) =>
      fc.array(fc.float({ noNaN: true, min: -10, max: 10 }), {
        minLength: n * nI,
        maxLength: n * nI,
      }).map((v) => ops.asarray2f(v, n, nI))
    ),
    { maxLength: 5 },
  )
);

Deno.test("list, flat, padded and ragged forms round-trip (property)", () => {
  fc.assert(
    fc.property(arraysArb, fc.integer({ min: 0, max: 2 }), (Xs: Floats2d[], pad) => {
      const lengths = Int32Array.from(Xs, (x) => x.shape[0]);
      const expected = Xs.map(r);
      assert.deepEqual(ops.unflatten(ops.flatten(Xs, pad), lengths, pad).map(r), expected);
      assert.deepEqual(ops.padded2list(ops.list2padded(Xs)).map(r), expected);
      assert.deepEqual(ops.unpad(ops.pad(Xs, 3), lengths).map(r), expected);
      assert.deepEqual(ops.ragged2list(ops.list2ragged(Xs)).map(r), expected);
    }),
  );
});

Deno.test("reduceSum() equals the sum of unflattened rows (property)", () => {
  fc.assert(
    fc.property(arraysArb, (Xs: Floats2d[]) => {
      if (Xs.length === 0) return;
      const nI = Xs[0]!.shape[1];
      const lengths = Int32Array.from(Xs, (x) => x.shape[0]);
      const sums = r(ops.reduceSum(ops.flatten(Xs), lengths));
      Xs.forEach((x, i) => {
        const v = r(x);
        for (let c = 0; c < nI; c++) {
          let s = 0;
          for (let k = c; k < v.length; k += nI) s += v[k]!;
          assert.ok(Math.abs(sums[i * nI + c]! - s) < 1e-3);
        }
      });
    }),
  );
});
