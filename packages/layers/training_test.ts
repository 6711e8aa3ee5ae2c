/**
 * End to end: a small classifier trained with the registered optimizer, loss and
 * schedule through `Model.finishUpdate`, as spaCy's training loop drives them.
 */
import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  type CategoricalCrossentropy,
  chain,
  fixRandomSeed,
  type Optimizer,
  Random,
  Relu,
  Softmax,
} from "./mod.ts";

const ops = getOps("cpu");

/** Two noisy Gaussian blobs per class in 2-d, three classes. */
function dataset(n: number, rng: Random): { X: Floats2d; labels: number[] } {
  const centres = [[0, 2], [2, -1], [-2, -1]];
  const data: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rng.int(3);
    const [cx, cy] = centres[label]!;
    data.push(cx! + rng.normal(0, 0.5), cy! + rng.normal(0, 0.5));
    labels.push(label);
  }
  return { X: ops.asarray2f(data, n, 2), labels };
}

function train(seed: number): { losses: number[]; accuracy: number; averaged: number } {
  fixRandomSeed(seed);
  const { X, labels } = dataset(120, new Random(1));
  const model = chain(Relu({ nO: 16 }), Softmax({ nO: 3 }));
  model.initialize({ X, Y: ops.alloc2f(120, 3) });
  const config = Config.fromStr(`
[optimizer]
@optimizers = "Adam.v1"
grad_clip = 1.0
L2 = 0.0001

[optimizer.learn_rate]
@schedules = "warmup_linear.v1"
initial_rate = 0.05
warmup_steps = 5
total_steps = 200

[loss]
@losses = "CategoricalCrossentropy.v3"
`);
  const { optimizer, loss } = registry.resolve(config) as {
    optimizer: Optimizer;
    loss: CategoricalCrossentropy;
  };
  const losses: number[] = [];
  for (let step = 0; step < 60; step++) {
    const [Y, backprop] = model.beginUpdate(X);
    const [dY, value] = loss.callSync(Y, labels);
    backprop(dY);
    model.finishUpdate(optimizer);
    optimizer.stepSchedules();
    losses.push(value);
  }
  const accuracyOf = (P: Floats2d) => {
    const guesses = ops.readSync!(ops.argmax(P));
    return labels.filter((label, i) => guesses[i] === label).length / labels.length;
  };
  const accuracy = accuracyOf(model.predict(X));
  const averaged = model.useParams(optimizer.averages!, () => accuracyOf(model.predict(X)));
  return { losses, accuracy, averaged };
}

Deno.test("Adam + CategoricalCrossentropy from a config train a classifier through finishUpdate", () => {
  const { losses, accuracy, averaged } = train(0);
  const early = losses.slice(0, 5).reduce((a, b) => a + b) / 5;
  const late = losses.slice(-5).reduce((a, b) => a + b) / 5;
  assert.ok(late < early / 4, `loss ${early} -> ${late}`);
  assert.ok(accuracy > 0.9, `accuracy ${accuracy}`);
  assert.ok(averaged > 0.8, `accuracy with averaged weights ${averaged}`);
});

Deno.test("training is reproducible: the same seed gives the same losses bit for bit", () => {
  assert.deepEqual(train(3).losses, train(3).losses);
  assert.notDeepEqual(train(3).losses, train(4).losses);
});
