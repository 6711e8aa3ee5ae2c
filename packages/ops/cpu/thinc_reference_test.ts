// Values computed by Thinc 8.3 (NumpyOps, SparseLinear) with
// testdata/make_fixtures.py; the tests need no Python.
import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";

const ops = new CpuOps();
const ref = JSON.parse(
  await Deno.readTextFile(new URL("../testdata/thinc_reference.json", import.meta.url)),
);

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    assert.ok(
      Math.abs(actual[i]! - e) <= tol * (1 + Math.abs(e)),
      `element ${i}: ${actual[i]} vs ${e}`,
    );
  }
}

for (const ops of [new CpuOps(), new CpuOps({ wasm: false })]) {
  Deno.test(`hash() is bit-exact with Thinc's ops.hash [${ops.gemmKernel}]`, () => {
    for (
      const { seed, ids, hashes } of ref.hash as {
        seed: number;
        ids: number[];
        hashes: number[][];
      }[]
    ) {
      const out = ops.readSync(ops.hash(ops.asarray1i(ids, "uint32"), seed));
      assert.deepEqual([...out], hashes.flat());
    }
  });
}

Deno.test("ngrams() matches the low 32 bits of Thinc's ops.ngrams", () => {
  for (const { n, keys, low32 } of ref.ngrams as { n: number; keys: number[]; low32: number[] }[]) {
    assert.deepEqual([...ops.readSync(ops.ngrams(n, ops.asarray1i(keys, "uint32")))], low32);
  }
});

for (const version of ["v1", "v2"] as const) {
  Deno.test(`sparseLinear() and its backward match Thinc's SparseLinear.${version}`, () => {
    const s = ref.sparseLinear;
    const v1 = version === "v1";
    const keys = ops.asarray1i(s.keys, "uint32");
    const values = ops.asarray1f(s.values);
    const lengths = Int32Array.from(s.lengths);
    const W = ops.asarray1f(s.W);
    const Y = ops.sparseLinear(keys, values, lengths, W, ops.asarray1f(s.b), s.nO, s.length, v1);
    close(ops.readSync(Y), s[version].Y.flat());
    const dW = ops.alloc1f(s.nO * s.length);
    const dY = ops.asarray2f(s.dY.flat(), lengths.length, s.nO);
    ops.backpropSparseLinear(dY, keys, values, lengths, dW, s.nO, s.length, v1);
    close(ops.readSync(dW), s[version].dW);
  });
}

Deno.test("positionEncode() matches Thinc, including an odd width", () => {
  for (const { N, D, Y } of ref.positionEncode as { N: number; D: number; Y: number[][] }[]) {
    close(ops.readSync(ops.positionEncode(N, D)), Y.flat(), 1e-5);
  }
});

Deno.test("activations and their backward passes match Thinc", () => {
  const a = ref.activations;
  const X = ops.asarray2f(a.X.flat(), 5, 3);
  const dY = ops.asarray2f(a.dY.flat(), 5, 3);
  close(ops.readSync(ops.mish(X)), a.mish.flat());
  close(ops.readSync(ops.backpropMish(dY, X)), a.backpropMish.flat(), 1e-4);
  // Thinc's gelu uses the same erf approximation.
  close(ops.readSync(ops.gelu(X, 100)), a.gelu.flat());
  close(ops.readSync(ops.backpropGelu(dY, X, 100)), a.backpropGelu.flat(), 1e-4);
  const Y = ops.swish(X, 100);
  close(ops.readSync(Y), a.swish.flat());
  close(ops.readSync(ops.backpropSwish(dY, X, Y, 100)), a.backpropSwish.flat(), 1e-4);
  const S = ops.softmax(X, { temperature: 2 });
  close(ops.readSync(S), a.softmaxT2.flat());
  close(ops.readSync(ops.backpropSoftmax(S, dY, { temperature: 2 })), a.backpropSoftmaxT2.flat());
});

Deno.test("seq2col() and backpropSeq2col() match Thinc with lengths", () => {
  const s = ref.seq2col;
  const lengths = Int32Array.from(s.lengths);
  const X = ops.asarray2f(s.X.flat(), s.X.length, s.X[0].length);
  const Y = ops.seq2col(X, s.nW, lengths);
  close(ops.readSync(Y), s.Y.flat());
  const dY = ops.asarray2f(s.dY.flat(), Y.shape[0], Y.shape[1]);
  close(ops.readSync(ops.backpropSeq2col(dY, s.nW, lengths)), s.dX.flat());
});

Deno.test("lstmForward() matches Thinc's lstm_forward_training (2 layers, bidirectional)", () => {
  const l = ref.lstm;
  const shape = [l.depth, l.dirs, l.nO] as const;
  const sizeAtT = Int32Array.from(l.sizeAtT);
  // Thinc's NumpyOps passes its H0 argument on as the initial cells and C0 as the
  // initial hidden states (its LSTM layer keeps both at zero, so this never shows).
  const { Y } = ops.lstmForward(
    ops.asarray1f(l.params),
    ops.asarray(l.C0, shape, "float32"),
    ops.asarray(l.H0, shape, "float32"),
    ops.asarray2f(l.X, l.X.length / l.nI, l.nI),
    sizeAtT,
  );
  assert.deepEqual(Y.shape, [l.X.length / l.nI, l.dirs * l.nO]);
  close(ops.readSync(Y), l.Y, 1e-5);
});
