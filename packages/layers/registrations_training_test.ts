import assert from "node:assert/strict";
import { Config, createRegistry, registry } from "@weft/config";
import { getOps } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import type { Initializer } from "./initializers/initializer.ts";
import { CategoricalCrossentropy } from "./losses/categorical_crossentropy.ts";
import { Optimizer } from "./optimizers/optimizer.ts";
import { setSeed } from "./random.ts";
import { registerTraining, TRAINING_NAMES } from "./registrations_training.ts";
import { Schedule } from "./schedules/schedule.ts";

const ops = getOps("cpu");

Deno.test("every training name is registered in the global registry and by registerTraining()", () => {
  const fresh = createRegistry();
  registerTraining(fresh);
  for (const [namespace, names] of Object.entries(TRAINING_NAMES)) {
    for (const name of names) {
      assert.ok(registry.namespace(namespace).has(name), `${namespace} ${name}`);
      assert.ok(fresh.namespace(namespace).has(name), `fresh ${namespace} ${name}`);
    }
  }
});

interface ScheduleCase {
  name: string;
  args: Record<string, unknown>;
  values: number[];
}

Deno.test("registered schedules give Thinc 8.3's values from config keys (fixture)", async (t) => {
  const fixture = JSON.parse(
    Deno.readTextFileSync(new URL("./schedules/testdata/schedules.json", import.meta.url)),
  ) as { cases: ScheduleCase[] };
  for (const c of fixture.cases) {
    await t.step(`${c.name} ${JSON.stringify(c.args)}`, () => {
      const args = { ...c.args };
      const inner = args.schedule as { name: string; args: Record<string, unknown> } | undefined;
      if (inner !== undefined) args.schedule = registry.schedules.get(inner.name)(inner.args);
      const schedule = registry.schedules.get(c.name)(args) as Schedule<number>;
      assert.ok(schedule instanceof Schedule);
      c.values.forEach((expected, step) => {
        const got = schedule.at(step);
        assert.ok(Math.abs(got - expected) <= 1e-12 * Math.abs(expected), `${step}: ${got}`);
      });
    });
  }
});

Deno.test("a spaCy [training.optimizer] block resolves to Adam with a scheduled learn rate", () => {
  const config = Config.fromStr(`
[training]

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001

[training.optimizer.learn_rate]
@schedules = "warmup_linear.v1"
warmup_steps = 250
total_steps = 20000
initial_rate = 0.00005
`);
  const resolved = registry.resolve(config) as { training: { optimizer: Optimizer } };
  const opt = resolved.training.optimizer;
  assert.ok(opt instanceof Optimizer);
  assert.equal(opt.averages, undefined);
  assert.equal(opt.L2, 0.01);
  assert.equal(opt.learnRate, 0);
  for (let i = 0; i < 125; i++) opt.stepSchedules();
  assert.ok(Math.abs(opt.learnRate - 0.000025) < 1e-15);
});

Deno.test("filling an optimizer block adds Thinc's defaults", () => {
  const config = Config.fromStr(`
[optimizer]
@optimizers = "RAdam.v1"
`);
  const text = registry.fill(config).toStr();
  for (const key of ["learn_rate", "beta1", "beta2", "eps", "L2", "grad_clip", "use_averages"]) {
    assert.match(text, new RegExp(`^${key} = `, "m"), key);
  }
  const opt = registry.resolve(config) as { optimizer: Optimizer };
  assert.equal(opt.optimizer.useRadam, true);
  assert.equal(opt.optimizer.learnRate, 0.001);
});

Deno.test("spaCy's batch-size schedule iterates as an infinite sequence", () => {
  const config = Config.fromStr(`
[batch_size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
`);
  const sizes = (registry.resolve(config) as { batch_size: Schedule<number> }).batch_size;
  const it = sizes[Symbol.iterator]();
  const first = Array.from({ length: 3 }, () => it.next().value);
  assert.deepEqual(first, [100, 100 * 1.001, 100 * 1.001 * 1.001]);
});

Deno.test("a registered CategoricalCrossentropy.v3 reads Thinc's config keys", () => {
  const config = Config.fromStr(`
[loss]
@losses = "CategoricalCrossentropy.v3"
names = ["A","B"]
missing_value = ""
neg_prefix = "!"
label_smoothing = 0.0
normalize = false
`);
  const loss = (registry.resolve(config) as { loss: CategoricalCrossentropy }).loss;
  assert.ok(loss instanceof CategoricalCrossentropy);
  const d = loss.getGrad(ops.asarray2f([0.25, 0.75, 0.5, 0.5, 0.5, 0.5], 3, 2), ["A", "", "!A"]);
  assert.deepEqual(Array.from(ops.readSync!(d), (v) => v + 0), [-0.75, 0.75, 0, 0, 0.5, 0]);
});

Deno.test("registered initializers return Thinc-style init functions", () => {
  const config = Config.fromStr(`
[init_W]
@initializers = "uniform_init.v1"
lo = 1.0
hi = 2.0

[init_b]
@initializers = "zero_init.v1"

[init_g]
@initializers = "glorot_uniform_init.v1"
`);
  const inits = registry.resolve(config) as Record<string, Initializer>;
  const W = inits.init_W!(ops, [3, 2] as const) as NdArray<Shape, "float32">;
  assert.ok(ops.readSync!(W).every((v) => v >= 1 && v <= 2));
  assert.ok(ops.readSync!(inits.init_b!(ops, [4] as const)).every((v) => v === 0));
  setSeed(1);
  const a = ops.readSync!(inits.init_g!(ops, [3, 3] as const));
  setSeed(1);
  assert.deepEqual(ops.readSync!(inits.init_g!(ops, [3, 3] as const)), a);
});
