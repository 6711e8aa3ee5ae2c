/**
 * A finite-difference gradient check for any model on a host-memory backend.
 *
 * The loss is `L = sum(Y ⊙ R)` for a fixed random `R` with the structure of the
 * output (arrays, lists, Ragged, Padded), so `dY = R`; or, for layers whose
 * backprop expects the gradient with respect to logits (Thinc's `Softmax`),
 * cross-entropy against random target distributions, with `dY = Y - T`. The global
 * seed is reset before every forward pass, so dropout masks repeat.
 *
 * @module
 */
import { type FloatsXd, hostData, NdArray, Padded, Ragged } from "@weft/types";
import type { Model } from "./model.ts";
import { Random, setSeed } from "./random.ts";

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /** Finite-difference step; 1e-2 by default (float32 arithmetic). */
  eps?: number | undefined;
  /** Absolute tolerance; 2e-2 by default. */
  atol?: number | undefined;
  /** Relative tolerance; 5e-2 by default. */
  rtol?: number | undefined;
  /** Coordinates checked per array (spread evenly); 12 by default. */
  maxChecks?: number | undefined;
  /** `"linear"` (default) or `"crossentropy"` (dY = Y - T, for Softmax outputs). */
  loss?: "linear" | "crossentropy" | undefined;
  /** Check the gradient with respect to the input's float arrays; true by default. */
  inputs?: boolean | undefined;
  /** Parameter names left out (e.g. `HC0`, which Thinc's LSTM does not train). */
  ignoreParams?: readonly string[] | undefined;
  /** Seed of the projection and of every forward pass; 0 by default. */
  seed?: number | undefined;
}

/** What `gradCheck` checked. */
export interface GradCheckReport {
  /** Number of input coordinates compared. */
  inputs: number;
  /** Number of parameter coordinates compared. */
  params: number;
}

/** Apply `fn` to each float array inside a value, rebuilding lists, Ragged and Padded. */
export function mapFloatLeaves(value: unknown, fn: (x: FloatsXd) => FloatsXd): unknown {
  if (value instanceof NdArray) return value.dtype === "float32" ? fn(value as FloatsXd) : value;
  if (value instanceof Ragged) {
    if (value.dataXd.dtype !== "float32") return value;
    return new Ragged(fn(value.dataXd as FloatsXd), value.lengths);
  }
  if (value instanceof Padded) {
    if (value.data.dtype !== "float32") return value;
    const data = fn(value.data as FloatsXd) as typeof value.data;
    return new Padded(data, value.sizeAtT, value.lengths, value.indices);
  }
  if (Array.isArray(value)) return value.map((v) => mapFloatLeaves(v, fn));
  return value;
}

/** The float arrays inside a value, in order. */
export function floatLeaves(value: unknown): FloatsXd[] {
  const out: FloatsXd[] = [];
  mapFloatLeaves(value, (x) => {
    out.push(x);
    return x;
  });
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Compare a model's backprop with central finite differences, for its inputs'
 * float arrays and every allocated parameter of every node.
 *
 * @param model an initialized model on a host-memory backend
 * @param X a sample input (its float arrays are perturbed in place and restored)
 * @param options step, tolerances, loss and seed
 * @returns how many coordinates were compared
 * @throws {RangeError} naming the layer and parameter (or input) of the first mismatch
 * @example A Linear layer passes
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { gradCheck, Linear } from "@weft/layers";
 * const ops = getOps("cpu");
 * const X = ops.asarray2f([0.1, -0.4, 0.3, 0.9, -0.2, 0.5], 2, 3);
 * const report = gradCheck(Linear({ nO: 2 }).initialize({ X }), X);
 * assert.ok(report.params > 0 && report.inputs > 0);
 * ```
 */
export function gradCheck(
  model: Model,
  X: unknown,
  options: GradCheckOptions = {},
): GradCheckReport {
  const eps = options.eps ?? 1e-2;
  const atol = options.atol ?? 2e-2;
  const rtol = options.rtol ?? 5e-2;
  const maxChecks = options.maxChecks ?? 12;
  const seed = options.seed ?? 0;
  const rng = new Random(seed + 1);
  const run = () => {
    setSeed(seed);
    return model.call(X, true);
  };
  const [Y0] = run();
  // Fixed projections (or target distributions) with the output's structure.
  const targets = floatLeaves(Y0).map((y) => {
    const t = new Float32Array(y.size);
    for (let i = 0; i < t.length; i++) t[i] = rng.uniform(-1, 1);
    if (options.loss === "crossentropy") {
      const width = y.shape[y.shape.length - 1]!;
      for (let r = 0; r < t.length / width; r++) {
        let sum = 0;
        for (let c = 0; c < width; c++) sum += t[r * width + c] = Math.abs(t[r * width + c]!);
        for (let c = 0; c < width; c++) t[r * width + c]! /= sum;
      }
    }
    return t;
  });
  const lossOf = (Y: unknown): number => {
    const ys = floatLeaves(Y);
    let loss = 0;
    ys.forEach((y, i) => {
      const v = hostData(y);
      const t = targets[i]!;
      if (options.loss === "crossentropy") {
        for (let j = 0; j < v.length; j++) loss -= t[j]! * Math.log(v[j]!);
      } else loss += dot(v, t);
    });
    return loss;
  };
  // Analytic gradients, with the parameter gradients cleared first.
  for (const node of model.walk()) {
    for (const g of node.gradNames) node.ops.fill(node.getGrad(g), 0);
  }
  const [Y, backprop] = run();
  let k = 0;
  const dY = mapFloatLeaves(Y, (y) => {
    const t = targets[k++]!;
    const data = new Float32Array(y.size);
    if (options.loss === "crossentropy") {
      const v = hostData(y);
      for (let j = 0; j < data.length; j++) data[j] = v[j]! - t[j]!;
    } else data.set(t);
    return model.ops.asarray(data, y.shape, "float32");
  });
  const dX = backprop(dY);
  const report: GradCheckReport = { inputs: 0, params: 0 };
  const difference = (values: Float32Array, i: number, h: number): number => {
    const old = values[i]!;
    values[i] = old + h;
    const up = lossOf(run()[0]);
    values[i] = old - h;
    const down = lossOf(run()[0]);
    values[i] = old;
    return (up - down) / (2 * h);
  };
  const compare = (values: Float32Array, grad: Float32Array | null, what: string) => {
    const step = Math.max(1, Math.floor(values.length / maxChecks));
    for (let i = 0; i < values.length; i += step) {
      const analytic = grad === null ? 0 : grad[i]!;
      // A step that straddles a kink (relu, max) misleads; a real error shows at both sizes.
      let numeric = 0;
      let ok = false;
      for (const h of [eps, eps / 10]) {
        numeric = difference(values, i, h);
        ok = Math.abs(numeric - analytic) <= atol + rtol * Math.abs(numeric);
        if (ok) break;
      }
      if (!ok) {
        throw new RangeError(
          `Gradient check failed for ${what}[${i}] of "${model.name}": ` +
            `finite difference ${numeric.toFixed(5)}, backprop ${analytic.toFixed(5)}`,
        );
      }
      if (what.startsWith("input")) report.inputs++;
      else report.params++;
    }
  };
  const dXs = floatLeaves(dX);
  const ignore = options.ignoreParams ?? [];
  if (options.inputs === false) return checkParams(model, compare, report, ignore);
  floatLeaves(X).forEach((x, i) => {
    const d = dXs[i];
    compare(hostData(x), d === undefined ? null : hostData(d), `input ${i}`);
  });
  return checkParams(model, compare, report, ignore);
}

function checkParams(
  model: Model,
  compare: (values: Float32Array, grad: Float32Array | null, what: string) => void,
  report: GradCheckReport,
  ignore: readonly string[],
): GradCheckReport {
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      const p = node.maybeGetParam(name);
      if (p === null || ignore.includes(name)) continue;
      const g = node.maybeGetGrad(name);
      compare(hostData(p), g === null ? null : hostData(g), `param "${name}" of "${node.name}"`);
    }
  }
  return report;
}
