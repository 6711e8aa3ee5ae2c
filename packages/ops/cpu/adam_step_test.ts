import assert from "node:assert/strict";
import fc from "fast-check";
import type { Floats1d } from "@weft/types";
import { adamStepComposed } from "../adam_step.ts";
import type { AdamStepOptions } from "../ops.ts";
import { CpuOps } from "./cpu_ops.ts";
import { CHUNK } from "./wasm/wasm_optim.ts";

const wasm = new CpuOps();
const js = new CpuOps({ wasm: false });
const reference = new CpuOps({ wasm: false });

interface State {
  w: Float32Array;
  g: Float32Array;
  m1: Float32Array;
  m2: Float32Array;
  avg: Float32Array;
}

function random(n: number, seed: number): State {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 - 0.5;
  };
  const fill = (scale: number, positive = false) =>
    Float32Array.from({ length: n }, () => (positive ? Math.abs(next()) : next()) * scale);
  return {
    w: fill(2),
    g: fill(4),
    m1: fill(0.1),
    m2: fill(0.01, true),
    avg: fill(2),
  };
}

/** Run one step on `ops` over copies of `state`; return the arrays afterwards. */
function run(
  ops: CpuOps,
  state: State,
  options: Omit<AdamStepOptions, "averages">,
  withAverages: boolean,
  composed: boolean,
): State {
  const [w, g, m1, m2, avg] = [state.w, state.g, state.m1, state.m2, state.avg].map((a) =>
    ops.asarray1f(a.slice())
  ) as [Floats1d, Floats1d, Floats1d, Floats1d, Floats1d];
  const full: AdamStepOptions = withAverages ? { ...options, averages: avg } : options;
  if (composed) adamStepComposed(ops, w, g, m1, m2, full);
  else ops.adamStep(w, g, m1, m2, full);
  const read = (a: Floats1d) => new Float32Array(ops.readSync(a));
  return { w: read(w), g: read(g), m1: read(m1), m2: read(m2), avg: read(avg) };
}

function assertClose(got: State, want: State, label: string): void {
  for (const key of ["w", "g", "m1", "m2", "avg"] as const) {
    const a = got[key];
    const b = want[key];
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) {
      const tol = 1e-6 + 2e-5 * Math.abs(b[i]!);
      assert.ok(
        Math.abs(a[i]! - b[i]!) <= tol,
        `${label} ${key}[${i}]: ${a[i]} vs ${b[i]} (n=${a.length})`,
      );
    }
  }
}

// The fused kernels take the hyperparameters as float32 (as Thinc's C kernel, and as
// the Optimizer passes them); the composed reference gets the same rounded values.
const f32 = fc.double({ min: 1e-4, max: 0.1, noNaN: true }).map(Math.fround);
const optionsArb = fc.record({
  beta1: fc.constantFrom(0.9, 0.5, 0.99).map(Math.fround),
  beta2: fc.constantFrom(0.999, 0.9).map(Math.fround),
  eps: fc.constantFrom(1e-8, 1e-6).map(Math.fround),
  learnRate: f32,
  gradClip: fc.constantFrom(0, 0.5, 1, 1e6),
  L2: fc.constantFrom(0, 1e-4, 0.01).map(Math.fround),
  weightDecay: fc.constantFrom(1, 0.99999, 0.9).map(Math.fround),
  averagesStep: fc.integer({ min: 1, max: 100000 }),
  maxDecay: fc.constantFrom(0.9999, 0.99),
});

Deno.test("adamStep (wasm and JS) equals the composed ops (property)", () => {
  assert.ok(wasm.adamStep !== undefined);
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 2 * CHUNK + 9 })),
      fc.integer(),
      optionsArb,
      fc.boolean(),
      (n, seed, options, withAverages) => {
        const state = random(n, seed);
        const want = run(reference, state, options, withAverages, true);
        for (const ops of [wasm, js]) {
          assertClose(run(ops, state, options, withAverages, false), want, ops.gemmKernel);
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("adamStep handles sizes 0, 1 and not divisible by 4", () => {
  for (const n of [0, 1, 2, 3, 5, 7, CHUNK - 1, CHUNK + 3]) {
    const state = random(n, n + 1);
    const f = Math.fround;
    const options = {
      beta1: f(0.9),
      beta2: f(0.999),
      eps: f(1e-8),
      learnRate: f(0.01),
      gradClip: 1,
      averagesStep: 3,
    };
    const want = run(reference, state, options, true, true);
    for (const ops of [wasm, js]) {
      assertClose(run(ops, state, options, true, false), want, `n=${n}`);
    }
  }
});

Deno.test("adamStep by hand: one clipped step with coupled L2 and weight decay", () => {
  for (const ops of [wasm, js]) {
    const w = ops.asarray1f([1, -2]);
    const g = ops.asarray1f([2.9, -3.8]);
    const m1 = ops.alloc1f(2);
    const m2 = ops.alloc1f(2);
    // g + L2 w = [3, -4] (norm 5), clipped to norm 1: x = [0.6, -0.8].
    ops.adamStep(w, g, m1, m2, {
      beta1: 0.5,
      beta2: 0.75,
      eps: 0,
      learnRate: 0.1,
      gradClip: 1,
      L2: 0.1,
      weightDecay: 0.5,
    });
    const close = (a: ArrayLike<number>, b: number[]) =>
      b.forEach((x, i) => assert.ok(Math.abs(a[i]! - x) < 1e-6, `${a[i]} vs ${x}`));
    close(ops.readSync(m1), [0.3, -0.4]);
    close(ops.readSync(m2), [0.09, 0.16]);
    // w = (w - 0.1 * m1 / sqrt(m2)) * 0.5 = ([1 - 0.1, -2 + 0.1]) * 0.5
    close(ops.readSync(w), [0.45, -0.95]);
    assert.deepEqual([...ops.readSync(g)], [0, 0]);
  }
});

Deno.test("adamStep rejects mismatched shapes and averages without a step", () => {
  const a = wasm.alloc1f(3);
  const b = wasm.alloc1f(4);
  const o = { beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.1 };
  assert.throws(() => wasm.adamStep(a, b, a, a, o), /adamStep: weights and gradient/);
  assert.throws(
    () => wasm.adamStep(a, a, a, a, { ...o, averages: b, averagesStep: 1 }),
    /averages/,
  );
  assert.throws(() => wasm.adamStep(a, a, a, a, { ...o, averages: a }), /averagesStep/);
});
