// Parity of embeddings, hashing, sparse linear, randomness and optimizer kernels.
import { floats, int, lengthsOf, LOOSE, type Outputs, parity, rng, TIGHT } from "./parity.ts";
import { sortedLookupTable } from "../lookup_table.ts";

function ids(r: () => number, n: number, below: number): Uint32Array {
  return Uint32Array.from({ length: n }, () => Math.floor(r() * below));
}

parity("gatherRows() and gatherAdd() match cpu", LOOSE, (ops) => {
  const r = rng(31);
  const out: Outputs[number][] = [];
  for (const [rows, nO, N, K] of [[5, 3, 0, 2], [1, 1, 4, 1], [37, 13, 50, 4], [9, 70, 3, 3]]) {
    const table = ops.asarray2f(floats(r, rows! * nO!), rows!, nO!);
    out.push(ops.gatherRows(table, ops.asarray1i(ids(r, N!, rows!), "uint32")));
    out.push(ops.gatherAdd(table, ops.asarray2i(ids(r, N! * K!, rows!), N!, K!, "int32")));
  }
  return out;
});

parity("scatterAdd() accumulates repeated ids as cpu does", LOOSE, (ops) => {
  const r = rng(32);
  const out: Outputs[number][] = [];
  for (const [rows, nO, N, K] of [[5, 3, 0, 1], [3, 4, 40, 1], [11, 7, 25, 3]]) {
    const table = ops.asarray2f(floats(r, rows! * nO!), rows!, nO!);
    const values = ops.asarray2f(floats(r, N! * nO!), N!, nO!);
    const flat = ids(r, N! * K!, rows!);
    if (K === 1) ops.scatterAdd(table, ops.asarray1i(flat, "uint32"), values);
    else ops.scatterAdd(table, ops.asarray2i(flat, N!, K!, "uint32"), values);
    out.push(table);
  }
  return out;
});

parity("hash() and ngrams() match cpu bit for bit", TIGHT, (ops) => {
  const r = rng(33);
  const keys = Uint32Array.from([0, 1, 0xffffffff, 0x80000000, ...ids(r, 60, 4294967296)]);
  const x = ops.asarray1i(keys, "uint32");
  return [
    ops.hash(x, 0),
    ops.hash(x, 1234567),
    ops.hash(ops.asarray1i([], "uint32"), 3),
    ops.ngrams(1, x),
    ops.ngrams(2, x),
    ops.ngrams(5, x),
    ops.ngrams(3, ops.asarray1i([7, 8], "int32")),
  ];
});

parity("sparseLinear() and its backprop match cpu (v2 and v1 indexing)", LOOSE, (ops) => {
  const r = rng(34);
  const out: Outputs[number][] = [];
  for (const v1 of [false, true]) {
    for (const [nO, length] of [[3, 16], [5, 64]]) {
      const lengths = lengthsOf(r, 5, 6);
      const F = lengths.reduce((a, b) => a + b, 0);
      const keys = ops.asarray1i(ids(r, F, 4294967296), "uint32");
      const values = ops.asarray1f(floats(r, F, 0, 2));
      const W = ops.asarray1f(floats(r, nO! * length!));
      const b = ops.asarray1f(floats(r, nO!));
      const Y = ops.sparseLinear(keys, values, lengths, W, b, nO!, length!, v1);
      const dW = ops.asarray1f(floats(r, nO! * length!));
      const dY = ops.asarray2f(floats(r, lengths.length * nO!), lengths.length, nO!);
      ops.backpropSparseLinear(dY, keys, values, lengths, dW, nO!, length!, v1);
      out.push(Y, dW);
    }
  }
  return out;
});

parity("positionEncode() matches cpu", TIGHT, (ops) => [
  ops.positionEncode(7, 6),
  ops.positionEncode(3, 5, 100, 2),
  ops.positionEncode(0, 4),
  ops.positionEncode(2, 1),
]);

parity("getDropoutMask() matches cpu bit for bit for the same seed", TIGHT, (ops) => [
  ops.getDropoutMask([7, 33] as const, 0.3, 42),
  ops.getDropoutMask([1000] as const, 0.5, 0xdeadbeef),
  ops.getDropoutMask([4] as const, 0, 1),
  ops.getDropoutMask([4] as const, 1, 1),
  ops.getDropoutMask([0, 3] as const, 0.2, 1),
]);

parity("adam(), clipGradient() and updateAverages() update in place as cpu does", LOOSE, (ops) => {
  const r = rng(35);
  const out: Outputs[number][] = [];
  for (const n of [0, 1, 300, 1025, 20000]) {
    const w = ops.asarray1f(floats(r, n));
    const g = ops.asarray1f(floats(r, n));
    const m1 = ops.asarray1f(floats(r, n, -0.1, 0.1));
    const m2 = ops.asarray1f(floats(r, n, 0, 0.1));
    for (let step = 0; step < 3; step++) {
      ops.adam(w, g, m1, m2, { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.01 });
    }
    const big = ops.asarray1f(floats(r, n, -5, 5));
    ops.clipGradient(big, 1.0);
    const small = ops.asarray1f(floats(r, n, -1e-3, 1e-3));
    ops.clipGradient(small, 10);
    const ema = ops.asarray1f(floats(r, n));
    ops.updateAverages(ema, w, int(r, 0, 20));
    ops.updateAverages(ema, w, 1e6, 0.99);
    out.push(w, m1, m2, big, small, ema);
  }
  return out;
});

parity("lookupIds() matches cpu, ids above 2^31 and missing ids included", TIGHT, (ops) => {
  const r = rng(39);
  const entries = Array.from({ length: 40 }, (_, j) =>
    [
      j % 3 === 0 ? 0xfffffff0 - j : Math.floor(r() * 100),
      j - 5,
    ] as const);
  const { keys, values } = sortedLookupTable(entries);
  const K = ops.asarray1i(keys, "uint32"), V = ops.asarray1i(values);
  const query = Uint32Array.from(
    { length: 60 },
    (_, i) => i % 4 === 0 ? keys[i % keys.length]! : ids(r, 1, 120)[0]!,
  );
  return [
    ops.lookupIds(ops.asarray2i(query, 30, 2, "uint32"), K, V, -1),
    ops.lookupIds(ops.asarray1i([0xfffffff0, 5], "uint32"), K, V, 7),
    ops.lookupIds(ops.asarray1i([3, 4]), ops.asarray1i([], "uint32"), ops.asarray1i([]), 9),
    ops.lookupIds(ops.asarray1i([], "uint32"), K, V, 9),
  ];
});
