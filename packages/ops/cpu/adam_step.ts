/**
 * `Ops.adamStep` on host arrays: check shapes, round the hyperparameters to
 * float32 as Thinc's C kernel takes them, find the clip scale, then run the
 * WebAssembly SIMD kernel where there is one, else the fused JavaScript loop.
 *
 * @module
 */
import { type Floats1d, hostData } from "@weft/types";
import type { AdamStepOptions } from "../ops.ts";
import { sameShape } from "./checks.ts";
import { adamStepK, type AdamStepScalars, sumSquaresK } from "./optim.ts";
import type { WasmOptim } from "./wasm/wasm_optim.ts";

/** One fused Adam step over host arrays; `kernel` undefined runs JavaScript. */
export function adamStepH(
  weights: Floats1d,
  gradient: Floats1d,
  mom1: Floats1d,
  mom2: Floats1d,
  options: AdamStepOptions,
  kernel: WasmOptim | undefined,
): void {
  sameShape("adamStep", weights, gradient, "weights and gradient");
  sameShape("adamStep", weights, mom1, "weights and mom1");
  sameShape("adamStep", weights, mom2, "weights and mom2");
  const { averages } = options;
  let averageRate = 0;
  if (averages !== undefined) {
    sameShape("adamStep", weights, averages, "weights and averages");
    const t = options.averagesStep;
    if (t === undefined) {
      throw new RangeError("adamStep: averages need averagesStep (the update count)");
    }
    averageRate = 1 - Math.min((1 + t) / (10 + t), options.maxDecay ?? 0.9999);
  }
  const w = hostData(weights);
  const g = hostData(gradient);
  const f = Math.fround;
  const L2 = f(options.L2 ?? 0);
  const gradClip = options.gradClip ?? 0;
  let scale = 1;
  if (gradClip > 0) {
    const sq = kernel === undefined ? sumSquaresK(g, w, L2) : kernel.sumSquares(g, w, L2);
    // Thinc's norm and scale are numpy float32 scalars: round as they are rounded.
    const norm = f(Math.sqrt(sq));
    if (norm > gradClip) scale = f(f(gradClip) / norm);
  }
  const beta1 = f(options.beta1);
  const beta2 = f(options.beta2);
  const s: AdamStepScalars = {
    scale: f(scale),
    L2,
    beta1,
    oneMinusBeta1: f(1 - beta1),
    beta2,
    oneMinusBeta2: f(1 - beta2),
    eps: f(options.eps),
    learnRate: f(options.learnRate),
    weightDecay: f(options.weightDecay ?? 1),
    averageRate: f(averageRate),
  };
  const m1 = hostData(mom1);
  const m2 = hostData(mom2);
  const ema = averages === undefined ? undefined : hostData(averages);
  if (kernel === undefined) adamStepK(w, g, m1, m2, ema, s);
  else kernel.step(w, g, m1, m2, ema, s);
}
