/**
 * Optimizer kernels and seeded randomness, in place over Float32Arrays.
 *
 * @module
 */

/** One Adam step (Thinc's form: `learnRate` already bias-corrected). */
export function adamK(
  w: Float32Array,
  g: Float32Array,
  m1: Float32Array,
  m2: Float32Array,
  beta1: number,
  beta2: number,
  eps: number,
  learnRate: number,
): void {
  const a = 1 - beta1;
  const b = 1 - beta2;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const m = (m1[i] = m1[i]! * beta1 + gi * a);
    const v = (m2[i] = m2[i]! * beta2 + gi * gi * b);
    w[i] = w[i]! - learnRate * (m / (Math.sqrt(v) + eps));
  }
}

/**
 * The scalars of one fused Adam step, float32-rounded as Thinc's C kernel takes
 * them: `scale` is the clip factor, `weightDecay` multiplies the weights after the
 * step, `averageRate` is `1 - decay` of the weight average.
 */
export interface AdamStepScalars {
  /** The clip factor applied to `g + L2 * w`. */
  scale: number;
  /** Coupled L2 (added to the gradient). */
  L2: number;
  /** First-moment decay. */
  beta1: number;
  /** `1 - beta1`. */
  oneMinusBeta1: number;
  /** Second-moment decay. */
  beta2: number;
  /** `1 - beta2`. */
  oneMinusBeta2: number;
  /** Added to the root of the second moment. */
  eps: number;
  /** The (bias-corrected) step size. */
  learnRate: number;
  /** The factor applied to the weights after the step. */
  weightDecay: number;
  /** `1 - decay` of the weight average (unused without averages). */
  averageRate: number;
}

/** The squared L2 norm of `g + L2 * w`, in float64. */
export function sumSquaresK(g: Float32Array, w: Float32Array, L2: number): number {
  return L2 === 0 ? sumSquaresLoop(g) : sumSquaresL2Loop(g, w, Math.fround(L2));
}

function sumSquaresLoop(g: Float32Array): number {
  let sq = 0;
  for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!;
  return sq;
}

function sumSquaresL2Loop(g: Float32Array, w: Float32Array, L2: number): number {
  let sq = 0;
  for (let i = 0; i < g.length; i++) {
    const x = Math.fround(g[i]! + Math.fround(L2 * w[i]!));
    sq += x * x;
  }
  return sq;
}

/**
 * One fused Adam step in place: with `x = (g + L2 w) * scale`,
 * `m1 = b1 m1 + (1 - b1) x`, `m2 = b2 m2 + (1 - b2) x^2`,
 * `w = (w - lr m1 / (sqrt(m2) + eps)) * weightDecay`, then
 * `ema -= averageRate * (ema - w)` when `ema` is given, and `g = 0`.
 */
export function adamStepK(
  w: Float32Array,
  g: Float32Array,
  m1: Float32Array,
  m2: Float32Array,
  ema: Float32Array | undefined,
  s: AdamStepScalars,
): void {
  // Every loop is its own function with nothing after it: V8 compiles a long loop
  // on stack replacement before the code after it has run, and deoptimizes when it
  // reaches that code without type feedback (seen with --trace-deopt).
  adamLoop(
    w,
    g,
    m1,
    m2,
    s.scale,
    s.L2,
    s.beta1,
    s.oneMinusBeta1,
    s.beta2,
    s.oneMinusBeta2,
    s.eps,
    s.learnRate,
    s.weightDecay,
  );
  if (ema !== undefined) averageLoop(ema, w, s.averageRate);
  g.fill(0);
}

function adamLoop(
  w: Float32Array,
  g: Float32Array,
  m1: Float32Array,
  m2: Float32Array,
  scale: number,
  L2: number,
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  eps: number,
  learnRate: number,
  decay: number,
): void {
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    const x = (g[i]! + L2 * wi) * scale;
    const m = (m1[i] = m1[i]! * beta1 + x * oneMinusBeta1);
    const v = (m2[i] = m2[i]! * beta2 + x * x * oneMinusBeta2);
    w[i] = (wi - learnRate * (m / (Math.sqrt(v) + eps))) * decay;
  }
}

function averageLoop(ema: Float32Array, w: Float32Array, f: number): void {
  for (let i = 0; i < ema.length; i++) ema[i] = ema[i]! - f * (ema[i]! - w[i]!);
}

/** Scale `g` so its L2 norm is at most `threshold`. */
export function clipGradientK(g: Float32Array, threshold: number): void {
  // The loops live in their own functions: inlined here, V8 compiled the sum on
  // stack replacement without feedback for what follows it, and deoptimized on
  // nearly every call (--trace-deopt: `Math.sqrt`, then the rarely taken scaling).
  const norm = Math.sqrt(sumSquaresK(g, g, 0));
  if (norm > threshold && norm > 0) scaleByK(g, threshold / norm);
}

/** In place: `g *= f`. */
function scaleByK(g: Float32Array, f: number): void {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * f;
}

/** `ema -= (1 - decay) * (ema - w)` with Thinc's warm-up decay. */
export function updateAveragesK(
  ema: Float32Array,
  w: Float32Array,
  t: number,
  maxDecay: number,
): void {
  const decay = Math.min((1 + t) / (10 + t), maxDecay);
  const f = 1 - decay;
  for (let i = 0; i < ema.length; i++) ema[i] = ema[i]! - f * (ema[i]! - w[i]!);
}

/**
 * A small seeded generator (mulberry32): uniform floats in `[0, 1)`. The same seed
 * gives the same sequence on every platform.
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fill `out` with a dropout mask: 0 with probability `rate`, else `1 / (1 - rate)`. */
export function dropoutMaskK(out: Float32Array, rate: number, seed: number): void {
  if (rate <= 0) {
    out.fill(1);
    return;
  }
  if (rate >= 1) {
    out.fill(0);
    return;
  }
  const keep = 1 / (1 - rate);
  // mulberry32 inlined, compared as integers and written without a branch: the
  // draw `u / 2^32 >= rate` holds exactly when `u >= ceil(rate * 2^32)` (both sides
  // are exact doubles), and `keep * (0|1)` avoids a mispredicted jump per element.
  // Masks are identical to `rand() >= rate ? keep : 0` with `rand = mulberry32(seed)`.
  const threshold = Math.ceil(rate * 4294967296);
  let s = seed >>> 0;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = keep * +(((t ^ (t >>> 14)) >>> 0) >= threshold);
  }
}

/**
 * `out = x * mask` with the mask `dropoutMaskK(mask, rate, seed)` would fill,
 * drawn on the fly (no mask array): identical values, one pass.
 */
export function dropoutMulK(x: Float32Array, rate: number, seed: number, out: Float32Array): void {
  const n = x.length;
  if (rate <= 0 || rate >= 1) {
    const m = rate <= 0 ? 1 : 0;
    for (let i = 0; i < n; i++) out[i] = x[i]! * m;
    return;
  }
  // The mask holds `keep` as a float32.
  const keep = Math.fround(1 / (1 - rate));
  const threshold = Math.ceil(rate * 4294967296);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = x[i]! * (keep * +(((t ^ (t >>> 14)) >>> 0) >= threshold));
  }
}
