// The ops compose into a model that learns: a two-layer network trained with
// Adam on a small synthetic task, on both gemm kernels.
import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";
import type { Floats1d, Floats2d } from "@weft/types";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

for (const ops of [new CpuOps(), new CpuOps({ wasm: false })]) {
  Deno.test(`affine/relu/softmax with Adam fit a 3-class task [${ops.gemmKernel}]`, () => {
    const rand = rng(7);
    const [N, nI, nH, nO] = [96, 8, 32, 3];
    // Class = which of three fixed directions the input is closest to.
    const centers = Array.from({ length: nO * nI }, () => rand() * 2 - 1);
    const x = new Float32Array(N * nI);
    const labels = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      labels[i] = i % nO;
      for (let j = 0; j < nI; j++) x[i * nI + j] = centers[labels[i]! * nI + j]! + (rand() - 0.5);
    }
    const X = ops.asarray2f(x, N, nI);
    const init = (n: number, scale: number) =>
      ops.asarray1f(Array.from({ length: n }, () => (rand() * 2 - 1) * scale));
    const params: Floats1d[] = [
      init(nH * nI, 0.5),
      ops.alloc1f(nH),
      init(nO * nH, 0.3),
      ops.alloc1f(nO),
    ];
    const moments = params.map((p) => [ops.alloc1f(p.size), ops.alloc1f(p.size)] as const);
    const as2d = (p: Floats1d, r: number, c: number) => ops.reshape(p, [r, c] as const) as Floats2d;
    const loss = (P: Floats2d) => {
      const p = ops.readSync(P);
      let total = 0;
      for (let i = 0; i < N; i++) total -= Math.log(p[i * nO + labels[i]!]! + 1e-9);
      return total / N;
    };
    let first = 0;
    let last = 0;
    for (let step = 0; step < 150; step++) {
      const [W1, b1, W2, b2] = params as [Floats1d, Floats1d, Floats1d, Floats1d];
      const H = ops.relu(ops.affine(X, as2d(W1, nH, nI), b1));
      const P = ops.softmax(ops.affine(H, as2d(W2, nO, nH), b2));
      last = loss(P);
      if (step === 0) first = last;
      // Cross-entropy through softmax: dZ = (P - onehot) / N.
      const d = ops.readSync(P);
      for (let i = 0; i < N; i++) d[i * nO + labels[i]!]! -= 1;
      const dZ2 = ops.scale(ops.asarray2f(d, N, nO), 1 / N);
      const dW2 = ops.gemm(dZ2, H, { transA: true });
      const dH = ops.backpropRelu(ops.gemm(dZ2, as2d(W2, nO, nH)), H);
      const dW1 = ops.gemm(dH, X, { transA: true });
      const grads = [dW1, ops.sumRows(dH), dW2, ops.sumRows(dZ2)];
      params.forEach((p, k) => {
        const g = ops.reshape(grads[k]!, [p.size] as const) as Floats1d;
        const [m1, m2] = moments[k]!;
        ops.adam(p, g, m1, m2, { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.05 });
      });
    }
    assert.ok(first > 0.9, `initial loss ${first}`);
    assert.ok(last < first / 4, `loss went from ${first} to ${last}`);
  });
}
