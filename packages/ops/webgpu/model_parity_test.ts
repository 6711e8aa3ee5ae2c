// A model from the layer library trains on WebGPU as on the CPU: same seed, same data,
// same losses step by step (within float tolerance).
//
// This test imports @weft/layers, which itself depends on @weft/ops: it is the one
// place where the ops package reaches up the package order, and only in a test.
import assert from "node:assert/strict";
import {
  Adam,
  CategoricalCrossentropy,
  chain,
  Dropout,
  expandWindow,
  fixRandomSeed,
  HashEmbed,
  LayerNorm,
  Mish,
  Relu,
  Softmax,
  uniqued,
} from "@weft/layers";
import type { Floats2d } from "@weft/types";
import type { Ops } from "../ops.ts";
import { useOps } from "../get_ops.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { floats, rng } from "./parity.ts";
import { testWebGpu } from "./test_backends.ts";

const N = 37, nI = 10, nC = 4, STEPS = 15;

/** Train a Relu → Relu → Softmax classifier with Adam; the loss after each step. */
async function train(ops: Ops): Promise<{ losses: number[]; W: Float32Array }> {
  fixRandomSeed(0);
  const r = rng(5);
  const X: Floats2d = ops.asarray2f(floats(r, N * nI), N, nI);
  const labels = Array.from({ length: N }, (_, i) => (i * 7) % nC);
  const model = useOps(ops, () => chain(Relu({ nO: 16 }), Relu({ nO: 12 }), Softmax({ nO: nC })));
  model.initialize({ X, Y: ops.alloc2f(N, nC) });
  const optimizer = Adam({ ops, learnRate: 0.01 });
  const loss = new CategoricalCrossentropy({ ops });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const [guesses, backprop] = model.beginUpdate(X);
    const [dY, value] = await loss.call(guesses, labels);
    backprop(dY);
    model.finishUpdate(optimizer);
    losses.push(value);
  }
  const first = model.walk().find((node) => node.hasParam("W") === true)!;
  return { losses, W: Float32Array.from(await ops.read(first.getParam("W"))) };
}

testWebGpu("a Relu/Softmax model trained with Adam reaches the cpu losses", async (gpu) => {
  const cpu = await train(new CpuOps());
  const got = await train(gpu);
  assert.ok(cpu.losses[STEPS - 1]! < cpu.losses[0]!, "the reference run learns");
  got.losses.forEach((value, step) => {
    const want = cpu.losses[step]!;
    assert.ok(
      Math.abs(value - want) <= 1e-4 + 1e-3 * want,
      `step ${step}: ${value} vs cpu ${want}`,
    );
  });
  got.W.forEach((w, i) =>
    assert.ok(Math.abs(w - cpu.W[i]!) < 1e-3, `W[${i}]: ${w} vs ${cpu.W[i]}`)
  );
});

/** Train a hashed-embedding tagger (HashEmbed, window, LayerNorm, Mish, Dropout). */
async function trainTagger(ops: Ops): Promise<number[]> {
  fixRandomSeed(1);
  const ids = ops.asarray1i(
    Uint32Array.from({ length: N }, (_, i) => (i * 2654435761) >>> 0),
    "uint32",
  );
  const labels = Array.from({ length: N }, (_, i) => (i * 5) % nC);
  const model = useOps(ops, () =>
    chain(
      HashEmbed({ nO: 8, nV: 97, seed: 3 }),
      expandWindow(1),
      LayerNorm(),
      Mish({ nO: 12 }),
      Dropout(0.2),
      Softmax({ nO: nC }),
    ));
  model.initialize({ X: ids, Y: ops.alloc2f(N, nC) });
  const optimizer = Adam({ ops, learnRate: 0.02 });
  const loss = new CategoricalCrossentropy({ ops });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const [guesses, backprop] = model.beginUpdate(ids);
    const [dY, value] = await loss.call(guesses, labels);
    backprop(dY);
    model.finishUpdate(optimizer);
    losses.push(value);
  }
  return losses;
}

testWebGpu("a HashEmbed/LayerNorm/Mish/Dropout tagger trains to the cpu losses", async (gpu) => {
  const want = await trainTagger(new CpuOps());
  const got = await trainTagger(gpu);
  assert.ok(want[STEPS - 1]! < want[0]!, "the reference run learns");
  got.forEach((value, step) => {
    assert.ok(
      Math.abs(value - want[step]!) <= 1e-4 + 2e-3 * want[step]!,
      `step ${step}: ${value} vs cpu ${want[step]}`,
    );
  });
});

/**
 * Train `uniqued(HashEmbed)` → Softmax on rows with many repeated ids. The CPU runs
 * the embedding on the unique rows only (it can read the ids synchronously); WebGPU
 * runs it on every row, which gives the same outputs and the same summed gradients.
 */
async function trainUniqued(ops: Ops): Promise<{ losses: number[]; E: Float32Array }> {
  fixRandomSeed(2);
  const ids = Int32Array.from({ length: N * 2 }, (_, i) => i % 2 === 0 ? (i * 7) % 5 : i);
  const X = ops.asarray2i(ids, N, 2);
  const labels = Array.from({ length: N }, (_, i) => (i * 7) % 5 % nC);
  const model = useOps(
    ops,
    () => chain(uniqued(HashEmbed({ nO: 6, nV: 31, column: 0, seed: 4 })), Softmax({ nO: nC })),
  );
  model.initialize({ X, Y: ops.alloc2f(N, nC) });
  const optimizer = Adam({ ops, learnRate: 0.05 });
  const loss = new CategoricalCrossentropy({ ops });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const [guesses, backprop] = model.beginUpdate(X);
    const [dY, value] = await loss.call(guesses, labels);
    backprop(dY);
    model.finishUpdate(optimizer);
    losses.push(value);
  }
  const table = model.walk().find((node) => node.hasParam("E") === true)!;
  return { losses, E: Float32Array.from(await ops.read(table.getParam("E"))) };
}

testWebGpu(
  "uniqued(HashEmbed) on every row (webgpu) trains as on unique rows (cpu)",
  async (gpu) => {
    const want = await trainUniqued(new CpuOps());
    const got = await trainUniqued(gpu);
    assert.ok(want.losses[STEPS - 1]! < want.losses[0]!, "the reference run learns");
    got.losses.forEach((value, step) => {
      const ref = want.losses[step]!;
      assert.ok(Math.abs(value - ref) <= 1e-4 + 1e-3 * ref, `step ${step}: ${value} vs cpu ${ref}`);
    });
    got.E.forEach((e, i) =>
      assert.ok(Math.abs(e - want.E[i]!) < 1e-3, `E[${i}]: ${e} vs ${want.E[i]}`)
    );
  },
);
