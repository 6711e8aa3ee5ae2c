/**
 * Layers match Thinc 8.3: with the same parameters, input and output gradient, each
 * layer's output, input gradient and parameter gradients agree with
 * testdata/thinc_layers.json (made by testdata/make_layer_fixtures.py).
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { NdArray, Padded, Ragged, type Shape } from "@weft/types";
import {
  Embed,
  expandWindow,
  floatLeaves,
  Gelu,
  LayerNorm,
  Linear,
  LSTM,
  Maxout,
  Mish,
  type Model,
  ParametricAttention,
  reduceMax,
  reduceMean,
  Relu,
  Sigmoid,
  Softmax,
  Swish,
} from "./mod.ts";

const ops = getOps("cpu");

interface Encoded {
  kind: "floats" | "ints" | "ragged" | "padded";
  data: number[];
  shape: number[];
  lengths?: number[];
  sizeAtT?: number[];
  indices?: number[];
}

interface Case {
  name: string;
  params: Record<string, { shape: number[]; data: number[] }>;
  X: Encoded;
  Y: Encoded;
  dY: Encoded;
  dX: Encoded | null;
  grads: Record<string, number[]>;
  /** Compare the output only (Thinc's LSTM backward is not exact; ours is gradient-checked). */
  forwardOnly?: boolean;
}

const BUILDERS: Record<string, () => Model> = {
  "Linear": () => Linear({ nO: 3, nI: 4 }),
  "Relu": () => Relu({ nO: 3, nI: 4 }),
  "Maxout": () => Maxout({ nO: 3, nI: 4, nP: 2 }),
  "Mish": () => Mish({ nO: 3, nI: 4 }),
  "Gelu": () => Gelu({ nO: 3, nI: 4 }),
  "Swish": () => Swish({ nO: 3, nI: 4 }),
  "Sigmoid": () => Sigmoid({ nO: 3, nI: 4 }),
  "Softmax.v2": () => Softmax({ nO: 3, nI: 4, temperature: 2 }),
  "LayerNorm": () => LayerNorm({ nI: 4 }),
  "ParametricAttention": () => ParametricAttention({ nO: 4 }),
  "expand_window": () => expandWindow(1),
  "reduce_max": () => reduceMax(),
  "reduce_mean": () => reduceMean(),
  "Embed": () => Embed({ nO: 3, nV: 10 }),
  "LSTM": () => LSTM({ nO: 4, nI: 3, bi: true, depth: 2 }),
};

function decode(e: Encoded): unknown {
  if (e.kind === "ints") return ops.asarray(e.data, e.shape as Shape, "uint32");
  const data = ops.asarray(e.data, e.shape as Shape, "float32");
  if (e.kind === "ragged") {
    const rows = e.shape[0]!;
    return new Ragged(
      ops.reshape(data, [rows, data.size / Math.max(rows, 1)]),
      Int32Array.from(e.lengths!),
    );
  }
  if (e.kind === "padded") {
    return new Padded(
      ops.reshape(data, e.shape as unknown as readonly [number, number, number]),
      Int32Array.from(e.sizeAtT!),
      Int32Array.from(e.lengths!),
      Int32Array.from(e.indices!),
    );
  }
  return data;
}

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    assert.ok(
      d <= 1e-4 + 1e-4 * Math.abs(expected[i]!),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

function values(x: unknown): number[] {
  return floatLeaves(x).flatMap((leaf) => [...ops.readSync!(leaf)]);
}

const cases = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/thinc_layers.json", import.meta.url)),
) as Case[];

Deno.test("every fixture case has a builder", () => {
  assert.deepEqual(cases.map((c) => c.name).filter((n) => !(n in BUILDERS)), []);
});

for (const c of cases) {
  const what = c.forwardOnly ? "output" : "output and gradients";
  Deno.test(`${c.name} matches Thinc's ${what}`, () => {
    const model = BUILDERS[c.name]!();
    const X = decode(c.X);
    model.initialize({ X });
    for (const [name, p] of Object.entries(c.params)) {
      model.setParam(name, ops.asarray(p.data, p.shape as Shape, "float32"));
    }
    const [Y, backprop] = model.call(X, true);
    assertClose(values(Y), c.Y.data, "Y");
    if (c.forwardOnly) return;
    const dX = backprop(decode(c.dY));
    if (c.dX !== null && c.dX.kind !== "ints") assertClose(values(dX), c.dX.data, "dX");
    for (const [name, grad] of Object.entries(c.grads)) {
      const g = model.getGrad(name);
      assert.ok(g instanceof NdArray);
      assertClose(ops.readSync!(g), grad, `d${name}`);
    }
  });
}
