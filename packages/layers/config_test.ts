import assert from "node:assert/strict";
import { Config, ConfigValidationError, registry } from "@weft/config";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { LAYER_NAMES, Model } from "./mod.ts";

const ops = getOps("cpu");

const CONFIG = `
[model]
@layers = "chain.v1"

[model.*.hidden]
@layers = "Relu.v1"
nO = 8
dropout = 0.2

[model.*.hidden2]
@layers = "Maxout.v1"
nO = 6
normalize = true

[model.*.output]
@layers = "Softmax.v2"
temperature = 2.0
`;

Deno.test("a Thinc-style config builds a chain of registered layers", () => {
  const { model } = registry.resolve(Config.fromStr(CONFIG)) as {
    model: Model<Floats2d, Floats2d>;
  };
  assert.ok(model instanceof Model);
  assert.equal(model.name, "relu>>dropout>>maxout>>layernorm>>softmax");
  model.initialize({ X: ops.alloc2f(2, 5), Y: ops.alloc2f(2, 3) });
  assert.deepEqual(model.predict(ops.alloc2f(4, 5)).shape, [4, 3]);
});

Deno.test("registry.fill() adds Thinc's defaults to layer blocks", () => {
  const text = registry.fill(Config.fromStr(CONFIG)).toStr();
  assert.match(text, /normalize = false/);
  assert.match(text, /nP = 3/);
  assert.match(text, /normalize_outputs = true/);
});

Deno.test("a mistyped layer argument is reported", () => {
  const bad = CONFIG.replace("nO = 8", 'nO = "eight"');
  assert.throws(() => registry.resolve(Config.fromStr(bad)), ConfigValidationError);
});

Deno.test("every registered layer has an argument schema", () => {
  for (const name of LAYER_NAMES) {
    assert.ok(registry.layers.getSchema(name) !== undefined, name);
  }
});
