import assert from "node:assert/strict";
import fc from "fast-check";
import { drawSeed, fixRandomSeed, getRandom, Random, setSeed } from "./random.ts";

Deno.test("Random matches the published xoshiro128** vector from state [1, 2, 3, 4]", () => {
  const ref = Random.fromState([1, 2, 3, 4]);
  const got = Array.from({ length: 6 }, () => ref.nextUint32());
  assert.deepEqual(got, [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  assert.throws(() => Random.fromState([0, 0, 0, 0]), RangeError);
  assert.throws(() => Random.fromState([2 ** 32, 0, 0, 1]), RangeError);
});

Deno.test("Random: getState()/fromState() resume the stream", () => {
  const rng = new Random(12);
  rng.nextUint32();
  const copy = Random.fromState(rng.getState());
  assert.deepEqual([copy.nextUint32(), copy.nextUint32()], [rng.nextUint32(), rng.nextUint32()]);
});

Deno.test("Random's first 10000 draws from seed 0 are distinct and span the range", () => {
  const rng = new Random(0);
  const seen = new Set<number>();
  let max = 0;
  for (let i = 0; i < 10000; i++) {
    const x = rng.nextUint32();
    seen.add(x);
    max = Math.max(max, x);
  }
  assert.equal(seen.size, 10000);
  assert.ok(max > 2 ** 31);
});

Deno.test("Random: equal seeds give equal streams, different seeds differ", () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (s, t) => {
      const a = new Random(s);
      const b = new Random(s);
      const xs = Array.from({ length: 8 }, () => a.nextUint32());
      const ys = Array.from({ length: 8 }, () => b.nextUint32());
      assert.deepEqual(xs, ys);
      if (s !== t) {
        const c = new Random(t);
        const zs = Array.from({ length: 8 }, () => c.nextUint32());
        assert.notDeepEqual(xs, zs);
      }
    }),
  );
});

Deno.test("Random.seed() restarts the stream, including the Box–Muller spare", () => {
  const rng = new Random(17);
  const first = [rng.normal(), rng.normal(), rng.normal()];
  rng.seed(17);
  assert.deepEqual([rng.normal(), rng.normal(), rng.normal()], first);
});

Deno.test("Random.nextFloat() is uniform on [0, 1): mean 1/2, variance 1/12", () => {
  const rng = new Random(1);
  const n = 200000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.nextFloat();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  // Standard error of the mean is sqrt(1/12/n) ~ 6.5e-4; allow 5 sigma.
  assert.ok(Math.abs(mean - 0.5) < 0.0033, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
});

Deno.test("Random.normal() has the requested mean and standard deviation", () => {
  const rng = new Random(2);
  const n = 200000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.normal(-1, 2);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  assert.ok(Math.abs(mean + 1) < 0.025, `mean ${mean}`);
  assert.ok(Math.abs(variance - 4) < 0.08, `variance ${variance}`);
});

Deno.test("Random.int(n) stays in range and hits every value about equally", () => {
  const rng = new Random(3);
  const counts = new Array<number>(7).fill(0);
  const n = 70000;
  for (let i = 0; i < n; i++) {
    const k = rng.int(7);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
    counts[k]! += 1;
  }
  for (const c of counts) assert.ok(Math.abs(c - n / 7) < 500, `count ${c}`);
  assert.equal(rng.int(1), 0);
  assert.throws(() => rng.int(0), RangeError);
  assert.throws(() => rng.int(2.5), RangeError);
});

Deno.test("Random.shuffle() permutes, reproducibly, every position reachable", () => {
  fc.assert(
    fc.property(fc.array(fc.integer()), fc.integer(), (xs, seed) => {
      const a = new Random(seed).shuffle([...xs]);
      const b = new Random(seed).shuffle([...xs]);
      assert.deepEqual(a, b);
      assert.deepEqual([...a].sort((p, q) => p - q), [...xs].sort((p, q) => p - q));
    }),
  );
  // Over many shuffles of [0, 1, 2], element 0 lands in every slot.
  const rng = new Random(4);
  const slots = new Set<number>();
  for (let i = 0; i < 50; i++) slots.add(rng.shuffle([0, 1, 2]).indexOf(0));
  assert.deepEqual([...slots].sort(), [0, 1, 2]);
});

Deno.test("Random.fork() is reproducible and independent of the parent's later draws", () => {
  const parent = new Random(5);
  const child = parent.fork();
  const twin = new Random(5).fork();
  const fromChild = [child.nextUint32(), child.nextUint32()];
  assert.deepEqual(fromChild, [twin.nextUint32(), twin.nextUint32()]);
  assert.notDeepEqual(fromChild, [parent.nextUint32(), parent.nextUint32()]);
});

Deno.test("Random rejects seeds that are not integers", () => {
  assert.throws(() => new Random(1.5), TypeError);
  assert.throws(() => new Random(Number.NaN), TypeError);
});

Deno.test("setSeed()/fixRandomSeed() make the global generator reproducible", () => {
  setSeed(99);
  const a = [drawSeed(), getRandom().nextFloat()];
  fixRandomSeed(99);
  const b = [drawSeed(), getRandom().nextFloat()];
  assert.deepEqual(a, b);
  setSeed(100);
  assert.notEqual(drawSeed(), a[0]);
});
