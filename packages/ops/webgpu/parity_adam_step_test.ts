// Parity of the fused optimizer step (`adamStep`): WebGPU composes it from its
// single-purpose kernels; the CPU runs its fused WebAssembly kernel.
import { floats, LOOSE, type Outputs, parity, rng } from "./parity.ts";

parity("adamStep() with clipping, L2 and averages updates in place as cpu does", LOOSE, (ops) => {
  const r = rng(77);
  const out: Outputs[number][] = [];
  const f = Math.fround;
  for (const n of [0, 1, 7, 300, 20001]) {
    for (const [L2, weightDecay, gradClip] of [[0, f(0.9999), 1], [f(0.01), 1, 0.5], [0, 1, 0]]) {
      const w = ops.asarray1f(floats(r, n));
      const m1 = ops.asarray1f(floats(r, n, -0.1, 0.1));
      const m2 = ops.asarray1f(floats(r, n, 0, 0.1));
      const avg = ops.asarray1f(floats(r, n));
      const g = ops.asarray1f(floats(r, n, -3, 3));
      for (let step = 1; step <= 3; step++) {
        ops.adamStep(w, g, m1, m2, {
          beta1: f(0.9),
          beta2: f(0.999),
          eps: f(1e-8),
          learnRate: f(0.01),
          gradClip: gradClip!,
          L2: L2!,
          weightDecay: weightDecay!,
          averages: avg,
          averagesStep: step,
        });
        // The step zeroes the gradient: give it a new one.
        ops.addInPlace(g, ops.asarray1f(floats(r, n, -3, 3)));
      }
      out.push(w, g, m1, m2, avg);
    }
  }
  return out;
});
