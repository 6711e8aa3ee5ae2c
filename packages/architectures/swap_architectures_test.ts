import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import type { Model } from "@weft/layers";
import { getOps } from "@weft/ops";
import type { DocLike, Floats2d } from "@weft/types";
import "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

const ENSEMBLE = `
[components]

[components.textcat]
factory = "textcat"
labels = []

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v1"
exclusive_classes = false
pretrained_vectors = null
width = 64
conv_depth = 2
embed_size = 2000
window_size = 1
ngram_size = 1
dropout = 0
nO = null
`;

const BOW = `
[components]

[components.textcat]
factory = "textcat"
labels = []

[components.textcat.model]
@architectures = "spacy.TextCatBOW.v1"
exclusive_classes = false
ngram_size = 1
no_output_layer = false
nO = null
`;

Deno.test("swapping spacy.TextCatEnsemble.v1 for spacy.TextCatBOW.v1 in a config, as spaCy's docs do", () => {
  const ops = getOps("cpu");
  const docs = makeDocs(["I loved it", "Terrible film , really", "ok"]);
  for (const text of [ENSEMBLE, BOW]) {
    const resolved = registry.resolve(Config.fromStr(text)) as {
      components: { textcat: { labels: string[]; model: Model<DocLike[], Floats2d> } };
    };
    const { labels, model } = resolved.components.textcat;
    assert.deepEqual(labels, []);
    model.initialize({ X: docs, Y: ops.alloc2f(3, 2) });
    const Y = model.predict(docs);
    assert.deepEqual(Y.shape, [3, 2]);
    assert.equal(model.getAttr("multi_label"), true);
    // Logistic outputs: every score is a probability.
    assert.ok([...ops.readSync!(Y)].every((p) => p > 0 && p < 1));
  }
});
