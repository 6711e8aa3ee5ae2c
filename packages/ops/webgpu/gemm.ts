/**
 * Tiled matrix product on the GPU: 64×64 output tiles per 16×16 workgroup, each
 * thread accumulating a 4×4 block in vec4 registers from 16-deep shared-memory tiles.
 * Transposes are folded into the tile loads, the bias of `affine` into the store, and
 * edges are bounds-checked, so no shape needs padding to the tile size. Products
 * whose operands exceed a storage binding run in pieces of output rows, output
 * columns and the inner dimension (accumulating into C).
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
    "ldc:u32",
    "obias:u32",
    "bias:u32",
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
  let m0 = wid.y * 64u;
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
      if (P.acc == 1u) { v = v + C[P.oc + m * P.ldc + n]; }
      C[P.oc + m * P.ldc + n] = v;
    }
  }`,
};

/** Largest `[outer, inner]` (at most the given) whose view `(outer - 1) * ld + inner` fits `lim`. */
function fit(outer: number, ld: number, inner: number, lim: number): [number, number] {
  if (inner > lim) return [1, lim];
  return [Math.max(1, Math.min(outer, Math.floor((lim - inner) / ld) + 1)), inner];
}

/**
 * Piece sizes `[m, n, k]` of the output rows, output columns and inner dimension, so
 * that the views of A, B and C of any piece fit one binding and a piece fits one
 * dispatch. A whole product where it fits; else rows of C, then columns (rows of
 * a transposed B, the weights of `affine`) and the inner dimension, accumulated.
 */
function pieces(
  rt: GpuRuntime,
  [M, N, K]: readonly [number, number, number],
  [lda, ldb]: readonly [number, number],
  [transA, transB]: readonly [boolean, boolean],
): [number, number, number] {
  const lim = rt.chunk, cap = rt.maxGroups * TILE;
  let m = Math.min(Math.max(M, 1), cap), n = Math.min(Math.max(N, 1), cap), k = Math.max(K, 1);
  const span = (outer: number, ld: number, inner: number) => (outer - 1) * ld + inner;
  for (;;) {
    const a = transA ? span(k, lda, m) : span(m, lda, k);
    const b = transB ? span(n, ldb, k) : span(k, ldb, n);
    if (a > lim) {
      if (transA) [k, m] = fit(k, lda, m, lim);
      else [m, k] = fit(m, lda, k, lim);
    } else if (b > lim) {
      if (transB) [n, k] = fit(n, ldb, k, lim);
      else [k, n] = fit(k, ldb, n, lim);
    } else if (span(m, N, n) > lim) {
      [m, n] = fit(m, N, n, lim);
    } else {
      return [m, n, k];
    }
  }
}

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
  accumulate = false,
): void {
  const a = gpu(A, "gemm");
  const b = gpu(B, "gemm");
  const c = gpu(C, "gemm");
  const z = bias === undefined ? undefined : gpu(bias, "affine");
  const lda = A.shape[1], ldb = B.shape[1];
  const [mStep, nStep, kStep] = pieces(rt, [M, N, K], [lda, ldb], [transA, transB]);
  // Element (row, col) of a row-major matrix piece: its view from the first element
  // to the last one of the piece.
  const view = (
    x: GpuStorage,
    ld: number,
    r0: number,
    r1: number,
    c0: number,
    c1: number,
  ): GpuStorage => r1 === r0 || c1 === c0 ? x.view(0, 0) : x.view(r0 * ld + c0, (r1 - 1) * ld + c1);
  for (let m0 = 0; m0 < M; m0 += mStep) {
    const m1 = Math.min(M, m0 + mStep);
    for (let n0 = 0; n0 < N; n0 += nStep) {
      const n1 = Math.min(N, n0 + nStep);
      const cv = view(c, N, m0, m1, n0, n1);
      // An empty inner dimension still writes C (zeros, or the bias).
      for (let k0 = 0; k0 < Math.max(K, 1); k0 += kStep) {
        const k1 = Math.min(K, k0 + kStep);
        const av = transA ? view(a, lda, k0, k1, m0, m1) : view(a, lda, m0, m1, k0, k1);
        const bv = transB ? view(b, ldb, n0, n1, k0, k1) : view(b, ldb, k0, k1, n0, n1);
        const withBias = z !== undefined && k0 === 0;
        const zv = withBias ? z.view(n0, n1) : rt.unused();
        rt.dispatch(
          GEMM,
          [
            m1 - m0,
            n1 - n0,
            k1 - k0,
            rt.at(av),
            lda,
            transA ? 1 : 0,
            rt.at(bv),
            ldb,
            transB ? 1 : 0,
            rt.at(cv),
            N,
            rt.at(zv),
            withBias ? 1 : 0,
            accumulate || k0 > 0 ? 1 : 0,
          ],
          [av, bv, cv, zv],
          [Math.ceil((n1 - n0) / TILE), Math.ceil((m1 - m0) / TILE)],
        );
      }
    }
  }
}

/**
 * `op(A) @ op(B)`, optionally into `options.out`, or added to it with `accumulate`
 * (inside the kernel: no temporary).
 *
 * @throws {RangeError} when the inner dimensions or the output shape disagree
 * @throws {TypeError} when `accumulate` has no `out`
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
  const accumulate = options.accumulate ?? false;
  if (accumulate && options.out === undefined) {
    throw new TypeError("gemm: accumulate needs out (and no bias)");
  }
  const out = options.out ?? empty(rt, [M, N] as const, "float32");
  if (out.shape[0] !== M || out.shape[1] !== N) {
    throw new RangeError(`gemm(): out has shape [${out.shape.join(", ")}], expected [${M}, ${N}]`);
  }
  launch(rt, A, B, transA, transB, out, undefined, M, N, K, accumulate);
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
