import assert from "node:assert/strict";
import { constant, constantThen } from "./constant.ts";
import { compounding, decaying } from "./decaying.ts";
import { plateau } from "./plateau.ts";
import { fromIterable, fromSequence, type Schedule } from "./schedule.ts";
import { cyclicTriangular, slantedTriangular } from "./triangular.ts";
import { warmupLinear } from "./warmup_linear.ts";

interface Case {
  name: string;
  args: Record<string, number | { name: string; args: Record<string, number> }>;
  values: number[];
}

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/schedules.json", import.meta.url)),
) as { thinc: string; cases: Case[] };

/** Build a schedule from Thinc's config keys, independently of the registry. */
function build(name: string, args: Case["args"]): Schedule<number> {
  const n = (key: string): number => args[key] as number;
  const opt = (key: string): number | undefined => args[key] as number | undefined;
  switch (name) {
    case "constant.v1":
      return constant(n("rate"));
    case "decaying.v1":
      return decaying(n("base_rate"), n("decay"), { t: opt("t") });
    case "compounding.v1":
      // Thinc 8.3 ignores `t` for compounding; the fixtures do not set it.
      return compounding(n("start"), n("stop"), n("compound"));
    case "warmup_linear.v1":
      return warmupLinear(n("initial_rate"), n("warmup_steps"), n("total_steps"));
    case "slanted_triangular.v1":
      return slantedTriangular(n("max_rate"), n("num_steps"), {
        cutFrac: opt("cut_frac"),
        ratio: opt("ratio"),
        t: opt("t"),
      });
    case "cyclic_triangular.v1":
      return cyclicTriangular(n("min_lr"), n("max_lr"), n("period"));
    case "constant_then.v1": {
      const inner = args.schedule as { name: string; args: Record<string, number> };
      return constantThen(n("rate"), n("steps"), build(inner.name, inner.args));
    }
    default:
      throw new Error(`no builder for ${name}`);
  }
}

function close(actual: number, expected: number, rel = 1e-12): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-300);
}

Deno.test("schedules equal Thinc 8.3's values for the first steps (fixture)", async (t) => {
  for (const c of fixture.cases) {
    await t.step(`${c.name} ${JSON.stringify(c.args)}`, () => {
      const schedule = build(c.name, c.args);
      c.values.forEach((expected, step) => {
        const got = schedule.at(step);
        assert.ok(close(got, expected), `step ${step}: ${got} != ${expected}`);
      });
      // Iterating yields the same values in order.
      const it = build(c.name, c.args)[Symbol.iterator]();
      for (const expected of c.values) {
        const got = it.next().value as number;
        assert.ok(close(got, expected), `iterated: ${got} != ${expected}`);
      }
    });
  }
});

Deno.test("compounding.v1 gives Thinc's exact values, so truncated batch sizes agree", () => {
  const c = fixture.cases.find((x) =>
    x.name === "compounding.v1" && (x.args.start as number) === 100
  )!;
  const s = build(c.name, c.args);
  c.values.forEach((expected, step) => assert.equal(s.at(step), expected));
  // Random access after sequential access recomputes from the start.
  assert.equal(s.at(3), c.values[3]);
});

Deno.test("compounding.v1 with a t offset starts later in the series", () => {
  const s = compounding(1, 100, 2, { t: 2 });
  assert.deepEqual([s.at(0), s.at(1)], [4, 8]);
  assert.equal(compounding(1, 100, 2, { t: 0.5 }).at(0), Math.SQRT2);
});

Deno.test("Schedule.at() rejects negative and fractional steps", () => {
  assert.throws(() => constant(1).at(-1), RangeError);
  assert.throws(() => constant(1).at(0.5), RangeError);
});

Deno.test("Schedule.values() steps from start by stepSize", () => {
  const it = decaying(1, 1).values(1, 2);
  assert.deepEqual([it.next().value, it.next().value], [1 / 2, 1 / 4]);
  assert.throws(() => decaying(1, 1).values(-1).next(), RangeError);
});

Deno.test("fromSequence() keeps its last value once exhausted", () => {
  const s = fromSequence([3, 2, 1]);
  assert.deepEqual([...Array(5).keys()].map((i) => s.at(i)), [3, 2, 1, 1, 1]);
  assert.throws(() => fromSequence([]), RangeError);
});

Deno.test("slanted_triangular.v1 refuses a zero-length rise", () => {
  assert.throws(() => slantedTriangular(1, 5, { cutFrac: 0.1 }), RangeError);
});

Deno.test("plateau.v1 scales after max_patience evaluations without improvement", () => {
  const s = plateau(2, 0.5, decaying(1, 1));
  // No score yet: the inner schedule unscaled.
  assert.equal(s.at(0), 1);
  assert.equal(s.at(1, { lastScore: [1, 0.5] }), 1 / 2);
  // The same evaluation seen again does not use patience.
  assert.equal(s.at(2, { lastScore: [1, 0.5] }), 1 / 3);
  assert.equal(s.at(3, { lastScore: [3, 0.4] }), 1 / 4);
  // Second evaluation without improvement: first plateau.
  assert.equal(s.at(4, { lastScore: [4, 0.5] }), 0.5 * (1 / 5));
  // An improvement resets patience but keeps the plateau count.
  assert.equal(s.at(5, { lastScore: [5, 0.9] }), 0.5 * (1 / 6));
  assert.equal(s.at(6, { lastScore: [6, 0.8] }), 0.5 * (1 / 7));
  assert.equal(s.at(7, { lastScore: [7, 0.8] }), 0.25 * (1 / 8));
  assert.throws(() => s.at(8, { lastScore: [2, 0.1] }), RangeError);
});

Deno.test("fromIterable() draws lazily, revisits steps, and keeps its last value", () => {
  let drawn = 0;
  function* counting() {
    for (let i = 0; i < 3; i++) {
      drawn++;
      yield 10 * i;
    }
  }
  const s = fromIterable(counting());
  assert.equal(drawn, 1);
  assert.equal(s.at(1), 10);
  assert.equal(s.at(1), 10);
  assert.equal(drawn, 2);
  assert.equal(s.at(0), 0);
  assert.deepEqual([s.at(2), s.at(3), s.at(100)], [20, 20, 20]);
  assert.throws(() => fromIterable([]), RangeError);
});
