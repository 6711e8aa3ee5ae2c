// Work larger than the device's limits is split: arrays larger than one storage
// binding are bound in windows, and dispatches wider than the workgroup limit are
// spread over two dimensions or several launches. A backend whose runtime keeps
// below the device's limits (256 KiB per binding, 64 workgroups per dimension)
// must agree with the CPU on arrays several times that size.
import assert from "node:assert/strict";
import { NdArray } from "@weft/types";
import type { Ops } from "../ops.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { requestGpuDevice } from "./device.ts";
import { assertClose, floats, LOOSE, type Outputs, rng, TIGHT, type Tolerance } from "./parity.ts";
import { GpuRuntime } from "./runtime.ts";
import { testWebGpu } from "./test_backends.ts";
import { WebGpuOps } from "./webgpu_ops.ts";

const BINDING = 1 << 18;
const GROUPS = 64;
/** Elements of an array three and a bit bindings long. */
const BIG = 3.3 * (BINDING / 4) | 0;

let small: Promise<WebGpuOps> | undefined;

function smallOps(): Promise<WebGpuOps> {
  small ??= requestGpuDevice().then((device) =>
    new WebGpuOps(
      new GpuRuntime(device, {
        maxStorageBufferBindingSize: BINDING,
        maxComputeWorkgroupsPerDimension: GROUPS,
        checkBindings: true,
      }),
    )
  );
  return small;
}

/**
 * Register `${name} [webgpu]`: `fn` on the CPU and on the small-limit backend must
 * agree, and the WebGPU run must have been split into more than `minLaunches`.
 */
function splitParity(
  name: string,
  tol: Tolerance,
  minLaunches: number,
  fn: (ops: Ops) => Outputs,
): void {
  testWebGpu(name, async () => {
    const gpu = await smallOps();
    const cpu = new CpuOps();
    const expected = fn(cpu);
    const before = gpu.rt.dispatches;
    const actual = fn(gpu);
    const launches = gpu.rt.dispatches - before;
    assert.ok(launches > minLaunches, `${name}: ${launches} launches, expected a split`);
    for (let k = 0; k < expected.length; k++) {
      const e = expected[k]!, a = actual[k]!;
      const ev = e instanceof Int32Array ? e : await cpu.read(e);
      const av = a instanceof Int32Array ? a : await gpu.read(a);
      assertClose(av, ev, tol, `${name}: output ${k}`);
    }
  });
}

/** `n` ids in `[0, rows)`, the last one `rows - 1` so the last window is used. */
function ids(rand: () => number, n: number, rows: number): Int32Array {
  const out = Int32Array.from({ length: n }, () => Math.floor(rand() * rows));
  if (n > 0) out[n - 1] = rows - 1;
  return out;
}

splitParity("element-wise ops and fills split arrays larger than a binding", TIGHT, 5, (ops) => {
  const r = rng(1);
  const a = ops.asarray1f(floats(r, BIG));
  const b = ops.asarray1f(floats(r, BIG));
  const sum = ops.add(a, b);
  const act = ops.relu(ops.scale(a, 3));
  ops.addInPlace(b, a, -0.5);
  ops.scaleInPlace(a, 2);
  // One array bound twice: windows of it are copied, piece by piece.
  const square = ops.mul(a, a);
  ops.addInPlace(b, b, 1);
  const filled = ops.alloc1f(BIG);
  ops.fill(filled, 7);
  return [sum, act, a, b, square, filled, ops.getDropoutMask([BIG] as const, 0.3, 42)];
});

splitParity(
  "adam(), clipGradient(), updateAverages() and adamStep() split large tables",
  LOOSE,
  5,
  (ops) => {
    const r = rng(2);
    const [w, g, m1, m2, avg] = [0, 1, 2, 3, 4].map((k) =>
      ops.asarray1f(floats(r, BIG, k === 3 ? 0 : -1, 1))
    ) as [NdArray<[number], "float32">, ...NdArray<[number], "float32">[]];
    ops.clipGradient(g!, 5);
    ops.adam(w, g!, m1!, m2!, { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.01 });
    ops.updateAverages(avg!, w, 3);
    // The fused step (composed of the ops above on WebGPU) splits as they do.
    const [w2, g2, n1, n2, avg2] = [0, 1, 2, 3, 4].map((k) =>
      ops.asarray1f(floats(r, BIG, k === 3 ? 0 : -1, 1))
    ) as [NdArray<[number], "float32">, ...NdArray<[number], "float32">[]];
    ops.adamStep(w2, g2!, n1!, n2!, {
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      learnRate: 0.01,
      gradClip: 5,
      L2: 1e-4,
      averages: avg2,
      averagesStep: 3,
    });
    return [w, g!, m1!, m2!, avg!, w2, g2!, n1!, n2!, avg2!];
  },
);

splitParity(
  "gemm() and affine() split a large batch by rows and by the inner dimension",
  LOOSE,
  3,
  (ops) => {
    const r = rng(3);
    const [N, nI, nO] = [9001, 13, 11];
    const X = ops.asarray2f(floats(r, N * nI), N, nI);
    const W = ops.asarray2f(floats(r, nO * nI), nO, nI);
    const b = ops.asarray1f(floats(r, nO));
    const dY = ops.asarray2f(floats(r, N * nO), N, nO);
    return [
      ops.affine(X, W, b),
      ops.gemm(dY, X, { transA: true }),
      ops.gemm(dY, W),
      ops.gemm(X, dY, { transA: true, transB: false }),
    ];
  },
);

splitParity(
  "gemm() and affine() split operands larger than a binding by output columns",
  LOOSE,
  6,
  (ops) => {
    const r = rng(13);
    // W of affine and B of gemm exceed a binding (65472 elements); so do Aᵀ and Bᵀ
    // with a long inner dimension.
    const [N, nI, nO] = [37, 101, 700];
    const X = ops.asarray2f(floats(r, N * nI), N, nI);
    const W = ops.asarray2f(floats(r, nO * nI), nO, nI);
    const b = ops.asarray1f(floats(r, nO));
    const Wt = ops.asarray2f(floats(r, nI * nO), nI, nO);
    const K = 20011;
    const At = ops.asarray2f(floats(r, K * 5), K, 5);
    const Bt = ops.asarray2f(floats(r, 6 * K), 6, K);
    const acc = ops.asarray2f(floats(r, N * nO), N, nO);
    ops.gemm(X, Wt, { out: acc, accumulate: true });
    return [
      acc,
      ops.affine(X, W, b),
      ops.gemm(X, Wt),
      ops.gemm(At, Bt, { transA: true, transB: true }),
      ops.gemm(ops.alloc2f(3, 0), ops.alloc2f(0, 4)),
    ];
  },
);

splitParity(
  "gatherRows(), gatherAdd() and scatterAdd() bind a large table in windows",
  LOOSE,
  3,
  (ops) => {
    const r = rng(4);
    const [rows, C, N, K] = [30011, 7, 5003, 3];
    const table = ops.asarray2f(floats(r, rows * C), rows, C);
    const one = ops.asarray1i(ids(r, N, rows), "uint32");
    const many = ops.asarray2i(ids(r, N * K, rows), N, K, "int32");
    const gathered = ops.gatherRows(table, one);
    const summed = ops.gatherAdd(table, many);
    ops.scatterAdd(table, many, ops.asarray2f(floats(r, N * C), N, C));
    return [gathered, summed, table];
  },
);

splitParity("sparseLinear() and its backprop bind large weights in windows", LOOSE, 3, (ops) => {
  const r = rng(5);
  const [nO, length, F] = [3, 65536, 4000];
  const lengths = Int32Array.from({ length: 100 }, (_, k) => (k % 7 === 0 ? 0 : 40 + (k % 11)));
  const total = lengths.reduce((s, x) => s + x, 0);
  assert.ok(total <= F);
  const keys = ops.asarray1i(ids(r, total, 4294967296), "uint32");
  const values = ops.asarray1f(floats(r, total, 0, 2));
  const W = ops.asarray1f(floats(r, nO * length));
  const b = ops.asarray1f(floats(r, nO));
  const Y = ops.sparseLinear(keys, values, lengths, W, b, nO, length);
  const dW = ops.alloc1f(nO * length);
  ops.backpropSparseLinear(Y, keys, values, lengths, dW, nO, length);
  return [Y, dW];
});

splitParity("copies (copy, hstack, flatten, unflatten) split large arrays", TIGHT, 3, (ops) => {
  const r = rng(6);
  const A = ops.asarray2f(floats(r, 40000 * 3), 40000, 3);
  const B = ops.asarray2f(floats(r, 40000 * 2), 40000, 2);
  return [
    ops.hstack([A, B]),
    ops.flatten([B, ops.sliceColumns(A, 1, 3)]),
    ops.copy(A),
    ops.unflatten(
      ops.flatten([A, B, A].map((x) => ops.sliceColumns(x, 0, 2))),
      Int32Array.of(40000, 40000, 40000),
    )[2]!,
  ];
});

splitParity(
  "row kernels (softmax, argmax, maxout, sums, scaling) split by rows",
  LOOSE,
  8,
  (ops) => {
    const r = rng(7);
    const [N, C, nP] = [30011, 7, 3];
    const X = ops.asarray2f(floats(r, N * C), N, C);
    const dY = ops.asarray2f(floats(r, N * C), N, C);
    const v = ops.asarray1f(floats(r, N));
    const g = ops.asarray1f(floats(r, C));
    const Y = ops.softmax(X);
    const { best, which } = ops.maxout(
      ops.asarray(floats(r, N * C * nP), [N, C, nP] as const, "float32"),
    );
    return [
      Y,
      ops.backpropSoftmax(Y, dY),
      ops.argmax(X),
      best,
      ops.backpropMaxout(best, which, nP),
      ops.sumRows(X),
      ops.mulRows(X, v),
      ops.scaleColumns(X, g, g),
      ops.rowDots(X, dY),
    ];
  },
);

splitParity(
  "sequence kernels (reductions, softmax, seq2col) split by whole sequences",
  LOOSE,
  8,
  (ops) => {
    const r = rng(8);
    const lengths = Int32Array.from(
      { length: 900 },
      (_, k) => (k % 9 === 0 ? 0 : 1 + (k * 7) % 60),
    );
    const N = lengths.reduce((s, x) => s + x, 0);
    const C = 5;
    const X = ops.asarray2f(floats(r, N * C), N, C);
    const dB = ops.asarray2f(floats(r, lengths.length * C), lengths.length, C);
    const { Y: mx, which } = ops.reduceMax(X, lengths);
    const S = ops.softmaxSequences(X, lengths);
    const cols = ops.seq2col(X, 1, lengths);
    return [
      ops.reduceSum(X, lengths),
      ops.reduceMean(X, lengths),
      mx,
      ops.backpropReduceMax(dB, which, lengths),
      ops.backpropReduceMean(dB, lengths),
      S,
      ops.backpropSoftmaxSequences(X, S, lengths),
      cols,
      ops.backpropSeq2col(cols, 1, lengths),
    ];
  },
);

splitParity("normalizeRows, cosineDistance, lookupIds, hash and ngrams split", LOOSE, 10, (ops) => {
  const r = rng(9);
  const [N, C] = [30011, 7];
  const X = ops.asarray2f(floats(r, N * C), N, C);
  const T = ops.asarray2f(floats(r, N * C), N, C);
  const { Y, invStd } = ops.normalizeRows(X);
  const { dGuesses, losses } = ops.cosineDistance(X, T, false);
  const keys = ops.asarray1i(Int32Array.from({ length: 50 }, (_, k) => k * 3), "int32");
  const values = ops.asarray1i(Int32Array.from({ length: 50 }, (_, k) => k + 1), "int32");
  const raw = ids(r, BIG, 160);
  const idsX = ops.asarray1i(raw, "int32");
  return [
    Y,
    invStd,
    ops.backpropNormalizeRows(T, Y, invStd),
    dGuesses,
    losses,
    ops.lookupIds(idsX, keys, values, -1),
    ops.hash(ops.asarray1i(raw.subarray(0, 40000), "uint32"), 7),
    ops.ngrams(3, ops.asarray1i(raw, "uint32")),
  ];
});

splitParity(
  "lstmForward() and backpropLstm() bind large batches in windows",
  { atol: 2e-4, rtol: 1e-3 },
  100,
  (ops) => {
    const r = rng(10);
    const [depth, dirs, nO, nI] = [2, 2, 6, 5];
    // 40 steps of non-increasing batch sizes, 3000 rows: G alone is > 1 binding.
    const sizeAtT = Int32Array.from({ length: 40 }, (_, t) => 100 - Math.floor(t * 1.2));
    const N = sizeAtT.reduce((a, b) => a + b, 0);
    let count = 0;
    for (let i = 0; i < depth; i++) {
      const layerNI = i === 0 ? nI : dirs * nO;
      count += dirs * (4 * nO * layerNI + 8 * nO + 4 * nO * nO);
    }
    const params = ops.asarray1f(floats(r, count, -0.5, 0.5));
    const init = () =>
      ops.asarray(floats(r, depth * dirs * nO, -0.5, 0.5), [depth, dirs, nO] as const, "float32");
    const [H0, C0] = [init(), init()];
    const X = ops.asarray2f(floats(r, N * nI), N, nI);
    const { Y, state } = ops.lstmForward!(params, H0, C0, X, sizeAtT);
    assert.ok(state.G.size * 4 > BINDING);
    const dY = ops.asarray2f(floats(r, N * dirs * nO), N, dirs * nO);
    const { dX, dParams } = ops.backpropLstm!(dY, sizeAtT, params, state);
    return [Y, state.G, state.C, dX, dParams];
  },
);

testWebGpu("work that cannot be split names the op when it exceeds a binding", async () => {
  const ops = await smallOps();
  const X = ops.alloc2f(BIG / 10 | 0, 10);
  assert.throws(() => ops.softmax(X, { axis: 0 }), {
    name: "RangeError",
    message: /softmax\(\): one item of \d+ elements exceeds a storage binding/,
  });
  assert.throws(() => ops.seq2col(X, 1), {
    name: "RangeError",
    message: /seq2col\(\): a sequence of \d+ rows/,
  });
});

testWebGpu("a 1-D kernel over more than 65535 workgroups spans two dimensions", async (ops) => {
  const groups = ops.rt.device.limits.maxComputeWorkgroupsPerDimension + 3;
  const n = Math.min(groups * 256, ops.rt.chunk);
  // With the default 128 MiB binding one piece holds every element.
  const x = ops.alloc1f(n);
  ops.fill(x, 1);
  ops.scaleInPlace(new NdArray([1] as const, "float32", x.storage.view(n - 1, n)), 5);
  const y = await ops.read(x);
  assert.equal(y[0], 1);
  assert.equal(y[n - 2], 1);
  assert.equal(y[n - 1], 5);
  assert.equal(y.reduce((s, v) => s + v, 0), n + 4);
  ops.release(x);
});
