import assert from "node:assert/strict";
import { getOps, type Ops } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import { getRandom, Random, setSeed } from "../random.ts";
import type { InitOptions } from "./initializer.ts";
import { glorotNormalInit, heNormalInit, lecunNormalInit, normalInit } from "./normal.ts";
import { glorotUniformInit, heUniformInit, lecunUniformInit, uniformInit } from "./uniform.ts";
import { zeroInit } from "./zero.ts";

const ops = getOps("cpu");

type Init = <S extends Shape>(
  ops: Ops,
  shape: S,
  options?: InitOptions,
) => NdArray<S, "float32">;

function stats(x: ArrayLike<number>): { mean: number; variance: number; maxAbs: number } {
  let sum = 0;
  let sumSq = 0;
  let maxAbs = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i]!;
    sumSq += x[i]! * x[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(x[i]!));
  }
  const mean = sum / x.length;
  return { mean, variance: sumSq / x.length - mean * mean, maxAbs };
}

// [nO, nI] = [300, 200]: 60000 draws, so the sample variance is within a few percent.
const SHAPE = [300, 200] as const;
const [FAN_OUT, FAN_IN] = SHAPE;

const CASES: { name: string; init: Init; variance: number; limit?: number }[] = [
  // U(-s, s) has variance s^2 / 3.
  {
    name: "glorot_uniform_init",
    init: glorotUniformInit,
    variance: 6 / (FAN_OUT + FAN_IN) / 3,
    limit: Math.sqrt(6 / (FAN_OUT + FAN_IN)),
  },
  {
    name: "he_uniform_init",
    init: heUniformInit,
    variance: 6 / FAN_IN / 3,
    limit: Math.sqrt(6 / FAN_IN),
  },
  {
    name: "lecun_uniform_init",
    init: lecunUniformInit,
    variance: 3 / FAN_IN / 3,
    limit: Math.sqrt(3 / FAN_IN),
  },
  { name: "glorot_normal_init", init: glorotNormalInit, variance: 2 / (FAN_OUT + FAN_IN) },
  { name: "he_normal_init", init: heNormalInit, variance: 2 / FAN_IN },
  { name: "lecun_normal_init", init: lecunNormalInit, variance: 1 / FAN_IN },
];

Deno.test("scaled initializers have Thinc's mean and variance", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, () => {
      const W = c.init(ops, SHAPE, { rng: new Random(7) });
      assert.deepEqual(W.shape, SHAPE);
      assert.equal(W.dtype, "float32");
      const s = stats(ops.readSync!(W));
      // Standard error of the mean: sqrt(variance / n).
      assert.ok(Math.abs(s.mean) < 5 * Math.sqrt(c.variance / W.size), `mean ${s.mean}`);
      assert.ok(
        Math.abs(s.variance / c.variance - 1) < 0.03,
        `variance ${s.variance} vs ${c.variance}`,
      );
      if (c.limit !== undefined) assert.ok(s.maxAbs <= c.limit, `max ${s.maxAbs} > ${c.limit}`);
    });
  }
});

Deno.test("initializers: the same seed gives identical arrays, another seed differs", async (t) => {
  const all: [string, Init][] = [
    ...CASES.map((c) => [c.name, c.init] as [string, Init]),
    ["uniform_init", uniformInit],
    ["normal_init", normalInit],
  ];
  for (const [name, init] of all) {
    await t.step(name, () => {
      const a = ops.readSync!(init(ops, [4, 5] as const, { rng: new Random(3) }));
      const b = ops.readSync!(init(ops, [4, 5] as const, { rng: new Random(3) }));
      const c = ops.readSync!(init(ops, [4, 5] as const, { rng: new Random(4) }));
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
      // The global generator is reproducible through setSeed().
      setSeed(11);
      const g1 = ops.readSync!(init(ops, [4, 5] as const));
      setSeed(11);
      const g2 = ops.readSync!(init(ops, [4, 5] as const));
      assert.deepEqual(g1, g2);
    });
  }
});

Deno.test("uniform_init draws from [lo, hi) with mean (lo + hi) / 2", () => {
  const x = ops.readSync!(uniformInit(ops, [20000] as const, { lo: 2, hi: 4, rng: new Random(1) }));
  const s = stats(x);
  assert.ok(x.every((v) => v >= 2 && v <= 4));
  assert.ok(Math.abs(s.mean - 3) < 0.03);
  assert.ok(Math.abs(s.variance - 4 / 12) < 0.02);
  const d = ops.readSync!(uniformInit(ops, [10000] as const, { rng: new Random(1) }));
  assert.ok(d.every((v) => v >= -0.1 && v <= 0.1));
  assert.throws(() => uniformInit(ops, [2] as const, { lo: 1, hi: 0 }), RangeError);
});

Deno.test("normal_init has the requested mean and standard deviation", () => {
  const x = ops.readSync!(
    normalInit(ops, [100, 200] as const, { mean: 1, stddev: 0.5, rng: new Random(2) }),
  );
  const s = stats(x);
  assert.ok(Math.abs(s.mean - 1) < 0.01, `mean ${s.mean}`);
  assert.ok(Math.abs(s.variance - 0.25) < 0.01, `variance ${s.variance}`);
  assert.throws(() => normalInit(ops, [2] as const, { stddev: -1 }), RangeError);
});

Deno.test("zero_init gives zeros of any shape and draws nothing", () => {
  setSeed(5);
  const Z = zeroInit(ops, [2, 3, 4] as const);
  assert.deepEqual(Z.shape, [2, 3, 4]);
  assert.ok(ops.readSync!(Z).every((v) => v === 0));
  assert.equal(getRandom().nextUint32(), new Random(5).nextUint32());
});

Deno.test("scaled initializers need two axes and valid extents", () => {
  assert.throws(() => glorotUniformInit(ops, [5] as const), RangeError);
  assert.throws(() => heNormalInit(ops, [2, -1] as const), RangeError);
  assert.throws(() => zeroInit(ops, [1.5] as const), RangeError);
});

Deno.test("three-axis shapes use the first two as fans, as Thinc's Maxout does", () => {
  const W = glorotUniformInit(ops, [4, 3, 10] as const, { rng: new Random(0) });
  const limit = Math.sqrt(6 / (4 + 3));
  assert.deepEqual(W.shape, [4, 3, 10]);
  assert.ok(ops.readSync!(W).every((w) => Math.abs(w) <= limit));
});
