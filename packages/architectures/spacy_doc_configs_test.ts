import assert from "node:assert/strict";
import { Config, ConfigValidationError, registry } from "@weft/config";
import type { Model } from "@weft/layers";
import { getOps } from "@weft/ops";
import "./mod.ts";
import { FakeVectors, makeDocs } from "./testdata/fake_docs.ts";
import { SPACY_DOC_CONFIGS } from "./testdata/spacy_doc_configs.ts";

const ops = getOps("cpu");
const vectors = new FakeVectors(["The", "fox", "Dog"], 7);
const docs = makeDocs(["The quick brown fox", "A Dog barks ."], vectors);

function build(config: string): Model {
  return (registry.resolve(Config.fromStr(config)) as { model: Model }).model;
}

Deno.test("spaCy's documented config blocks build, initialize and run at their full sizes", async (t) => {
  for (const [name, { config, input }] of Object.entries(SPACY_DOC_CONFIGS)) {
    await t.step(name, () => {
      const model = build(config);
      if (input === "list") {
        const width = Number(/\nwidth = (\d+)/.exec(config)![1]);
        const Xs = [ops.alloc2f(4, width), ops.alloc2f(2, width)];
        model.initialize({ X: Xs });
        const Ys = model.predict(Xs) as { shape: readonly number[] }[];
        assert.deepEqual(Ys.map((y) => y.shape), [[4, width], [2, width]]);
        return;
      }
      const Y = name === "spacy.Tagger.v2"
        ? docs.map((d) => ops.alloc2f(d.length, 5))
        : name.startsWith("spacy.TextCat")
        ? ops.alloc2f(2, 3)
        : undefined;
      if (name === "spacy.StaticVectors.v2") model.setDim("nO", 10);
      model.initialize({ X: docs, Y });
      const out = model.predict(docs);
      assert.ok(out !== undefined);
    });
  }
});

Deno.test("spaCy's CharacterEmbed doc block lacks include_static_vectors, which is required as in spaCy", () => {
  const config = `
[model]
@architectures = "spacy.CharacterEmbed.v2"
width = 128
rows = 7000
nM = 64
nC = 8
`;
  assert.throws(() => build(config), (e: unknown) => {
    assert.ok(e instanceof ConfigValidationError);
    assert.match(e.message, /include_static_vectors/);
    return true;
  });
  const model = build(config + "include_static_vectors = false\n");
  model.initialize({ X: docs });
  assert.deepEqual((model.predict(docs) as { shape: number[] }[]).map((y) => y.shape), [[4, 128], [
    4,
    128,
  ]]);
});
