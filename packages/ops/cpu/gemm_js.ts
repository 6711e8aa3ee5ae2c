/**
 * Matrix multiplication in plain JavaScript: the fallback where WebAssembly SIMD
 * is not available, and the reference the SIMD kernel is tested against.
 *
 * @module
 */

const KC = 256;

/**
 * `C = op(A) @ op(B)` over row-major Float32Arrays, overwriting `C [M, N]` (or
 * adding to it, with `accumulate`).
 * `A` is `[M, K]` (or `[K, M]` when `transA`), `B` is `[K, N]` (or `[N, K]`).
 */
export function gemmJs(
  A: Float32Array,
  B: Float32Array,
  C: Float32Array,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  accumulate = false,
): void {
  // Bring both operands to the row-major forms the loop wants: A as [M, K] and
  // B as [K, N]. Copying costs O(MK + KN), small next to the O(MKN) product.
  const a = transA ? transpose(A, K, M) : A;
  const b = transB ? transpose(B, N, K) : B;
  if (!accumulate) C.fill(0, 0, M * N);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const k1 = Math.min(K, k0 + KC);
    for (let i = 0; i < M; i++) {
      const cRow = i * N;
      const aRow = i * K;
      let k = k0;
      // Two rows of B per pass halves the loads and stores of C.
      for (; k + 1 < k1; k += 2) {
        const a0 = a[aRow + k]!;
        const a1 = a[aRow + k + 1]!;
        const b0 = k * N;
        const b1 = b0 + N;
        for (let j = 0; j < N; j++) {
          C[cRow + j] = C[cRow + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]!;
        }
      }
      if (k < k1) {
        const a0 = a[aRow + k]!;
        const b0 = k * N;
        for (let j = 0; j < N; j++) C[cRow + j] = C[cRow + j]! + a0 * b[b0 + j]!;
      }
    }
  }
}

/** Transpose a row-major `[rows, cols]` matrix into a new `[cols, rows]` one. */
export function transpose(X: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = X[base + j]!;
  }
  return out;
}

/** The textbook triple loop, for tests. */
export function gemmNaive(
  A: Float32Array,
  B: Float32Array,
  M: number,
  N: number,
  K: number,
  transA = false,
  transB = false,
): Float32Array {
  const C = new Float32Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        s += A[transA ? k * M + i : i * K + k]! * B[transB ? j * K + k : k * N + j]!;
      }
      C[i * N + j] = s;
    }
  }
  return C;
}
