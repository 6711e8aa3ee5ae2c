import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import fc from "fast-check";
import type { FloatsXd } from "@weft/types";
import { compounding, decaying } from "../schedules/decaying.ts";
import type { Schedule } from "../schedules/schedule.ts";
import { warmupLinear } from "../schedules/warmup_linear.ts";
import { constant, plateau } from "../training.ts";
import { Adam, RAdam, SGD } from "./factories.ts";
import { Optimizer } from "./optimizer.ts";
import { newRadamBuffer, radamStepSize } from "./radam.ts";

type Spec = number | boolean | { name: string; args: Record<string, number> };

interface Case {
  name: string;
  args: Record<string, Spec>;
  shapes: Record<string, number[]>;
  initial: Record<string, number[]>;
  steps: {
    grads: Record<string, number[]>;
    weights: Record<string, number[]>;
    averages: Record<string, number[]>;
  }[];
}

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/optimizers.json", import.meta.url)),
) as { thinc: string; cases: Case[] };

const ops = getOps("cpu");

function schedule(spec: Spec): number | Schedule<number> {
  if (typeof spec === "number") return spec;
  if (typeof spec === "boolean") throw new Error("not a schedule");
  const a = spec.args;
  switch (spec.name) {
    case "decaying.v1":
      return decaying(a.base_rate!, a.decay!);
    case "warmup_linear.v1":
      return warmupLinear(a.initial_rate!, a.warmup_steps!, a.total_steps!);
    case "compounding.v1":
      return compounding(a.start!, a.stop!, a.compound!);
    default:
      throw new Error(`no schedule ${spec.name}`);
  }
}

/** Build the optimizer from Thinc's config keys, independently of the registry. */
function build(c: Case): Optimizer {
  const a = c.args;
  const opt = (k: string) => (a[k] === undefined ? undefined : schedule(a[k]!));
  const common = {
    ops,
    L2: opt("L2"),
    gradClip: opt("grad_clip"),
    L2IsWeightDecay: a.L2_is_weight_decay as boolean | undefined,
    useAverages: a.use_averages as boolean | undefined,
  };
  switch (c.name) {
    case "Adam.v1":
    case "RAdam.v1": {
      const options = {
        ...common,
        learnRate: opt("learn_rate"),
        beta1: opt("beta1"),
        beta2: opt("beta2"),
        eps: opt("eps"),
      };
      return c.name === "Adam.v1" ? Adam(options) : RAdam(options);
    }
    case "SGD.v1":
      return SGD({ ...common, learnRate: schedule(a.learn_rate!) });
    default:
      throw new Error(`no optimizer ${c.name}`);
  }
}

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    // 1e-6 relative, with an absolute floor for values near zero.
    const tol = 1e-6 * Math.max(Math.abs(e), 1e-2);
    assert.ok(Math.abs(a - e) <= tol, `${what}[${i}]: ${a} vs ${e} (diff ${Math.abs(a - e)})`);
  }
}

Deno.test("Adam/RAdam/SGD steps match Thinc 8.3 within 1e-6 relative (fixture)", async (t) => {
  for (const c of fixture.cases) {
    await t.step(`${c.name} ${JSON.stringify(c.args)}`, () => {
      const optimizer = build(c);
      const names = Object.keys(c.shapes);
      const params = new Map<string, FloatsXd>();
      for (const name of names) {
        params.set(name, ops.asarray(c.initial[name]!, c.shapes[name]!, "float32"));
      }
      c.steps.forEach((step, s) => {
        names.forEach((name, i) => {
          const param = params.get(name)!;
          const grad = ops.asarray(step.grads[name]!, c.shapes[name]!, "float32");
          optimizer.update([i + 1, name], param, grad);
          assertClose(ops.readSync!(param), step.weights[name]!, `step ${s} ${name}`);
          const expected = step.averages[name];
          if (expected === undefined) {
            assert.equal(optimizer.averages, undefined);
          } else {
            const average = optimizer.averages!.get(`${i + 1}:${name}`)!;
            assert.deepEqual(average.shape, c.shapes[name]);
            assertClose(ops.readSync!(average), expected, `step ${s} average ${name}`);
          }
        });
        optimizer.stepSchedules();
      });
    });
  }
});

Deno.test("Optimizer counts updates per key and steps schedules globally", () => {
  const opt = SGD({ ops, learnRate: decaying(1, 1), gradClip: 0, useAverages: false });
  const W = ops.asarray1f([0]);
  const b = ops.asarray1f([0]);
  opt.update([1, "W"], W, ops.asarray1f([1]));
  opt.update([1, "W"], W, ops.asarray1f([1]));
  opt.update([2, "b"], b, ops.asarray1f([1]));
  assert.equal(opt.nrUpdate.get("1:W"), 2);
  assert.equal(opt.nrUpdate.get("2:b"), 1);
  assert.deepEqual([...ops.readSync!(W)], [-2]);
  opt.stepSchedules();
  assert.equal(opt.step, 1);
  opt.update([1, "W"], W, ops.asarray1f([1]));
  assert.deepEqual([...ops.readSync!(W)], [-2.5]);
});

Deno.test("Optimizer applies lrScale to SGD and Adam steps", () => {
  const plain = SGD({ ops, learnRate: 0.5, gradClip: 0 });
  const W = ops.asarray1f([1]);
  plain.update([0, "W"], W, ops.asarray1f([1]), { lrScale: 0.5 });
  assert.deepEqual([...ops.readSync!(W)], [0.75]);
  const adam = Adam({ ops, learnRate: 0.1, gradClip: 0 });
  const V = ops.asarray1f([1]);
  adam.update([0, "V"], V, ops.asarray1f([2]), { lrScale: 0 });
  assert.deepEqual([...ops.readSync!(V)], [1]);
});

Deno.test("Optimizer clips the gradient's L2 norm before stepping", () => {
  const opt = SGD({ ops, learnRate: 1, gradClip: 1, useAverages: false });
  const W = ops.asarray1f([0, 0]);
  const g = ops.asarray1f([3, 4]);
  opt.update([0, "W"], W, g);
  const w = ops.readSync!(W);
  assert.ok(Math.abs(w[0]! + 0.6) < 1e-7 && Math.abs(w[1]! + 0.8) < 1e-7);
});

Deno.test("Optimizer applies L2 as weight decay after the step, or coupled to the gradient", () => {
  const decay = SGD({ ops, learnRate: 0.1, L2: 0.5, gradClip: 0, useAverages: false });
  const W = ops.asarray1f([2]);
  decay.update([0, "W"], W, ops.asarray1f([1]));
  // W = 2 - 0.1 * 1 = 1.9; then W -= 0.1 * 0.5 * 1.9.
  assert.ok(Math.abs(ops.readSync!(W)[0]! - 1.9 * (1 - 0.05)) < 1e-6);
  const coupled = SGD({
    ops,
    learnRate: 0.1,
    L2: 0.5,
    gradClip: 0,
    L2IsWeightDecay: false,
    useAverages: false,
  });
  const V = ops.asarray1f([2]);
  coupled.update([0, "V"], V, ops.asarray1f([1]));
  // g = 1 + 0.5 * 2 = 2; V = 2 - 0.1 * 2.
  assert.ok(Math.abs(ops.readSync!(V)[0]! - 1.8) < 1e-6);
});

Deno.test("RAdam's step size follows the rectification term, cached by step", () => {
  const buffer = newRadamBuffer();
  // With beta2 = 0.999, N_sma at step 2 is below 5: SGD with bias correction.
  const early = radamStepSize(buffer, 2, 0.9, 0.999);
  assert.ok(early.nSma < 5);
  assert.ok(Math.abs(early.stepSize - 1 / (1 - 0.9 ** 2)) < 1e-12);
  const late = radamStepSize(buffer, 100, 0.9, 0.999);
  const nSmaMax = 2 / (1 - 0.999) - 1;
  const b2t = 0.999 ** 100;
  const nSma = nSmaMax - 2 * 100 * b2t / (1 - b2t);
  assert.ok(Math.abs(late.nSma - nSma) < 1e-9);
  assert.ok(late.stepSize > 0);
  // A cached step returns the first values even for other betas (Thinc's quirk).
  assert.deepEqual(radamStepSize(buffer, 100, 0.5, 0.5), late);
});

Deno.test("Optimizer evaluates schedules with the last score (plateau)", () => {
  const opt = SGD({ ops, learnRate: plateau(1, 0.5, constant(1)) });
  assert.equal(opt.learnRate, 1);
  opt.setLastScore(0.5);
  assert.deepEqual(opt.lastScore, [0, 0.5]);
  assert.equal(opt.learnRate, 1);
  opt.stepSchedules();
  opt.setLastScore(0.4);
  assert.equal(opt.learnRate, 0.5);
});

Deno.test("Optimizer accepts lists as schedules and keeps their last value", () => {
  const opt = SGD({ ops, learnRate: [0.1, 0.2] });
  assert.equal(opt.learnRate, 0.1);
  opt.stepSchedules();
  opt.stepSchedules();
  assert.equal(opt.learnRate, 0.2);
});

Deno.test("Optimizer rejects bad hyperparameters and mismatched shapes", () => {
  assert.throws(() => SGD({ ops, learnRate: Number.NaN }), RangeError);
  assert.throws(() => SGD({ ops, learnRate: [] }), RangeError);
  const opt = new Optimizer({ ops, learnRate: 0.1, beta1: 0, beta2: 0.9 });
  assert.throws(() => opt.update([0, "W"], ops.asarray1f([1]), ops.asarray1f([1])), RangeError);
  assert.throws(
    () => Adam({ ops }).update([0, "W"], ops.asarray1f([1, 2]), ops.asarray1f([1])),
    RangeError,
  );
});

Deno.test("Optimizer uses the current ops when none are given", () => {
  const opt = Adam();
  assert.equal(opt.ops.name, "cpu");
  const W = ops.asarray1f([1]);
  opt.update([0, "W"], W, ops.asarray1f([1]));
  assert.ok(ops.readSync!(W)[0]! < 1);
});

Deno.test("Optimizer accepts a generator as a schedule, as Thinc 8.3 does", () => {
  function* rates() {
    yield 0.5;
    yield 0.25;
  }
  const opt = SGD({ ops, learnRate: rates(), gradClip: 0, useAverages: false });
  const W = ops.asarray1f([1]);
  opt.update([0, "W"], W, ops.asarray1f([1]));
  opt.stepSchedules();
  opt.update([0, "W"], W, ops.asarray1f([1]));
  opt.stepSchedules();
  opt.update([0, "W"], W, ops.asarray1f([1]));
  assert.deepEqual([...ops.readSync!(W)], [0]);
});

const floats = (n: number) =>
  fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n });

Deno.test("SGD without clipping or L2 steps by -learnRate * gradient (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(floats(n), floats(n))),
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
      ([w, g], lr) => {
        const opt = SGD({ ops, learnRate: lr, gradClip: 0, useAverages: false });
        const W = ops.asarray1f(w);
        opt.update([0, "W"], W, ops.asarray1f(g));
        const got = ops.readSync!(W);
        w.forEach((wi, i) => {
          const expected = Math.fround(wi) - lr * Math.fround(g[i]!);
          assert.ok(Math.abs(got[i]! - expected) <= 1e-6 * Math.max(1, Math.abs(expected)));
        });
      },
    ),
  );
});

Deno.test("Adam's first bias-corrected step moves each weight by about learnRate (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(floats(n), floats(n))),
      ([w, g]) => {
        const lr = 0.01;
        const opt = Adam({ ops, learnRate: lr, gradClip: 0, useAverages: false });
        const W = ops.asarray1f(w);
        opt.update([0, "W"], W, ops.asarray1f(g));
        const got = ops.readSync!(W);
        w.forEach((wi, i) => {
          const gi = Math.fround(g[i]!);
          // m / sqrt(v) after one step is sign(g) (up to eps), times the corrected rate.
          const expected = Math.fround(wi) - (Math.abs(gi) > 1e-3 ? lr * Math.sign(gi) : 0);
          const tol = Math.abs(gi) > 1e-3 ? 1e-4 : lr;
          assert.ok(Math.abs(got[i]! - expected) <= tol, `${got[i]} vs ${expected}`);
        });
      },
    ),
  );
});
