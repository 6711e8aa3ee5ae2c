/**
 * Element-wise activation kernels over Float32Arrays, with Thinc's formulas and
 * thresholds. Each writes `out` (which may alias an input).
 *
 * @module
 */

/** `max(0, x)`. */
export function reluK(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : 0;
  }
}

/** `dY * (Y > 0)`. */
export function backpropReluK(dY: Float32Array, Y: Float32Array, out: Float32Array): void {
  for (let i = 0; i < dY.length; i++) out[i] = Y[i]! > 0 ? dY[i]! : 0;
}

/** Logistic sigmoid, computed without overflow for large negative inputs. */
export function sigmoidK(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = sigmoid1(x[i]!);
}

/** The logistic function of one number. */
export function sigmoid1(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** `dY * Y * (1 - Y)`. */
export function backpropSigmoidK(dY: Float32Array, Y: Float32Array, out: Float32Array): void {
  for (let i = 0; i < dY.length; i++) {
    const y = Y[i]!;
    out[i] = dY[i]! * y * (1 - y);
  }
}

/** Hyperbolic tangent. */
export function tanhK(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]!);
}

/** `dY * (1 - Y^2)`. */
export function backpropTanhK(dY: Float32Array, Y: Float32Array, out: Float32Array): void {
  for (let i = 0; i < dY.length; i++) {
    const y = Y[i]!;
    out[i] = dY[i]! * (1 - y * y);
  }
}

/** `x * tanh(softplus(x))`; the identity at or above `threshold`. */
export function mishK(x: Float32Array, threshold: number, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v >= threshold ? v : v * Math.tanh(Math.log1p(Math.exp(v)));
  }
}

/** Thinc's closed-form mish derivative; `dY` passes through at or above `threshold`. */
export function backpropMishK(
  dY: Float32Array,
  x: Float32Array,
  threshold: number,
  out: Float32Array,
): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v >= threshold) {
      out[i] = dY[i]!;
      continue;
    }
    const e = Math.exp(v);
    const omega = 4 * (v + 1) + 4 * e * e + e * e * e + e * (4 * v + 6);
    const delta = (e + 1) * (e + 1) + 1;
    out[i] = dY[i]! * (e * omega) / (delta * delta);
  }
}

const INV_SQRT2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The error function (Abramowitz and Stegun 7.1.26, as Thinc's `erf`; error < 1.5e-7). */
export function erf(v: number): number {
  const sign = v < 0 ? -1 : 1;
  const a = Math.abs(v);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t +
    0.254829592) * t;
  return sign * (1 - poly * Math.exp(-a * a));
}

/** `x * Phi(x)`; `x` at or above `threshold`, 0 at or below `-threshold`. */
export function geluK(x: Float32Array, threshold: number, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v >= threshold ? v : v <= -threshold ? 0 : v * 0.5 * (1 + erf(v * INV_SQRT2));
  }
}

/** `dY * (Phi(x) + x * pdf(x))` with the same thresholds as `geluK`. */
export function backpropGeluK(
  dY: Float32Array,
  x: Float32Array,
  threshold: number,
  out: Float32Array,
): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v >= threshold) out[i] = dY[i]!;
    else if (v <= -threshold) out[i] = 0;
    else {
      const cdf = 0.5 * (1 + erf(v * INV_SQRT2));
      const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      out[i] = dY[i]! * (cdf + v * pdf);
    }
  }
}

/** `x * sigmoid(x)`; `x` at or above `threshold`, 0 at or below `-threshold`. */
export function swishK(x: Float32Array, threshold: number, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v >= threshold ? v : v <= -threshold ? 0 : v * sigmoid1(v);
  }
}

/** `dY * (Y + sigmoid(x) * (1 - Y))` with the same thresholds as `swishK`. */
export function backpropSwishK(
  dY: Float32Array,
  x: Float32Array,
  Y: Float32Array,
  threshold: number,
  out: Float32Array,
): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v >= threshold) out[i] = dY[i]!;
    else if (v <= -threshold) out[i] = 0;
    else {
      const y = Y[i]!;
      out[i] = dY[i]! * (y + sigmoid1(v) * (1 - y));
    }
  }
}
