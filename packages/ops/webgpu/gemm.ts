/**
 * Tiled matrix product on the GPU: 64×64 output tiles per 16×16 workgroup, each
 * thread accumulating a 4×4 block in vec4 registers from 16-deep shared-memory tiles.
 * Transposes are folded into the tile loads, the bias of `affine` into the store, and
 * edges are bounds-checked, so no shape needs padding to the tile size.
 *
 * @module
 */
import type { Floats1d, Floats2d } from "@weft/types";
import type { GemmOptions } from "../ops.ts";
import { empty, gpu } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import type { GpuStorage } from "./storage.ts";

const TILE = 64;

const GEMM: KernelSpec = {
  name: "gemm_tiled",
  params: [
    "M:u32",
    "N:u32",
    "K:u32",
    "oa:u32",
    "lda:u32",
    "ta:u32",
    "ob:u32",
    "ldb:u32",
    "tb:u32",
    "oc:u32",
    "obias:u32",
    "bias:u32",
    "mb:u32",
    "acc:u32",
  ],
  buffers: ["A:array<f32>", "B:array<f32>", "C:array<f32>", "bias:array<f32>"],
  workgroup: [16, 16],
  helpers: `
var<workgroup> As: array<vec4<f32>, 256>;
var<workgroup> Bs: array<vec4<f32>, 256>;
fn loadA(m: u32, k: u32) -> f32 {
  if (m >= P.M || k >= P.K) { return 0.0; }
  if (P.ta == 0u) { return A[P.oa + m * P.lda + k]; }
  return A[P.oa + k * P.lda + m];
}
fn loadB(k: u32, n: u32) -> f32 {
  if (k >= P.K || n >= P.N) { return 0.0; }
  if (P.tb == 0u) { return B[P.ob + k * P.ldb + n]; }
  return B[P.ob + n * P.ldb + k];
}`,
  body: `
  let tid = lid.y * 16u + lid.x;
  let m0 = P.mb + wid.y * 64u;
  let n0 = wid.x * 64u;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < P.K; k0 = k0 + 16u) {
    for (var j = 0u; j < 4u; j = j + 1u) {
      let e = tid + j * 256u;
      // Walk memory-contiguous indices across neighbouring threads.
      var kk = e % 16u; var mm = e / 16u;
      if (P.ta == 1u) { kk = e / 64u; mm = e % 64u; }
      As[kk * 16u + mm / 4u][mm % 4u] = loadA(m0 + mm, k0 + kk);
      var kb = e / 64u; var nn = e % 64u;
      if (P.tb == 1u) { kb = e % 16u; nn = e / 16u; }
      Bs[kb * 16u + nn / 4u][nn % 4u] = loadB(k0 + kb, n0 + nn);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk = kk + 1u) {
      let a = As[kk * 16u + lid.y];
      let b = Bs[kk * 16u + lid.x];
      acc[0] = acc[0] + a.x * b;
      acc[1] = acc[1] + a.y * b;
      acc[2] = acc[2] + a.z * b;
      acc[3] = acc[3] + a.w * b;
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r = r + 1u) {
    let m = m0 + lid.y * 4u + r;
    if (m >= P.M) { continue; }
    for (var c = 0u; c < 4u; c = c + 1u) {
      let n = n0 + lid.x * 4u + c;
      if (n >= P.N) { continue; }
      var v = acc[r][c];
      if (P.bias == 1u) { v = v + bias[P.obias + n]; }
      if (P.acc == 1u) { v = v + C[P.oc + m * P.N + n]; }
      C[P.oc + m * P.N + n] = v;
    }
  }`,
};

function launch(
  rt: GpuRuntime,
  A: Floats2d,
  B: Floats2d,
  transA: boolean,
  transB: boolean,
  C: Floats2d,
  bias: Floats1d | undefined,
  M: number,
  N: number,
  K: number,
): void {
  const a = gpu(A, "gemm");
  const b = gpu(B, "gemm");
  const c = gpu(C, "gemm");
  const z = bias === undefined ? undefined : gpu(bias, "affine");
  const lda = A.shape[1], ldb = B.shape[1];
  const rowsPerLaunch = rt.maxGroups * TILE;
  const run = (
    av: GpuStorage,
    bv: GpuStorage,
    cv: GpuStorage,
    m: number,
    k: number,
    acc: boolean,
    withBias: boolean,
  ): void => {
    const zv = withBias && z !== undefined ? z : rt.unused();
    for (let mb = 0; mb < m; mb += rowsPerLaunch) {
      const rows = Math.min(rowsPerLaunch, m - mb);
      rt.dispatch(
        GEMM,
        [
          m,
          N,
          k,
          rt.at(av),
          lda,
          transA ? 1 : 0,
          rt.at(bv),
          ldb,
          transB ? 1 : 0,
          rt.at(cv),
          rt.at(zv),
          withBias && z !== undefined ? 1 : 0,
          mb,
          acc ? 1 : 0,
        ],
        [av, bv, cv, zv],
        [Math.ceil(N / TILE), Math.ceil(rows / TILE)],
      );
    }
  };
  if (!transA) {
    // Pieces of rows of A and C, so that a large batch fits the storage bindings.
    rt.split("gemm", M, Math.max(lda, N), (m0, m1) => {
      const av = a.view(m0 * lda, (m1 - 1) * lda + K);
      run(av, b, c.view(m0 * N, m1 * N), m1 - m0, K, false, true);
    });
  } else if (K === 0) {
    run(a, b, c, M, 0, false, true);
  } else {
    // Aᵀ B with a large inner dimension (weight gradients over a large batch): pieces
    // of rows of A (and of B unless transposed), accumulated into C.
    rt.split("gemm", K, Math.max(lda, transB ? 0 : ldb), (k0, k1) => {
      const av = a.view(k0 * lda, (k1 - 1) * lda + M);
      const bv = transB ? b : b.view(k0 * ldb, (k1 - 1) * ldb + N);
      run(av, bv, c, M, k1 - k0, k0 > 0, k0 === 0);
    });
  }
}

/**
 * `op(A) @ op(B)`, optionally into `options.out`.
 *
 * @throws {RangeError} when the inner dimensions or the output shape disagree
 */
export function gemm(
  rt: GpuRuntime,
  A: Floats2d,
  B: Floats2d,
  options: GemmOptions = {},
): Floats2d {
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const [M, K] = transA ? [A.shape[1], A.shape[0]] : A.shape;
  const [K2, N] = transB ? [B.shape[1], B.shape[0]] : B.shape;
  if (K !== K2) {
    throw new RangeError(
      `gemm(): inner dimensions differ: A [${A.shape.join(", ")}]${transA ? "ᵀ" : ""} and ` +
        `B [${B.shape.join(", ")}]${transB ? "ᵀ" : ""}`,
    );
  }
  const out = options.out ?? empty(rt, [M, N] as const, "float32");
  if (out.shape[0] !== M || out.shape[1] !== N) {
    throw new RangeError(`gemm(): out has shape [${out.shape.join(", ")}], expected [${M}, ${N}]`);
  }
  launch(rt, A, B, transA, transB, out, undefined, M, N, K);
  return out;
}

/**
 * `X @ W.T + b`, fused into one kernel.
 *
 * @throws {RangeError} when `X [N, nI]`, `W [nO, nI]` and `b [nO]` disagree
 */
export function affine(rt: GpuRuntime, X: Floats2d, W: Floats2d, b: Floats1d): Floats2d {
  const [N, nI] = X.shape;
  const [nO, nI2] = W.shape;
  if (nI !== nI2 || b.shape[0] !== nO) {
    throw new RangeError(
      `affine(): X [${X.shape.join(", ")}], W [${W.shape.join(", ")}] and b [${
        b.shape[0]
      }] disagree`,
    );
  }
  const out = empty(rt, [N, nO] as const, "float32");
  launch(rt, X, W, false, true, out, b, N, nO, nI);
  return out;
}
