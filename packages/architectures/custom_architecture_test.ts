import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import type { Model } from "@weft/layers";
import type { DocLike, Floats2d } from "@weft/types";
import "./testdata/custom_architecture.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

Deno.test("an architecture registered by a user module builds from a config that names it", () => {
  const config = Config.fromStr(`
[components]

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "CustomTorchModel.v1"
nO = 50
width = 96
hidden_width = 48
embed_size = 2000
nM = 64
nC = 8
dropout = 0.2
`);
  const resolved = registry.resolve(config) as {
    components: { tagger: { factory: string; model: Model<DocLike[], Floats2d[]> } };
  };
  const { factory, model } = resolved.components.tagger;
  assert.equal(factory, "tagger");
  const docs = makeDocs(["The quick brown fox", "jumps"]);
  model.initialize({ X: docs });
  const Y = model.predict(docs);
  assert.deepEqual(Y.map((y) => y.shape), [[4, 50], [1, 50]]);
  const rowSums = [...model.ops.readSync!(Y[0]!)].reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(rowSums - 4) < 1e-4);
});
