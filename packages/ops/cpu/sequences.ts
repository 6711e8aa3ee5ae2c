/**
 * Kernels over sequences of rows split by `lengths`: windows (seq2col),
 * reductions and per-sequence softmax. All work on row-major Float32Arrays.
 *
 * @module
 */

/**
 * Window each row with its `nW` neighbours on either side, within its sequence:
 * `X [N, nI]` to `out [N, (2 nW + 1) nI]` (out must be zeroed).
 */
export function seq2colK(
  X: Float32Array,
  nI: number,
  nW: number,
  lengths: Int32Array,
  out: Float32Array,
): void {
  const nF = 2 * nW + 1;
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const end = start + lengths[s]!;
    for (let i = start; i < end; i++) {
      const lo = Math.max(start, i - nW);
      const hi = Math.min(end - 1, i + nW);
      // Rows lo..hi are contiguous in X and their slots contiguous in out: one copy.
      out.set(X.subarray(lo * nI, (hi + 1) * nI), (i * nF + lo - i + nW) * nI);
    }
    start = end;
  }
}

/** Gradient of `seq2colK`: sum each window slot back onto the row it came from. */
export function backpropSeq2colK(
  dY: Float32Array,
  nI: number,
  nW: number,
  lengths: Int32Array,
  dX: Float32Array,
): void {
  const nF = 2 * nW + 1;
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const end = start + lengths[s]!;
    for (let i = start; i < end; i++) {
      const lo = Math.max(start, i - nW);
      const hi = Math.min(end - 1, i + nW);
      for (let j = lo; j <= hi; j++) {
        const src = (i * nF + j - i + nW) * nI;
        const dst = j * nI;
        for (let c = 0; c < nI; c++) dX[dst + c] = dX[dst + c]! + dY[src + c]!;
      }
    }
    start = end;
  }
}

/** Per-sequence column sums (scaled by `1 / length` when `mean`); empty sequences give 0. */
export function reduceSumK(
  X: Float32Array,
  nO: number,
  lengths: Int32Array,
  mean: boolean,
  out: Float32Array,
): void {
  let row = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    const o = s * nO;
    for (let r = 0; r < n; r++, row++) {
      const x = row * nO;
      for (let c = 0; c < nO; c++) out[o + c] = out[o + c]! + X[x + c]!;
    }
    if (mean && n > 0) {
      for (let c = 0; c < nO; c++) out[o + c] = out[o + c]! / n;
    }
  }
}

/** Broadcast each sequence's gradient row to its rows (divided by length when `mean`). */
export function backpropReduceSumK(
  dY: Float32Array,
  nO: number,
  lengths: Int32Array,
  mean: boolean,
  dX: Float32Array,
): void {
  let row = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    const scale = mean ? 1 / n : 1;
    const o = s * nO;
    for (let r = 0; r < n; r++, row++) {
      const x = row * nO;
      for (let c = 0; c < nO; c++) dX[x + c] = dY[o + c]! * scale;
    }
  }
}

/** Per-sequence column maxima and their row offsets; empty sequences give 0 and -1. */
export function reduceMaxK(
  X: Float32Array,
  nO: number,
  lengths: Int32Array,
  out: Float32Array,
  which: Int32Array,
): void {
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    const o = s * nO;
    if (n === 0) {
      which.fill(-1, o, o + nO);
      continue;
    }
    for (let c = 0; c < nO; c++) {
      out[o + c] = X[start * nO + c]!;
      which[o + c] = 0;
    }
    for (let r = 1; r < n; r++) {
      const x = (start + r) * nO;
      for (let c = 0; c < nO; c++) {
        const v = X[x + c]!;
        if (v > out[o + c]!) {
          out[o + c] = v;
          which[o + c] = r;
        }
      }
    }
    start += n;
  }
}

/** Route each maximum's gradient to the row it came from. */
export function backpropReduceMaxK(
  dY: Float32Array,
  nO: number,
  which: Int32Array | Uint32Array,
  lengths: Int32Array,
  dX: Float32Array,
): void {
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    const o = s * nO;
    for (let c = 0; c < nO; c++) {
      const r = which[o + c]!;
      if (r >= 0 && r < n) dX[(start + r) * nO + c] = dY[o + c]!;
    }
    start += n;
  }
}

/**
 * Softmax over `axisLen` elements spaced `inner` apart, for each of `outer * inner`
 * lanes: the general-axis form of a row softmax.
 */
export function softmaxK(
  X: Float32Array,
  outer: number,
  axisLen: number,
  inner: number,
  temperature: number,
  out: Float32Array,
): void {
  const inv = 1 / temperature;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * axisLen * inner + i;
      let max = -Infinity;
      for (let a = 0; a < axisLen; a++) max = Math.max(max, X[base + a * inner]! * inv);
      let sum = 0;
      for (let a = 0; a < axisLen; a++) {
        const e = Math.exp(X[base + a * inner]! * inv - max);
        out[base + a * inner] = e;
        sum += e;
      }
      for (let a = 0; a < axisLen; a++) out[base + a * inner] = out[base + a * inner]! / sum;
    }
  }
}

/** Gradient of `softmaxK` given its output: `Y * (dY - sum(Y * dY)) / temperature`. */
export function backpropSoftmaxK(
  Y: Float32Array,
  dY: Float32Array,
  outer: number,
  axisLen: number,
  inner: number,
  temperature: number,
  out: Float32Array,
): void {
  const inv = 1 / temperature;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * axisLen * inner + i;
      let dot = 0;
      for (let a = 0; a < axisLen; a++) dot += Y[base + a * inner]! * dY[base + a * inner]!;
      for (let a = 0; a < axisLen; a++) {
        const k = base + a * inner;
        out[k] = Y[k]! * (dY[k]! - dot) * inv;
      }
    }
  }
}

/** Softmax over the rows of each sequence, per column: `[N, nO]`. */
export function softmaxSequencesK(
  X: Float32Array,
  nO: number,
  lengths: Int32Array,
  out: Float32Array,
): void {
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    softmaxK(X.subarray(start * nO, (start + n) * nO), 1, n, nO, 1, out.subarray(start * nO));
    start += n;
  }
}

/** Gradient of `softmaxSequencesK` given its output. */
export function backpropSoftmaxSequencesK(
  dY: Float32Array,
  Y: Float32Array,
  nO: number,
  lengths: Int32Array,
  out: Float32Array,
): void {
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    const a = start * nO;
    const b = (start + n) * nO;
    backpropSoftmaxK(Y.subarray(a, b), dY.subarray(a, b), 1, n, nO, 1, out.subarray(a));
    start += n;
  }
}
