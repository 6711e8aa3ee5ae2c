/**
 * Shape-checked host wrappers for the sequence kernels.
 *
 * @module
 */
import { type Floats2d, hostArray, hostData } from "@weft/types";
import { count, fmt, lengthsFit, rank } from "./checks.ts";
import { backpropSeq2colK, seq2colK } from "./sequences.ts";

/**
 * Check `X [N, nO]` against `lengths`, allocate `[rows, nO]` and run `kernel` on it.
 */
export function seqOp(
  op: string,
  X: Floats2d,
  lengths: Int32Array,
  rows: number,
  kernel: (x: Float32Array, nO: number, out: Float32Array) => void,
): Floats2d {
  rank(op, X, 2);
  lengthsFit(op, lengths, X.shape[0]);
  const out = hostArray([rows, X.shape[1]] as const, "float32");
  kernel(hostData(X), X.shape[1], hostData(out));
  return out;
}

/** Check `dY [B, nO]` against `lengths` (B of them), allocate `[sum, nO]`, run `kernel`. */
export function unreduce(
  op: string,
  dY: Floats2d,
  lengths: Int32Array,
  kernel: (d: Float32Array, nO: number, out: Float32Array) => void,
): Floats2d {
  rank(op, dY, 2, "dY");
  if (dY.shape[0] !== lengths.length) {
    throw new RangeError(
      `${op}: dY has shape ${fmt(dY.shape)} but there are ${lengths.length} lengths`,
    );
  }
  let rows = 0;
  for (const n of lengths) rows += n;
  lengthsFit(op, lengths, rows);
  const out = hostArray([rows, dY.shape[1]] as const, "float32");
  kernel(hostData(dY), dY.shape[1], hostData(out));
  return out;
}

function seqLengths(op: string, rows: number, lengths?: Int32Array): Int32Array {
  if (lengths === undefined) return Int32Array.of(rows);
  lengthsFit(op, lengths, rows);
  return lengths;
}

/** Window rows within their sequences. */
export function seq2colH(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
  rank("seq2col", X, 2);
  count("seq2col", nW, "nW");
  const [N, nI] = X.shape;
  const lens = seqLengths("seq2col", N, lengths);
  const out = hostArray([N, (2 * nW + 1) * nI] as const, "float32");
  seq2colK(hostData(X), nI, nW, lens, hostData(out));
  return out;
}

/** Gradient of `seq2colH`. */
export function backpropSeq2colH(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d {
  rank("backpropSeq2col", dY, 2, "dY");
  count("backpropSeq2col", nW, "nW");
  const [N, width] = dY.shape;
  const nF = 2 * nW + 1;
  if (width % nF !== 0) {
    throw new RangeError(
      `backpropSeq2col: dY ${fmt(dY.shape)} has a width that is not a multiple of ${nF}`,
    );
  }
  const nI = width / nF;
  const lens = seqLengths("backpropSeq2col", N, lengths);
  const out = hostArray([N, nI] as const, "float32");
  backpropSeq2colK(hostData(dY), nI, nW, lens, hostData(out));
  return out;
}

/** The first (or last) row of each sequence; zeros for empty ones. */
export function reduceEndH(op: string, X: Floats2d, lengths: Int32Array, first: boolean): Floats2d {
  rank(op, X, 2);
  lengthsFit(op, lengths, X.shape[0]);
  const nO = X.shape[1];
  const out = hostArray([lengths.length, nO] as const, "float32");
  const y = hostData(out);
  const x = hostData(X);
  let start = 0;
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s]!;
    if (n > 0) {
      const r = first ? start : start + n - 1;
      y.set(x.subarray(r * nO, (r + 1) * nO), s * nO);
    }
    start += n;
  }
  return out;
}

/** Gradient of `reduceEndH`. */
export function backpropReduceEndH(
  op: string,
  dY: Floats2d,
  lengths: Int32Array,
  first: boolean,
): Floats2d {
  return unreduce(op, dY, lengths, (d, nO, out) => {
    let start = 0;
    for (let s = 0; s < lengths.length; s++) {
      const n = lengths[s]!;
      if (n > 0) {
        const r = first ? start : start + n - 1;
        out.set(d.subarray(s * nO, (s + 1) * nO), r * nO);
      }
      start += n;
    }
  });
}
