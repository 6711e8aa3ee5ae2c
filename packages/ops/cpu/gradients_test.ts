// Finite-difference gradient checks for every backward op of the CPU backend,
// driven by one table: a `backprop*` method without an entry fails the last test.
import assert from "node:assert/strict";
import { CpuOps } from "@weft/ops";
import { finiteDifferenceCheck, type GradientCheckOptions } from "@weft/ops/testing";
import type { Floats2d } from "@weft/types";
import { lstmParamCount } from "./lstm.ts";

const ops = new CpuOps();
const r = ops.readSync;

function rand(n: number, seed: number, scale = 1): Float32Array {
  let s = seed * 7919 + 17;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 * 2 - 1) * scale;
  });
}

// Values kept away from 0 so kinks (relu) and ties (max) are not crossed by eps.
function awayFromZero(n: number, seed: number): Float32Array {
  return rand(n, seed, 2).map((v) => (v >= 0 ? v + 0.1 : v - 0.1));
}

function m2(x: Float32Array, rows: number, cols: number): Floats2d {
  return ops.asarray2f(x, rows, cols);
}

interface Case {
  forward: (xs: Float32Array[]) => Float32Array;
  backward: (xs: Float32Array[], dY: Float32Array) => Float32Array[];
  inputs: Float32Array[];
  options?: GradientCheckOptions;
}

const N = 4, nI = 3;
const lengths = Int32Array.of(1, 0, 3);

function elementwise(
  fwd: (X: Floats2d) => Floats2d,
  bwd: (dY: Floats2d, X: Floats2d, Y: Floats2d) => Floats2d,
  x = awayFromZero(N * nI, 1),
): Case {
  return {
    forward: ([x]) => r(fwd(m2(x!, N, nI))),
    backward: ([x], dY) => {
      const X = m2(x!, N, nI);
      return [r(bwd(m2(dY, N, nI), X, fwd(X)))];
    },
    inputs: [x],
  };
}

const CASES: Record<string, Case> = {
  backpropRelu: elementwise((X) => ops.relu(X), (dY, _X, Y) => ops.backpropRelu(dY, Y)),
  backpropSigmoid: elementwise((X) => ops.sigmoid(X), (dY, _X, Y) => ops.backpropSigmoid(dY, Y)),
  backpropTanh: elementwise((X) => ops.tanh(X), (dY, _X, Y) => ops.backpropTanh(dY, Y)),
  backpropMish: elementwise((X) => ops.mish(X), (dY, X) => ops.backpropMish(dY, X)),
  backpropGelu: elementwise((X) => ops.gelu(X), (dY, X) => ops.backpropGelu(dY, X)),
  backpropSwish: elementwise((X) => ops.swish(X), (dY, X, Y) => ops.backpropSwish(dY, X, Y)),
  backpropSoftmax: elementwise(
    (X) => ops.softmax(X, { temperature: 1.5 }),
    (dY, _X, Y) => ops.backpropSoftmax(Y, dY, { temperature: 1.5 }),
  ),
  backpropSoftmaxAxis0: elementwise(
    (X) => ops.softmax(X, { axis: 0 }),
    (dY, _X, Y) => ops.backpropSoftmax(Y, dY, { axis: 0 }),
  ),
  backpropSoftmaxSequences: elementwise(
    (X) => ops.softmaxSequences(X, lengths),
    (dY, _X, Y) => ops.backpropSoftmaxSequences(dY, Y, lengths),
  ),
  backpropMaxout: {
    forward: ([x]) => r(ops.maxout(ops.reshape(m2(x!, N, 6), [N, 3, 2] as const)).best),
    backward: ([x], dY) => {
      const { which } = ops.maxout(ops.reshape(m2(x!, N, 6), [N, 3, 2] as const));
      return [r(ops.backpropMaxout(m2(dY, N, 3), which, 2))];
    },
    // Distinct values spaced far wider than eps, so no winner changes.
    inputs: [Float32Array.from({ length: N * 6 }, (_, i) => ((i * 7) % 24) * 0.1)],
  },
  backpropNormalizeRows: {
    forward: ([x]) => r(ops.normalizeRows(m2(x!, N, nI)).Y),
    backward: ([x], dY) => {
      const { Y, invStd } = ops.normalizeRows(m2(x!, N, nI));
      return [r(ops.backpropNormalizeRows(m2(dY, N, nI), Y, invStd))];
    },
    inputs: [awayFromZero(N * nI, 3)],
    options: { eps: 1e-2, atol: 2e-3 },
  },
  backpropLayerNorm: {
    forward: ([x, g, b]) => r(ops.layerNorm(m2(x!, N, nI), ops.asarray1f(g!), ops.asarray1f(b!)).Y),
    backward: ([x, g, b], dY) => {
      const G = ops.asarray1f(g!);
      const { Xhat, invStd } = ops.layerNorm(m2(x!, N, nI), G, ops.asarray1f(b!));
      const { dX, dG, db } = ops.backpropLayerNorm(m2(dY, N, nI), Xhat, invStd, G);
      return [r(dX), r(dG), r(db)];
    },
    inputs: [awayFromZero(N * nI, 3), awayFromZero(nI, 5), rand(nI, 6)],
    options: { eps: 1e-2, atol: 2e-3 },
  },
  backpropSeq2col: {
    forward: ([x]) => r(ops.seq2col(m2(x!, N, nI), 2, lengths)),
    backward: (_xs, dY) => [r(ops.backpropSeq2col(m2(dY, N, 5 * nI), 2, lengths))],
    inputs: [rand(N * nI, 4)],
  },
  backpropReduceSum: reduction(
    (X) => ops.reduceSum(X, lengths),
    (dY) => ops.backpropReduceSum(dY, lengths),
  ),
  backpropReduceMean: reduction(
    (X) => ops.reduceMean(X, lengths),
    (dY) => ops.backpropReduceMean(dY, lengths),
  ),
  backpropReduceFirst: reduction(
    (X) => ops.reduceFirst(X, lengths),
    (dY) => ops.backpropReduceFirst(dY, lengths),
  ),
  backpropReduceLast: reduction(
    (X) => ops.reduceLast(X, lengths),
    (dY) => ops.backpropReduceLast(dY, lengths),
  ),
  backpropReduceMax: {
    forward: ([x]) => r(ops.reduceMax(m2(x!, N, nI), lengths).Y),
    backward: ([x], dY) => {
      const { which } = ops.reduceMax(m2(x!, N, nI), lengths);
      return [r(ops.backpropReduceMax(m2(dY, 3, nI), which, lengths))];
    },
    inputs: [Float32Array.from({ length: N * nI }, (_, i) => ((i * 5) % 12) * 0.1)],
  },
  backpropSparseLinear: {
    forward: ([w]) =>
      r(
        ops.sparseLinear(
          ops.asarray1i([3, 99, 12345, 7], "uint32"),
          ops.asarray1f([1, -0.5, 2, 0.25]),
          Int32Array.of(2, 2),
          ops.asarray1f(w!),
          ops.asarray1f([0.1, 0.2]),
          2,
          5,
        ),
      ),
    backward: (_xs, dY) => {
      const dW = ops.alloc1f(10);
      ops.backpropSparseLinear(
        m2(dY, 2, 2),
        ops.asarray1i([3, 99, 12345, 7], "uint32"),
        ops.asarray1f([1, -0.5, 2, 0.25]),
        Int32Array.of(2, 2),
        dW,
        2,
        5,
      );
      return [r(dW)];
    },
    inputs: [rand(10, 5)],
  },
  // A two-layer bidirectional LSTM over sequences of lengths 3, 2, 1 (time-major
  // rows: 3 at step 0, 2 at step 1, 1 at step 2); inputs are X and the parameters.
  backpropLstm: (() => {
    const sizeAtT = Int32Array.of(3, 2, 1);
    const [depth, dirs, nO, nIn] = [2, 2, 2, 3];
    const nParams = lstmParamCount(depth, dirs, nO, nIn);
    const H0 = ops.asarray(rand(depth * dirs * nO, 8, 0.5), [depth, dirs, nO] as const, "float32");
    const C0 = ops.asarray(rand(depth * dirs * nO, 9, 0.5), [depth, dirs, nO] as const, "float32");
    const run = (x: Float32Array, p: Float32Array) =>
      ops.lstmForward(ops.asarray1f(p), H0, C0, m2(x, 6, nIn), sizeAtT);
    return {
      forward: ([x, p]) => r(run(x!, p!).Y),
      backward: ([x, p], dY) => {
        const { state } = run(x!, p!);
        const { dX, dParams } = ops.backpropLstm(
          m2(dY, 6, dirs * nO),
          sizeAtT,
          ops.asarray1f(p!),
          state,
        );
        return [r(dX), r(dParams)];
      },
      inputs: [rand(6 * nIn, 10), rand(nParams, 11, 0.8)],
      options: { eps: 1e-2, atol: 2e-3 },
    } satisfies Case;
  })(),
  // The per-row losses against fixed truths; the kernel's gradient times dY per row.
  cosineDistance: (() => {
    const T = m2(rand(N * nI, 13), N, nI);
    return {
      forward: ([g]) => r(ops.cosineDistance(m2(g!, N, nI), T, false).losses),
      backward: ([g], dY) => {
        const { dGuesses } = ops.cosineDistance(m2(g!, N, nI), T, false);
        return [r(ops.mulRows(dGuesses, ops.asarray1f(dY)))];
      },
      inputs: [awayFromZero(N * nI, 14)],
    } satisfies Case;
  })(),
  // gemm's backward is two more gemms, as layers write it.
  gemm: {
    forward: ([a, b]) => r(ops.gemm(m2(a!, 3, 4), m2(b!, 4, 5))),
    backward: ([a, b], dY) => {
      const dC = m2(dY, 3, 5);
      return [
        r(ops.gemm(dC, m2(b!, 4, 5), { transB: true })),
        r(ops.gemm(m2(a!, 3, 4), dC, { transA: true })),
      ];
    },
    inputs: [rand(12, 6), rand(20, 7)],
  },
};

function reduction(
  fwd: (X: Floats2d) => Floats2d,
  bwd: (dY: Floats2d) => Floats2d,
): Case {
  return {
    forward: ([x]) => r(fwd(m2(x!, N, nI))),
    backward: (_xs, dY) => [r(bwd(m2(dY, lengths.length, nI)))],
    inputs: [rand(N * nI, 2)],
  };
}

for (const [name, c] of Object.entries(CASES)) {
  Deno.test(`${name}() matches finite differences [cpu]`, async () => {
    const { checked } = await finiteDifferenceCheck(c.forward, c.backward, c.inputs, c.options);
    assert.ok(checked > 0);
  });
}

Deno.test("every backprop* method of CpuOps has a gradient check", () => {
  const methods = Object.getOwnPropertyNames(CpuOps.prototype).filter((m) =>
    m.startsWith("backprop")
  );
  assert.ok(methods.length >= 17);
  for (const m of methods) assert.ok(m in CASES, `no gradient check for ${m}`);
});

Deno.test("finiteDifferenceCheck() catches a wrong gradient", async () => {
  await assert.rejects(
    finiteDifferenceCheck(
      ([x]) => x!.map((v) => v * v),
      ([x], dY) => [x!.map((v, i) => 3 * v * dY[i]!)],
      [Float32Array.of(0.5, 1)],
    ),
    RangeError,
  );
});
