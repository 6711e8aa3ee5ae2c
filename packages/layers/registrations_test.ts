/**
 * One table drives the check of every registered layer: build it by name from
 * config-style arguments, initialize it from samples, run forward and backward,
 * and compare backprop with finite differences. A registered name without a row
 * fails the first test.
 */
import assert from "node:assert/strict";
import { registry } from "@weft/config";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { gradCheck, type GradCheckOptions, LAYER_NAMES, type Model, setSeed } from "./mod.ts";

const ops = getOps("cpu");
let counter = 0;
function floats(rows: number, cols: number): Floats2d {
  counter++;
  const data = Array.from({ length: rows * cols }, (_, i) => Math.sin(counter * 3.1 + i * 1.37));
  return ops.asarray2f(data, rows, cols);
}
const F2 = () => floats(4, 3);
const list = () => [floats(2, 3), floats(3, 3)];
const ragged = () => ops.list2ragged(list());
const padded = () => ops.list2padded(list());
const ids1 = () => ops.asarray1i([3, 17, 3, 250, 9], "uint32");
const ids2 = () => ops.asarray2i([3, 1, 17, 2, 3, 1, 250, 4, 9, 5], 5, 2, "uint32");
const sparse = () =>
  [
    ops.asarray1i([1, 5, 9, 5, 30], "uint32"),
    ops.asarray1f([1, 0.5, -1, 2, 1]),
    new Int32Array([3, 2]),
  ] as const;

const build = (name: string, args: Record<string, unknown> = {}): Model =>
  registry.layers.get(name)(args) as Model;

interface Row {
  /** Config arguments (sublayers built through the registry). */
  args?: () => Record<string, unknown>;
  /** A sample input. */
  X: () => unknown;
  /** A sample output, for layers that infer nO from Y. */
  Y?: () => unknown;
  /** Gradient-check options (loss kind, whether inputs are differentiable). */
  check?: GradCheckOptions;
  /** Integer outputs: forward and backward run, no gradient check. */
  noGradient?: true;
}

const TABLE: Record<string, Row> = {
  "chain.v1": {
    args: () => ({ "*": [build("Relu.v1", { nO: 4 }), build("Linear.v1", { nO: 2 })] }),
    X: F2,
  },
  "concatenate.v1": {
    args: () => ({ "*": [build("Linear.v1", { nO: 2 }), build("Relu.v1", { nO: 3 })] }),
    X: F2,
  },
  "add.v1": {
    args: () => ({ "*": [build("Linear.v1", { nO: 2 }), build("Mish.v1", { nO: 2 })] }),
    X: F2,
  },
  "clone.v1": { args: () => ({ orig: build("Relu.v1", { nO: 3 }), n: 2 }), X: F2 },
  "residual.v1": { args: () => ({ layer: build("Relu.v1", { nO: 3 }) }), X: F2 },
  "noop.v1": { args: () => ({ "*": [build("Relu.v1", { nO: 3 })] }), X: F2 },
  "uniqued.v1": {
    args: () => ({
      layer: build("HashEmbed.v1", { nO: 3, nV: 20, seed: 2, column: 0 }),
      column: 0,
    }),
    X: ids2,
    check: { inputs: false },
  },
  "resizable.v1": { args: () => ({ layer: build("Linear.v1", { nO: 2 }) }), X: F2 },
  "bidirectional.v1": {
    args: () => ({ l2r: build("with_array.v1", { layer: build("Linear.v1", { nO: 2 }) }) }),
    X: padded,
  },
  "expand_window.v1": { args: () => ({ window_size: 1 }), X: ragged },
  "Linear.v1": { args: () => ({ nO: 2 }), X: F2 },
  "Relu.v1": { args: () => ({ nO: 4, dropout: 0.2, normalize: true }), X: F2 },
  "Maxout.v1": { args: () => ({ nO: 2, nP: 3, normalize: true }), X: F2 },
  "Mish.v1": { args: () => ({ nO: 2 }), X: F2 },
  "Gelu.v1": { args: () => ({ nO: 2 }), X: F2 },
  "Swish.v1": { args: () => ({ nO: 2 }), X: F2 },
  "Sigmoid.v1": { args: () => ({ nO: 2, init_W: glorot() }), X: F2 },
  "Softmax.v1": {
    args: () => ({ init_W: glorot() }),
    X: F2,
    Y: () => floats(4, 3),
    check: { loss: "crossentropy" },
  },
  "Softmax.v2": {
    args: () => ({ nO: 3, temperature: 2, normalize_outputs: false, init_W: glorot() }),
    X: F2,
    check: { loss: "crossentropy" },
  },
  "Logistic.v1": { X: F2 },
  "softmax_activation.v1": { X: F2 },
  "LayerNorm.v1": { X: F2 },
  "Dropout.v1": { args: () => ({ rate: 0.3 }), X: F2 },
  "ParametricAttention.v1": { X: ragged },
  "ParametricAttention.v2": {
    args: () => ({ key_transform: build("Gelu.v1", { nO: 3 }) }),
    X: ragged,
  },
  "SparseLinear.v1": { args: () => ({ nO: 2, length: 16 }), X: sparse, check: { inputs: false } },
  "SparseLinear.v2": { args: () => ({ nO: 2, length: 16 }), X: sparse, check: { inputs: false } },
  "LSTM.v1": {
    args: () => ({ nO: 4, bi: true, depth: 2, dropout: 0.2 }),
    X: padded,
    check: { ignoreParams: ["HC0"] },
  },
  "Embed.v1": { args: () => ({ nO: 3, nV: 10, column: 1 }), X: ids2, check: { inputs: false } },
  "HashEmbed.v1": { args: () => ({ nO: 3, nV: 20, seed: 1 }), X: ids1, check: { inputs: false } },
  "remap_ids.v1": { args: () => ({ mapping_table: { 3: 1, 17: 2 } }), X: ids1, noGradient: true },
  "remap_ids.v2": {
    args: () => ({ mapping_table: { 3: 1 }, column: 1 }),
    X: ids2,
    noGradient: true,
  },
  "reduce_sum.v1": { X: ragged },
  "reduce_mean.v1": { X: ragged },
  "reduce_max.v1": { X: ragged },
  "reduce_first.v1": { X: ragged },
  "reduce_last.v1": { X: ragged },
  "list2array.v1": { X: list },
  "list2ragged.v1": { X: list },
  "ragged2list.v1": { X: ragged },
  "list2padded.v1": { X: list },
  "padded2list.v1": { X: padded },
  "with_array.v1": { args: () => ({ layer: build("Relu.v1", { nO: 2 }), pad: 1 }), X: list },
  "with_padded.v1": {
    args: () => ({ layer: build("with_array.v1", { layer: build("Linear.v1", { nO: 2 }) }) }),
    X: list,
  },
  "with_ragged.v1": { args: () => ({ layer: build("ParametricAttention.v1") }), X: list },
  "with_list.v1": {
    args: () => ({ layer: build("with_array.v1", { layer: build("Relu.v1", { nO: 2 }) }) }),
    X: ragged,
  },
  "with_flatten.v1": {
    args: () => ({ layer: build("with_array.v1", { layer: build("Linear.v1", { nO: 2 }) }) }),
    X: () => [[floats(2, 3), floats(1, 3)], [floats(3, 3)]],
  },
  "with_cpu.v1": { args: () => ({ layer: build("Swish.v1", { nO: 2 }) }), X: F2 },
};

function glorot(): unknown {
  return registry.initializers.has("glorot_uniform_init.v1")
    ? registry.initializers.get("glorot_uniform_init.v1")({})
    : undefined;
}

Deno.test("every registered layer has a row in the gradient-check table", () => {
  const registered = [...registry.layers.getAll().keys()];
  const missing = registered.filter((name) => !(name in TABLE));
  assert.deepEqual(missing, [], `registered layers without a table row: ${missing.join(", ")}`);
  const unknown = Object.keys(TABLE).filter((name) => !registry.layers.has(name));
  assert.deepEqual(unknown, []);
  for (const name of LAYER_NAMES) assert.ok(registry.layers.has(name), name);
});

Deno.test("every registered layer initializes from samples and passes a gradient check", async (t) => {
  for (const [name, row] of Object.entries(TABLE)) {
    await t.step(name, () => {
      setSeed(0);
      const model = build(name, row.args?.() ?? {});
      const X = row.X();
      model.initialize({ X, Y: row.Y?.() });
      const [Y, backprop] = model.beginUpdate(X);
      assert.ok(Y !== undefined && Y !== null, `${name} produced no output`);
      if (row.noGradient) {
        backprop(Y);
        return;
      }
      const report = gradCheck(model, X, row.check ?? {});
      assert.ok(report.inputs + report.params > 0, `${name}: nothing was checked`);
    });
  }
});
