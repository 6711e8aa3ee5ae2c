/**
 * Test helpers for backends and layers: a finite-difference gradient check that
 * works on host values, so it serves the CPU and device backends alike.
 *
 * @module
 */

/** Options for `finiteDifferenceCheck`. */
export interface GradientCheckOptions {
  /** Step for central differences (default 1e-3). */
  eps?: number;
  /** Absolute tolerance (default 1e-3). */
  atol?: number;
  /** Relative tolerance (default 1e-2). */
  rtol?: number;
  /** Seed for the random output gradient (default 0). */
  seed?: number;
  /** Test only every `stride`-th element of large inputs (default: all). */
  maxChecks?: number;
}

/** What a passing check measured. */
export interface GradientCheckResult {
  /** The largest absolute difference between numeric and analytic gradients. */
  maxAbsError: number;
  /** How many elements were checked. */
  checked: number;
}

/** A function of host input values, returning output values (sync or async). */
export type ForwardFn = (inputs: Float32Array[]) => Float32Array | Promise<Float32Array>;
/** The backward pass: gradients of each input given the output gradient. */
export type BackwardFn = (
  inputs: Float32Array[],
  dY: Float32Array,
) => Float32Array[] | Promise<Float32Array[]>;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Compare a backward pass against central finite differences of the scalar loss
 * `sum(forward(inputs) * dY)` for a random seeded `dY`.
 *
 * @param forward computes the outputs from the inputs (arrays of host floats)
 * @param backward computes the gradient of each input given `dY`
 * @param inputs the point to check at (not modified after the call)
 * @param options step, tolerances, seed
 * @returns the largest error seen and how many elements were checked
 * @throws {RangeError} naming the input and element whose gradients disagree
 * @example Checking the gradient of squaring
 * ```ts
 * import { finiteDifferenceCheck } from "@weft/ops/testing";
 * await finiteDifferenceCheck(
 *   ([x]) => x!.map((v) => v * v),
 *   ([x], dY) => [x!.map((v, i) => 2 * v * dY[i]!)],
 *   [new Float32Array([0.5, -1, 2])],
 * );
 * ```
 */
export async function finiteDifferenceCheck(
  forward: ForwardFn,
  backward: BackwardFn,
  inputs: Float32Array[],
  options: GradientCheckOptions = {},
): Promise<GradientCheckResult> {
  const eps = options.eps ?? 1e-3;
  const atol = options.atol ?? 1e-3;
  const rtol = options.rtol ?? 1e-2;
  const rand = seeded(options.seed ?? 0);
  const xs = inputs.map((x) => x.slice());
  const Y = await forward(xs.map((x) => x.slice()));
  const dY = Float32Array.from(Y, () => rand() * 2 - 1);
  const grads = await backward(xs.map((x) => x.slice()), dY.slice());
  if (grads.length !== xs.length) {
    throw new RangeError(`Backward returned ${grads.length} gradients for ${xs.length} inputs`);
  }
  let maxAbsError = 0;
  let checked = 0;
  for (let n = 0; n < xs.length; n++) {
    const x = xs[n]!;
    const g = grads[n]!;
    if (g.length !== x.length) {
      throw new RangeError(
        `Gradient of input ${n} has ${g.length} elements, the input has ${x.length}`,
      );
    }
    const stride = options.maxChecks ? Math.max(1, Math.ceil(x.length / options.maxChecks)) : 1;
    for (let i = 0; i < x.length; i += stride) {
      const original = x[i]!;
      x[i] = original + eps;
      const up = dot(await forward(xs.map((v) => v.slice())), dY);
      x[i] = original - eps;
      const down = dot(await forward(xs.map((v) => v.slice())), dY);
      x[i] = original;
      const numeric = (up - down) / (2 * eps);
      const analytic = g[i]!;
      const err = Math.abs(numeric - analytic);
      maxAbsError = Math.max(maxAbsError, err);
      checked++;
      if (!(err <= atol + rtol * Math.abs(numeric))) {
        throw new RangeError(
          `Gradient check failed for input ${n} element ${i}: numeric ${numeric}, analytic ${analytic}`,
        );
      }
    }
  }
  return { maxAbsError, checked };
}
