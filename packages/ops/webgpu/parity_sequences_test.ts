// Parity of kernels over sequences (zero-length ones included) and list layouts.
import assert from "node:assert/strict";
import type { Floats2d, NdArray } from "@weft/types";
import { floats, int, lengthsOf, LOOSE, type Outputs, parity, rng, TIGHT } from "./parity.ts";
import type { Ops } from "../ops.ts";

interface Batch {
  X: Floats2d;
  dY: Floats2d;
  dB: Floats2d;
  lengths: Int32Array;
}

/** Random batches: empty, all sequences empty, and mixed lengths with odd widths. */
function batches(ops: Ops, seed: number): Batch[] {
  const r = rng(seed);
  const cases = [
    new Int32Array(0),
    Int32Array.of(0, 0),
    Int32Array.of(1),
    lengthsOf(r, 6, 9),
    lengthsOf(r, 3, 40),
  ];
  return cases.map((lengths) => {
    const N = lengths.reduce((a, b) => a + b, 0);
    const C = int(r, 1, 11);
    return {
      X: ops.asarray2f(floats(r, N * C, -5, 5), N, C),
      dY: ops.asarray2f(floats(r, N * C), N, C),
      dB: ops.asarray2f(floats(r, lengths.length * C), lengths.length, C),
      lengths,
    };
  });
}

parity(
  "reduceSum/Mean/First/Last() and their backprops match cpu",
  LOOSE,
  (ops) =>
    batches(ops, 21).flatMap(({ X, dB, lengths }) => [
      ops.reduceSum(X, lengths),
      ops.backpropReduceSum(dB, lengths),
      ops.reduceMean(X, lengths),
      ops.backpropReduceMean(dB, lengths),
      ops.reduceFirst(X, lengths),
      ops.backpropReduceFirst(dB, lengths),
      ops.reduceLast(X, lengths),
      ops.backpropReduceLast(dB, lengths),
    ]),
);

parity(
  "reduceMax() and backpropReduceMax() match cpu",
  TIGHT,
  (ops) =>
    batches(ops, 22).flatMap(({ X, dB, lengths }) => {
      const { Y, which } = ops.reduceMax(X, lengths);
      return [Y, which, ops.backpropReduceMax(dB, which, lengths)];
    }),
);

parity(
  "backpropReduceMax() with an uploaded which matches cpu",
  TIGHT,
  (ops) =>
    batches(ops, 23).flatMap(({ dB, lengths }) => {
      const r = rng(lengths.length + 1);
      const which = Int32Array.from(
        { length: dB.size },
        (_, k) => Math.max(-1, int(r, 0, lengths[Math.floor(k / dB.shape[1])]!) - 1),
      );
      return [ops.backpropReduceMax(dB, ops.asarray(which, dB.shape, "int32"), lengths)];
    }),
);

parity(
  "softmaxSequences() and its backprop match cpu",
  LOOSE,
  (ops) =>
    batches(ops, 24).flatMap(({ X, dY, lengths }) => {
      const Y = ops.softmaxSequences(X, lengths);
      return [Y, ops.backpropSoftmaxSequences(dY, Y, lengths)];
    }),
);

parity(
  "seq2col() and backpropSeq2col() match cpu, windows clipped per sequence",
  LOOSE,
  (ops) =>
    batches(ops, 25).flatMap(({ X, lengths }) =>
      [0, 1, 2].flatMap((nW) => {
        const Y = ops.seq2col(X, nW, lengths);
        const r = rng(nW + 5);
        const dY = ops.asarray2f(floats(r, Y.size), Y.shape[0], Y.shape[1]);
        return [Y, ops.backpropSeq2col(dY, nW, lengths), ops.seq2col(X, nW)];
      })
    ),
);

parity("maxout() and backpropMaxout() match cpu", TIGHT, (ops) => {
  const r = rng(26);
  return [[0, 3, 2], [5, 1, 1], [7, 4, 3]].flatMap(([N, nO, nP]) => {
    const X = ops.asarray(floats(r, N! * nO! * nP!), [N!, nO!, nP!] as const, "float32");
    const dB = ops.asarray2f(floats(r, N! * nO!), N!, nO!);
    const { best, which } = ops.maxout(X);
    return [best, which, ops.backpropMaxout(dB, which, nP!)];
  });
});

parity("backpropMaxout() with an uploaded which matches cpu", TIGHT, (ops) => {
  const r = rng(27);
  const dB = ops.asarray2f(floats(r, 12), 4, 3);
  const which = Int32Array.from({ length: 12 }, () => int(r, 0, 2));
  return [ops.backpropMaxout(dB, ops.asarray(which, dB.shape, "int32"), 3)];
});

parity("flatten/unflatten/pad/unpad/hstack/sliceColumns match cpu", TIGHT, (ops) => {
  const r = rng(28);
  const lengths = Int32Array.of(3, 0, 5, 1);
  const Xs = Array.from(lengths, (n) => ops.asarray2f(floats(r, n * 3), n, 3));
  const out: Outputs[number][] = [];
  for (const p of [0, 2]) {
    const flat = ops.flatten(Xs, p);
    out.push(flat, ...ops.unflatten(flat, lengths, p));
  }
  const padded = ops.pad(Xs, 4);
  out.push(padded, ...ops.unpad(padded, lengths));
  const A = ops.asarray2f(floats(r, 10), 5, 2), B = ops.asarray2f(floats(r, 15), 5, 3);
  const H = ops.hstack([A, B]);
  out.push(
    H,
    ops.sliceColumns(H, 1, 4),
    ops.sliceColumns(H, 2, 2),
    ops.flatten([]),
    ops.hstack([]),
  );
  return out;
});

parity("list2padded/padded2list and list2ragged/ragged2list match cpu", TIGHT, (ops) => {
  const r = rng(29);
  const lengths = Int32Array.of(2, 5, 0, 5, 1);
  const Xs = Array.from(lengths, (n) => ops.asarray2f(floats(r, n * 4), n, 4));
  const Xp = ops.list2padded(Xs);
  const Xr = ops.list2ragged(Xs);
  return [
    Xp.data,
    Xp.sizeAtT,
    Xp.lengths,
    Xp.indices,
    ...ops.padded2list(Xp),
    Xr.data,
    ...ops.ragged2list(Xr),
  ];
});

parity(
  "layout ops (flatten, ragged, padded, hstack, sliceColumns) keep uint32 ids above 2^24 exactly",
  { atol: 0, rtol: 0 },
  (ops) => {
    // Odd values above 2^24 are not representable in float32: a float round trip changes them.
    const big = (i: number) => 0xfffffff1 - 2 * i;
    const lengths = Int32Array.of(2, 0, 3);
    let k = 0;
    const Xs = Array.from(
      lengths,
      (n) => ops.asarray2i(Array.from({ length: n * 2 }, () => big(k++)), n, 2, "uint32"),
    );
    const flat = ops.flatten(Xs, 1);
    const Xr = ops.list2ragged(Xs);
    const H = ops.hstack([Xr.data, Xr.data]);
    const out: NdArray[] = [flat, ...ops.unflatten(flat, lengths, 1), Xr.data];
    out.push(...ops.ragged2list(Xr), H, ops.sliceColumns(H, 1, 3));
    const padded = ops.pad(Xs, 2);
    const Xp = ops.list2padded(Xs);
    out.push(padded, ...ops.unpad(padded, lengths), Xp.data, ...ops.padded2list(Xp));
    for (const x of out) assert.equal(x.dtype, "uint32");
    return out;
  },
);
