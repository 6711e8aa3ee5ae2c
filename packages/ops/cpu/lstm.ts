/**
 * A multi-layer, optionally bidirectional LSTM over packed time-major rows, with
 * Thinc's parameter layout (see `Ops.lstmForward`).
 *
 * Rows are packed as a `Padded` batch without its padding: the `sizeAtT[0]` rows of
 * step 0, then the `sizeAtT[1]` rows of step 1, and so on, with sequences sorted
 * longest first so that the sequences running at step t are the first `sizeAtT[t]`.
 *
 * @module
 */
import { type Floats1d, type Floats2d, type Floats3d, hostArray, hostData } from "@weft/types";
import type { LstmGradients, LstmResult, LstmState } from "../ops.ts";
import { fmt } from "./checks.ts";
import { sigmoid1 } from "./activations.ts";

/** `C [M, N] = op(A) @ op(B)` for row-major arrays; the backend's gemm. */
export type MatMul = (
  A: Float32Array,
  B: Float32Array,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
) => Float32Array;

interface LayerParams {
  /** Offset of Wx `[4 nO, nI]`; then bx `[4 nO]`, Wh `[4 nO, nO]`, bh `[4 nO]`. */
  wx: number;
  bx: number;
  wh: number;
  bh: number;
  nI: number;
}

function layout(
  depth: number,
  dirs: number,
  nO: number,
  nI: number,
): { layers: LayerParams[][]; size: number } {
  const layers: LayerParams[][] = [];
  let at = 0;
  for (let i = 0; i < depth; i++) {
    const layerNI = i === 0 ? nI : dirs * nO;
    const row: LayerParams[] = [];
    for (let d = 0; d < dirs; d++) {
      const wx = at;
      const bx = wx + 4 * nO * layerNI;
      const wh = bx + 4 * nO;
      const bh = wh + 4 * nO * nO;
      at = bh + 4 * nO;
      row.push({ wx, bx, wh, bh, nI: layerNI });
    }
    layers.push(row);
  }
  return { layers, size: at };
}

/** The number of parameters of an LSTM of these dimensions (Thinc's count). */
export function lstmParamCount(depth: number, dirs: number, nO: number, nI: number): number {
  return layout(depth, dirs, nO, nI).size;
}

function stepStarts(sizeAtT: Int32Array): Int32Array {
  const starts = new Int32Array(sizeAtT.length + 1);
  for (let t = 0; t < sizeAtT.length; t++) starts[t + 1] = starts[t]! + sizeAtT[t]!;
  return starts;
}

function checkSizes(op: string, sizeAtT: Int32Array, N: number): void {
  let total = 0;
  for (let t = 0; t < sizeAtT.length; t++) {
    const n = sizeAtT[t]!;
    if (n < 0 || (t > 0 && n > sizeAtT[t - 1]!)) {
      throw new RangeError(
        `${op}: sizeAtT must be non-increasing and non-negative (step ${t} is ${n})`,
      );
    }
    total += n;
  }
  if (total !== N) {
    throw new RangeError(`${op}: sizeAtT sums to ${total} but X has ${N} rows`);
  }
}

/** Forward pass; see `Ops.lstmForward`. */
export function lstmForwardH(
  params: Floats1d,
  H0: Floats3d,
  C0: Floats3d,
  X: Floats2d,
  sizeAtT: Int32Array,
  mm: MatMul,
): LstmResult {
  const [depth, dirs, nO] = H0.shape;
  const [N, nI] = X.shape;
  if (C0.shape.join() !== H0.shape.join() || (dirs !== 1 && dirs !== 2)) {
    throw new RangeError(
      `lstmForward: H0 ${fmt(H0.shape)} and C0 ${fmt(C0.shape)} must match as [depth, 1 or 2, nO]`,
    );
  }
  checkSizes("lstmForward", sizeAtT, N);
  const { layers: lay, size } = layout(depth, dirs, nO, nI);
  if (params.shape[0] !== size) {
    throw new RangeError(
      `lstmForward: params ${
        fmt(params.shape)
      } do not fit depth ${depth}, dirs ${dirs}, nO ${nO}, nI ${nI} (${size} parameters)`,
    );
  }
  const p = hostData(params);
  const h0 = hostData(H0);
  const c0 = hostData(C0);
  const starts = stepStarts(sizeAtT);
  const T = sizeAtT.length;
  const B0 = T > 0 ? sizeAtT[0]! : 0;
  const Yall = hostArray([depth, dirs, N, nO] as const, "float32");
  const Gall = hostArray([depth, dirs, N, 4 * nO] as const, "float32");
  const Call = hostArray([depth, dirs, N, nO] as const, "float32");
  const Ya = hostData(Yall), Ga = hostData(Gall), Ca = hostData(Call);
  let input = hostData(X);
  let inputWidth = nI;
  const hPrev = new Float32Array(B0 * nO);
  const cPrev = new Float32Array(B0 * nO);
  let H = new Float32Array(N * dirs * nO);
  for (let i = 0; i < depth; i++) {
    H = new Float32Array(N * dirs * nO);
    for (let d = 0; d < dirs; d++) {
      const lp = lay[i]![d]!;
      const wx = p.subarray(lp.wx, lp.bx);
      const wh = p.subarray(lp.wh, lp.bh);
      const base = (i * dirs + d) * N;
      const G = Ga.subarray(base * 4 * nO, (base + N) * 4 * nO);
      const Y = Ya.subarray(base * nO, (base + N) * nO);
      const C = Ca.subarray(base * nO, (base + N) * nO);
      // Input projections of every row at once, plus both biases.
      G.set(mm(input, wx, N, 4 * nO, inputWidth, false, true));
      for (let r = 0; r < N; r++) {
        for (let g = 0; g < 4 * nO; g++) {
          G[r * 4 * nO + g] = G[r * 4 * nO + g]! + p[lp.bx + g]! + p[lp.bh + g]!;
        }
      }
      // Every sequence starts from the initial state; the first B rows of the
      // buffers hold the state of the sequences running at the previous step.
      const init = (i * dirs + d) * nO;
      for (let b = 0; b < B0; b++) {
        hPrev.set(h0.subarray(init, init + nO), b * nO);
        cPrev.set(c0.subarray(init, init + nO), b * nO);
      }
      for (let s = 0; s < T; s++) {
        const t = d === 0 ? s : T - 1 - s;
        const B = sizeAtT[t]!;
        const row0 = starts[t]!;
        const rec = mm(hPrev.subarray(0, B * nO), wh, B, 4 * nO, nO, false, true);
        for (let b = 0; b < B; b++) {
          const g = (row0 + b) * 4 * nO;
          for (let j = 0; j < nO; j++) {
            const f = sigmoid1(G[g + j]! + rec[b * 4 * nO + j]!);
            const ig = sigmoid1(G[g + nO + j]! + rec[b * 4 * nO + nO + j]!);
            const o = sigmoid1(G[g + 2 * nO + j]! + rec[b * 4 * nO + 2 * nO + j]!);
            const cc = Math.tanh(G[g + 3 * nO + j]! + rec[b * 4 * nO + 3 * nO + j]!);
            G[g + j] = f;
            G[g + nO + j] = ig;
            G[g + 2 * nO + j] = o;
            G[g + 3 * nO + j] = cc;
            const c = f * cPrev[b * nO + j]! + ig * cc;
            const h = o * Math.tanh(c);
            C[(row0 + b) * nO + j] = c;
            Y[(row0 + b) * nO + j] = h;
            cPrev[b * nO + j] = c;
            hPrev[b * nO + j] = h;
          }
        }
      }
      for (let r = 0; r < N; r++) {
        H.set(Y.subarray(r * nO, (r + 1) * nO), (r * dirs + d) * nO);
      }
    }
    input = H;
    inputWidth = dirs * nO;
  }
  const out = hostArray([N, dirs * nO] as const, "float32", H);
  return { Y: out, state: { Y: Yall, G: Gall, C: Call, X, H0, C0 } };
}

/** Backward pass; see `Ops.backpropLstm`. */
export function backpropLstmH(
  dY: Floats2d,
  sizeAtT: Int32Array,
  params: Floats1d,
  state: LstmState,
  mm: MatMul,
): LstmGradients {
  const [depth, dirs, N, nO] = state.C.shape;
  const nI = state.X.shape[1];
  if (dY.shape[0] !== N || dY.shape[1] !== dirs * nO) {
    throw new RangeError(
      `backpropLstm: dY ${fmt(dY.shape)} does not fit the forward output [${N}, ${dirs * nO}]`,
    );
  }
  checkSizes("backpropLstm", sizeAtT, N);
  const { layers: lay, size } = layout(depth, dirs, nO, nI);
  if (params.shape[0] !== size) {
    throw new RangeError(
      `backpropLstm: params ${fmt(params.shape)} do not fit the forward state (${size} parameters)`,
    );
  }
  const p = hostData(params);
  const dParams = hostArray([p.length] as const, "float32");
  const dp = hostData(dParams);
  const Ya = hostData(state.Y), Ga = hostData(state.G), Ca = hostData(state.C);
  const h0 = hostData(state.H0), c0 = hostData(state.C0);
  const starts = stepStarts(sizeAtT);
  const T = sizeAtT.length;
  let dOut = hostData(dY);
  let dX = new Float32Array(0);
  for (let i = depth - 1; i >= 0; i--) {
    const layerNI = i === 0 ? nI : dirs * nO;
    // The layer's input: X, or the previous layer's outputs side by side.
    const input = i === 0 ? hostData(state.X) : interleave(Ya, i - 1, dirs, N, nO);
    dX = new Float32Array(N * layerNI);
    for (let d = 0; d < dirs; d++) {
      const lp = lay[i]![d]!;
      const base = (i * dirs + d) * N;
      const G = Ga.subarray(base * 4 * nO, (base + N) * 4 * nO);
      const Y = Ya.subarray(base * nO, (base + N) * nO);
      const C = Ca.subarray(base * nO, (base + N) * nO);
      const init = (i * dirs + d) * nO;
      // Gradients of this direction's hidden states, gathered from dOut.
      const dH = new Float32Array(N * nO);
      for (let r = 0; r < N; r++) {
        dH.set(dOut.subarray((r * dirs + d) * nO, (r * dirs + d + 1) * nO), r * nO);
      }
      const dC = new Float32Array(N * nO);
      const dA = new Float32Array(N * 4 * nO);
      // The state each row started from: the row of the previous step in this
      // direction, or the initial state for a sequence's first step.
      const hPrev = new Float32Array(N * nO);
      for (let s = T - 1; s >= 0; s--) {
        const t = d === 0 ? s : T - 1 - s;
        const prevT = d === 0 ? t - 1 : t + 1;
        const B = sizeAtT[t]!;
        const Bprev = prevT >= 0 && prevT < T ? sizeAtT[prevT]! : 0;
        const row0 = starts[t]!;
        for (let b = 0; b < B; b++) {
          const r = row0 + b;
          const hasPrev = b < Bprev;
          const pr = hasPrev ? starts[prevT]! + b : -1;
          for (let j = 0; j < nO; j++) {
            const g = r * 4 * nO + j;
            const f = G[g]!, ig = G[g + nO]!, o = G[g + 2 * nO]!, cc = G[g + 3 * nO]!;
            const c = C[r * nO + j]!;
            const cp = hasPrev ? C[pr * nO + j]! : c0[init + j]!;
            hPrev[r * nO + j] = hasPrev ? Y[pr * nO + j]! : h0[init + j]!;
            const dh = dH[r * nO + j]!;
            const tc = Math.tanh(c);
            const dc = dC[r * nO + j]! + dh * o * (1 - tc * tc);
            dA[g] = dc * cp * f * (1 - f);
            dA[g + nO] = dc * cc * ig * (1 - ig);
            dA[g + 2 * nO] = dh * tc * o * (1 - o);
            dA[g + 3 * nO] = dc * ig * (1 - cc * cc);
            if (hasPrev) dC[pr * nO + j] = dC[pr * nO + j]! + dc * f;
          }
        }
        if (Bprev > 0 && B > 0) {
          // The recurrent input's gradient flows to the previous step's hidden state.
          const n = Math.min(B, Bprev);
          const dh = mm(
            dA.subarray(row0 * 4 * nO, (row0 + n) * 4 * nO),
            p.subarray(lp.wh, lp.bh),
            n,
            nO,
            4 * nO,
            false,
            false,
          );
          const pr0 = starts[prevT]!;
          for (let k = 0; k < n * nO; k++) dH[pr0 * nO + k] = dH[pr0 * nO + k]! + dh[k]!;
        }
      }
      addInto(dp, lp.wx, mm(dA, input, 4 * nO, layerNI, N, true, false));
      addInto(dp, lp.wh, mm(dA, hPrev, 4 * nO, nO, N, true, false));
      // The gates see bx + bh, so both get the bias gradient.
      for (let r = 0; r < N; r++) {
        for (let g = 0; g < 4 * nO; g++) {
          const v = dA[r * 4 * nO + g]!;
          dp[lp.bx + g] = dp[lp.bx + g]! + v;
          dp[lp.bh + g] = dp[lp.bh + g]! + v;
        }
      }
      const dIn = mm(dA, p.subarray(lp.wx, lp.bx), N, layerNI, 4 * nO, false, false);
      for (let k = 0; k < dX.length; k++) dX[k] = dX[k]! + dIn[k]!;
    }
    dOut = dX;
  }
  return { dX: hostArray([N, nI] as const, "float32", dX), dParams };
}

function addInto(dst: Float32Array, at: number, src: Float32Array): void {
  for (let k = 0; k < src.length; k++) dst[at + k] = dst[at + k]! + src[k]!;
}

/** Layer i's outputs `[N, dirs * nO]` from the per-direction `Y [depth, dirs, N, nO]`. */
function interleave(
  Ya: Float32Array,
  i: number,
  dirs: number,
  N: number,
  nO: number,
): Float32Array {
  const out = new Float32Array(N * dirs * nO);
  for (let d = 0; d < dirs; d++) {
    const base = (i * dirs + d) * N * nO;
    for (let r = 0; r < N; r++) {
      out.set(Ya.subarray(base + r * nO, base + (r + 1) * nO), (r * dirs + d) * nO);
    }
  }
  return out;
}
