/**
 * A small MLP trained with Adam learns a non-linear task (XOR of the signs of two
 * coordinates) and, seeded, trains to bit-identical weights.
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import {
  Adam,
  CategoricalCrossentropy,
  chain,
  type Model,
  Random,
  Relu,
  setSeed,
  Softmax,
} from "./mod.ts";

const ops = getOps("cpu");

function xorData(n: number, seed: number): { X: Float32Array; labels: Int32Array } {
  const rng = new Random(seed);
  const X = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-1, 1);
    const y = rng.uniform(-1, 1);
    X[2 * i] = x;
    X[2 * i + 1] = y;
    labels[i] = x * y > 0 ? 1 : 0;
  }
  return { X, labels };
}

function rows(X: Float32Array, ids: readonly number[]): Floats2d {
  const out = new Float32Array(2 * ids.length);
  ids.forEach((id, i) => out.set(X.subarray(2 * id, 2 * id + 2), 2 * i));
  return ops.asarray2f(out, ids.length, 2);
}

function accuracy(model: Model<Floats2d, Floats2d>, X: Float32Array, labels: Int32Array): number {
  const guesses = ops.readSync!(ops.argmax(model.predict(ops.asarray2f(X, labels.length, 2))));
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (guesses[i] === labels[i]) right++;
  return right / labels.length;
}

async function train(seed: number) {
  setSeed(seed);
  const model = chain(Relu({ nO: 24 }), Relu({ nO: 24 }), Softmax({ nO: 2 }));
  const train = xorData(400, seed + 1);
  model.initialize({ X: rows(train.X, [0, 1]) });
  const optimizer = Adam({ learnRate: 0.01 });
  const loss = new CategoricalCrossentropy();
  const shuffler = new Random(seed + 2);
  const order = Array.from({ length: 400 }, (_, i) => i);
  for (let epoch = 0; epoch < 60; epoch++) {
    shuffler.shuffle(order);
    for (let start = 0; start < order.length; start += 32) {
      const batch = order.slice(start, start + 32);
      const [Y, backprop] = model.beginUpdate(rows(train.X, batch));
      backprop(loss.getGrad(Y, batch.map((i) => train.labels[i]!)));
      model.finishUpdate(optimizer);
      optimizer.stepSchedules();
    }
  }
  return { model, optimizer, bytes: await model.toBytes() };
}

Deno.test("an MLP trained with Adam learns XOR of signs to at least 95% held-out accuracy", async () => {
  const { model, optimizer } = await train(0);
  const test = xorData(500, 99);
  const acc = accuracy(model, test.X, test.labels);
  assert.ok(acc >= 0.95, `held-out accuracy ${acc}`);
  // The optimizer's weight averages, swapped in with useParams, do as well.
  const averaged = model.useParams(optimizer.averages!, () => accuracy(model, test.X, test.labels));
  assert.ok(averaged >= 0.95, `held-out accuracy with averaged weights ${averaged}`);
  assert.equal(accuracy(model, test.X, test.labels), acc);
});

Deno.test("the same seed trains to bit-identical weights", async () => {
  const a = await train(7);
  const b = await train(7);
  assert.deepEqual(a.bytes, b.bytes);
  const c = await train(8);
  assert.notDeepEqual(a.bytes, c.bytes);
});
