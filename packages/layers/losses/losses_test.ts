import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { finiteDifferenceCheck } from "@weft/ops/testing";
import fc from "fast-check";
import type { Floats2d } from "@weft/types";
import { CategoricalCrossentropy } from "./categorical_crossentropy.ts";
import type { CategoricalTruths } from "./categorical_truths.ts";
import { CosineDistance } from "./cosine_distance.ts";
import { L2Distance } from "./l2_distance.ts";
import { SequenceCategoricalCrossentropy } from "./sequence_categorical_crossentropy.ts";

type Args = Record<string, unknown>;
type Truths = (number | string | null)[];

interface CategoricalCase {
  args: Args;
  truth_kind: "ints" | "int_array" | "strings" | "floats";
  truths: Truths | number[];
  guesses: number[];
  shape: [number, number];
  grad: number[];
  loss: number;
}

interface SequenceCase {
  args: Args;
  truths: Truths[];
  guesses: number[][];
  shapes: [number, number][];
  grads: number[][];
  loss: number;
}

interface DistanceCase {
  name: string;
  args: Args;
  guesses: number[];
  truths: number[];
  shape: [number, number];
  grad: number[];
  loss: number;
}

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/losses.json", import.meta.url)),
) as { categorical: CategoricalCase[]; sequence: SequenceCase[]; distance: DistanceCase[] };

const ops = getOps("cpu");

/** Thinc's config keys to the options, independently of the registry. */
function categoricalOptions(args: Args) {
  return {
    normalize: args.normalize as boolean | undefined,
    names: args.names as string[] | undefined,
    missingValue: args.missing_value as string | number | null | undefined,
    negPrefix: args.neg_prefix as string | undefined,
    labelSmoothing: args.label_smoothing as number | undefined,
  };
}

function truthsOf(c: CategoricalCase): CategoricalTruths {
  const [rows, cols] = c.shape;
  switch (c.truth_kind) {
    case "int_array":
      return Int32Array.from(c.truths as number[]);
    case "floats":
      return ops.asarray2f(c.truths as number[], rows, cols);
    default:
      return c.truths as CategoricalTruths;
  }
}

function assertClose(actual: ArrayLike<number>, expected: number[], what: string, rel = 1e-6) {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    assert.ok(
      Math.abs(a - e) <= rel * Math.max(Math.abs(e), 1e-3),
      `${what}[${i}]: ${a} vs ${e}`,
    );
  }
}

Deno.test("CategoricalCrossentropy.v3 matches Thinc's gradients and losses (fixture)", async (t) => {
  for (const c of fixture.categorical) {
    await t.step(`${c.truth_kind} ${JSON.stringify(c.args)}`, async () => {
      const loss = new CategoricalCrossentropy(categoricalOptions(c.args));
      const guesses = ops.asarray2f(c.guesses, ...c.shape);
      const [d, value] = loss.callSync(guesses, truthsOf(c));
      assertClose(ops.readSync!(d), c.grad, "grad");
      assertClose([value], [c.loss], "loss");
      assertClose([await loss.getLoss(guesses, truthsOf(c))], [c.loss], "async loss");
      assertClose([loss.getLossSync(guesses, truthsOf(c))], [c.loss], "sync loss");
    });
  }
});

Deno.test("SequenceCategoricalCrossentropy.v3 matches Thinc (fixture)", async (t) => {
  for (const c of fixture.sequence) {
    await t.step(JSON.stringify(c.args), async () => {
      const loss = new SequenceCategoricalCrossentropy(categoricalOptions(c.args));
      const guesses = c.guesses.map((g, i) => ops.asarray2f(g, ...c.shapes[i]!));
      const [grads, value] = await loss.call(guesses, c.truths as CategoricalTruths[]);
      grads.forEach((d, i) => assertClose(ops.readSync!(d), c.grads[i]!, `grad ${i}`));
      assertClose([value], [c.loss], "loss");
      assertClose([loss.getLossSync(guesses, c.truths as CategoricalTruths[])], [c.loss], "sync");
    });
  }
});

Deno.test("L2Distance.v1 and CosineDistance.v1 match Thinc (fixture)", async (t) => {
  for (const c of fixture.distance) {
    await t.step(`${c.name} ${JSON.stringify(c.args)}`, async () => {
      const guesses = ops.asarray2f(c.guesses, ...c.shape);
      const truths = ops.asarray2f(c.truths, ...c.shape);
      const loss = c.name === "L2Distance.v1"
        ? new L2Distance({ normalize: c.args.normalize as boolean | undefined })
        : new CosineDistance({
          normalize: c.args.normalize as boolean | undefined,
          ignoreZeros: c.args.ignore_zeros as boolean | undefined,
        });
      const [d, value] = await loss.call(guesses, truths);
      // Thinc sums float32 values; 1e-5 covers its rounding of the cosine terms.
      assertClose(ops.readSync!(d), c.grad, "grad", 1e-5);
      assertClose([value], [c.loss], "loss", 1e-5);
      assertClose(ops.readSync!(loss.getGrad(guesses, truths)), c.grad, "sync grad", 1e-5);
    });
  }
});

function softmaxRows(z: Float32Array, rows: number, cols: number): Float64Array {
  const p = new Float64Array(z.length);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, z[i * cols + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += p[i * cols + j] = Math.exp(z[i * cols + j]! - max);
    for (let j = 0; j < cols; j++) p[i * cols + j]! /= sum;
  }
  return p;
}

// Negative labels ("!B") are left out: Thinc's gradient for them (the guess at that
// column, nothing elsewhere) is a heuristic, not the derivative of a loss; the
// fixtures pin its values instead.
Deno.test("CategoricalCrossentropy's gradient is d(cross-entropy)/d(logits) (finite differences)", async (t) => {
  const rows = 4;
  const cols = 3;
  const logits = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(1.3 * i) * 1.5);
  const cases: [string, CategoricalCrossentropy, CategoricalTruths][] = [
    ["indices", new CategoricalCrossentropy(), [0, 2, 1, 1]],
    ["unnormalized", new CategoricalCrossentropy({ normalize: false }), [2, 2, 0, 1]],
    [
      "missing names",
      new CategoricalCrossentropy({ names: ["x", "y", "z"], missingValue: "" }),
      ["z", "", "x", ""],
    ],
    ["label smoothing", new CategoricalCrossentropy({ labelSmoothing: 0.3 }), [1, 0, 2, 2]],
  ];
  for (const [name, loss, truths] of cases) {
    await t.step(name, async () => {
      // The masked cross-entropy over the batch, as a function of the logits.
      const probe = loss.convertTruths(
        truths as Exclude<CategoricalTruths, Floats2d>,
        rows,
        cols,
      );
      const scale = loss.normalize ? 1 / rows : 1;
      const forward = ([z]: Float32Array[]) => {
        const p = softmaxRows(z!, rows, cols);
        let f = 0;
        for (let k = 0; k < p.length; k++) {
          f -= probe.mask[k]! * probe.target[k]! * Math.log(p[k]!) * scale;
        }
        return Float32Array.of(f);
      };
      const backward = ([z]: Float32Array[], dY: Float32Array) => {
        const p = softmaxRows(z!, rows, cols);
        const d = loss.getGrad(ops.asarray2f(Float32Array.from(p), rows, cols), truths);
        return [ops.readSync!(d).map((v) => v * dY[0]!)];
      };
      await finiteDifferenceCheck(forward, backward, [logits], { atol: 1e-4, rtol: 1e-2 });
    });
  }
});

Deno.test("L2Distance's gradient is d(½ squared error)/d(guesses) (finite differences)", async () => {
  const y = Float32Array.from({ length: 6 }, (_, i) => Math.cos(i));
  const loss = new L2Distance();
  const truths = ops.asarray2f(y, 3, 2);
  await finiteDifferenceCheck(
    ([yh]) => {
      let f = 0;
      for (let i = 0; i < y.length; i++) f += 0.5 * (yh![i]! - y[i]!) ** 2 / 3;
      return Float32Array.of(f);
    },
    ([yh], dY) => [
      ops.readSync!(loss.getGrad(ops.asarray2f(yh!, 3, 2), truths)).map((v) => v * dY[0]!),
    ],
    [Float32Array.from({ length: 6 }, (_, i) => Math.sin(2 * i))],
  );
});

Deno.test("CosineDistance's gradient is the derivative of its loss (finite differences)", async (t) => {
  for (const options of [{}, { normalize: false }, { ignoreZeros: true }]) {
    await t.step(JSON.stringify(options), async () => {
      const loss = new CosineDistance(options);
      const y = Float32Array.from({ length: 8 }, (_, i) => (i >= 4 && i < 6 ? 0 : Math.cos(i + 1)));
      const truths = ops.asarray2f(y, 4, 2);
      await finiteDifferenceCheck(
        ([yh]) => Float32Array.of(loss.getLossSync(ops.asarray2f(yh!, 4, 2), truths)),
        ([yh], dY) => [
          ops.readSync!(loss.getGrad(ops.asarray2f(yh!, 4, 2), truths)).map((v) => v * dY[0]!),
        ],
        [Float32Array.from({ length: 8 }, (_, i) => Math.sin(3 * i) + 0.1)],
        { atol: 1e-4 },
      );
    });
  }
});

Deno.test("categorical losses reject bad truths with specific errors", () => {
  const guesses = ops.asarray2f([0.5, 0.5, 0.5, 0.5], 2, 2);
  const plain = new CategoricalCrossentropy();
  assert.throws(() => plain.getGrad(guesses, ["a", "b"]), TypeError);
  assert.throws(() => plain.getGrad(guesses, [0]), RangeError);
  assert.throws(() => plain.getGrad(guesses, [0, 2]), RangeError);
  // null is missing by default; with another missing value it is an error.
  assert.deepEqual([...ops.readSync!(plain.getGrad(guesses, [0, null]))].slice(2), [0, 0]);
  assert.throws(
    () => new CategoricalCrossentropy({ missingValue: -1 }).getGrad(guesses, [0, null]),
    TypeError,
  );
  const named = new CategoricalCrossentropy({ names: ["a", "b"], negPrefix: "!" });
  assert.throws(() => named.getGrad(guesses, ["a", "c"]), /Unknown label "c"/);
  assert.throws(
    () => new CategoricalCrossentropy({ names: ["a"] }).getGrad(guesses, ["a", "a"]),
    RangeError,
  );
  const smoothed = new CategoricalCrossentropy({
    names: ["a", "b"],
    negPrefix: "!",
    labelSmoothing: 0.1,
  });
  assert.throws(() => smoothed.getGrad(guesses, ["a", "!b"]), RangeError);
  assert.throws(() => smoothed.getGrad(guesses, ops.asarray2f([1, 0, 0, 1], 2, 2)), RangeError);
  assert.throws(
    () => new CategoricalCrossentropy({ labelSmoothing: 0.5 }).getGrad(guesses, [0, 1]),
    RangeError,
  );
  assert.throws(
    () => new CategoricalCrossentropy({ labelSmoothing: -0.1 }).getGrad(guesses, [0, 1]),
    RangeError,
  );
  assert.throws(() => plain.getGrad(guesses, ops.alloc2f(2, 3)), RangeError);
});

Deno.test("losses name the backend when guesses live elsewhere", () => {
  const foreign = { ...ops, name: "elsewhere" } as typeof ops;
  const loss = new L2Distance({ ops: foreign });
  assert.throws(() => loss.getGrad(ops.alloc2f(1, 1), ops.alloc2f(1, 1)), TypeError);
});

Deno.test("SequenceCategoricalCrossentropy's gradients are d(mean sequence cross-entropy)/d(logits)", async () => {
  const loss = new SequenceCategoricalCrossentropy({ names: ["a", "b", "c"] });
  const truths: CategoricalTruths[] = [["a", "c"], [null, "b", "b"]];
  const lengths = [2, 3];
  const cols = 3;
  const logits = Float32Array.from({ length: 5 * cols }, (_, i) => Math.cos(0.8 * i) * 2);
  const split = (z: Float32Array) => [z.subarray(0, 2 * cols), z.subarray(2 * cols)];
  const forward = ([z]: Float32Array[]) => {
    let f = 0;
    split(z!).forEach((part, s) => {
      const p = softmaxRows(part, lengths[s]!, cols);
      const probe = loss.cc.convertTruths(
        truths[s] as Exclude<CategoricalTruths, Floats2d>,
        lengths[s]!,
        cols,
      );
      // Each sequence's unnormalized cross-entropy, divided by the number of sequences.
      for (let k = 0; k < p.length; k++) {
        f -= probe.mask[k]! * probe.target[k]! * Math.log(p[k]!) / lengths.length;
      }
    });
    return Float32Array.of(f);
  };
  const backward = ([z]: Float32Array[], dY: Float32Array) => {
    const guesses = split(z!).map((part, s) =>
      ops.asarray2f(Float32Array.from(softmaxRows(part, lengths[s]!, cols)), lengths[s]!, cols)
    );
    const grads = loss.getGrad(guesses, truths).map((d) => ops.readSync!(d));
    const out = new Float32Array(z!.length);
    out.set(grads[0]!, 0);
    out.set(grads[1]!, 2 * cols);
    return [out.map((v) => v * dY[0]!)];
  };
  await finiteDifferenceCheck(forward, backward, [logits], { atol: 1e-4 });
});

Deno.test("categorical gradient rows sum to zero for probability guesses (property)", () => {
  // Targets sum to one (also with label smoothing), guesses sum to one: each
  // unmasked row of guess - target sums to zero.
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 6 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
      fc.double({ min: 0, max: 0.4, noNaN: true }),
      fc.integer(),
      (cols, raw, smoothing, seed) => {
        const rows = raw.length;
        const labels = raw.map((r) => r % cols);
        const z = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(seed + 1.7 * i));
        const guesses = Float32Array.from(softmaxRows(z, rows, cols));
        const loss = new CategoricalCrossentropy({ labelSmoothing: smoothing });
        const d = ops.readSync!(loss.getGrad(ops.asarray2f(guesses, rows, cols), labels));
        for (let i = 0; i < rows; i++) {
          let sum = 0;
          for (let j = 0; j < cols; j++) sum += d[i * cols + j]!;
          assert.ok(Math.abs(sum) < 1e-6, `row ${i} sums to ${sum}`);
        }
      },
    ),
  );
});
