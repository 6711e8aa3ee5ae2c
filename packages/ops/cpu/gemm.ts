/**
 * Shape checks and dispatch for matrix products: WebAssembly SIMD where the
 * runtime has it, plain JavaScript elsewhere and for tiny products.
 *
 * @module
 */
import { type Floats1d, type Floats2d, hostArray, hostData } from "@weft/types";
import type { GemmOptions } from "../ops.ts";
import { fmt, rank } from "./checks.ts";
import { gemmJs } from "./gemm_js.ts";
import { addRowK } from "./nn.ts";
import { type WasmGemm, WasmMemoryError } from "./wasm/wasm_gemm.ts";

// Below this many multiply-adds, copying into WebAssembly memory costs more than it saves.
const WASM_MIN_WORK = 4096;

/**
 * `op(A) @ op(B) (+ bias)` into `options.out` or a new array; `op` names the caller
 * in errors; `kernel` is the WebAssembly kernel to use, if any.
 */
export function gemmInto(
  op: string,
  A: Floats2d,
  B: Floats2d,
  options: GemmOptions,
  kernel: Pick<WasmGemm, "gemm"> | undefined,
  bias?: Floats1d,
): Floats2d {
  rank(op, A, 2, "A");
  rank(op, B, 2, "B");
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const [M, K] = transA ? [A.shape[1], A.shape[0]] : A.shape;
  const [K2, N] = transB ? [B.shape[1], B.shape[0]] : B.shape;
  if (K !== K2) {
    throw new RangeError(
      `${op}: shapes ${fmt(A.shape)}${transA ? "ᵀ" : ""} and ${fmt(B.shape)}${
        transB ? "ᵀ" : ""
      } do not align (${K} != ${K2})`,
    );
  }
  const accumulate = options.accumulate ?? false;
  if (accumulate && (options.out === undefined || bias !== undefined)) {
    throw new TypeError(`${op}: accumulate needs out (and no bias)`);
  }
  const out = options.out ?? hostArray([M, N] as const, "float32");
  if (out.shape.length !== 2 || out.shape[0] !== M || out.shape[1] !== N) {
    throw new RangeError(`${op}: out has shape ${fmt(out.shape)}, expected [${M}, ${N}]`);
  }
  const a = hostData(A);
  const b = hostData(B);
  const c = hostData(out);
  const bv = bias === undefined ? undefined : hostData(bias);
  if (kernel !== undefined && M * N * K >= WASM_MIN_WORK) {
    try {
      kernel.gemm(a, b, c, M, N, K, transA, transB, bv, accumulate);
      return out;
    } catch (error) {
      // Operands too large for WebAssembly memory: JavaScript has no such limit.
      if (!(error instanceof WasmMemoryError)) throw error;
    }
  }
  gemmJs(a, b, c, M, N, K, transA, transB, accumulate);
  if (bv !== undefined) addRowK(c, bv);
  return out;
}
