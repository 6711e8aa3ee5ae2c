/**
 * WGSL helper functions shared by the activation kernels. WGSL has no `erf`, and some
 * implementations return NaN from `tanh` of large arguments, so both are spelled out.
 *
 * @module
 */

/** Numerically safe sigmoid, tanh, erf and the Gaussian cdf/pdf, in WGSL. */
export const WGSL_MATH: string = `
fn sigm(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_s(x: f32) -> f32 { return tanh(clamp(x, -15.0, 15.0)); }
// Abramowitz and Stegun 7.1.26 (as the CPU backend): |error| < 1.5e-7.
fn erf_s(x: f32) -> f32 {
  let ax = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * ax);
  let poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  let y = 1.0 - poly * exp(-ax * ax);
  return select(y, -y, x < 0.0);
}
fn gcdf(x: f32) -> f32 { return 0.5 * (1.0 + erf_s(x * 0.70710678118654752)); }
fn gpdf(x: f32) -> f32 { return 0.39894228040143268 * exp(-0.5 * x * x); }
fn mish_f(x: f32, thr: f32) -> f32 {
  if (x >= thr) { return x; }
  return x * tanh_s(log(1.0 + exp(x)));
}
fn dmish(dy: f32, x: f32, thr: f32) -> f32 {
  if (x >= thr) { return dy; }
  let e = exp(x);
  let omega = 4.0 * (x + 1.0) + 4.0 * exp(2.0 * x) + exp(3.0 * x) + e * (4.0 * x + 6.0);
  var delta = e + 1.0;
  delta = delta * delta + 1.0;
  return dy * (e * omega) / (delta * delta);
}
fn gelu_f(x: f32, thr: f32) -> f32 {
  if (x >= thr) { return x; }
  if (x <= -thr) { return 0.0; }
  return x * gcdf(x);
}
fn dgelu(dy: f32, x: f32, thr: f32) -> f32 {
  if (x >= thr) { return dy; }
  if (x <= -thr) { return 0.0; }
  return dy * (gcdf(x) + x * gpdf(x));
}
fn swish_f(x: f32, thr: f32) -> f32 {
  if (x >= thr) { return x; }
  if (x <= -thr) { return 0.0; }
  return x * sigm(x);
}
fn dswish(dy: f32, x: f32, y: f32, thr: f32) -> f32 {
  if (x >= thr) { return dy; }
  if (x <= -thr) { return 0.0; }
  return dy * (y + sigm(x) * (1.0 - y));
}
`;
