import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import "./mod.ts";

function resolve(text: string): unknown {
  return registry.resolve(Config.fromStr(text));
}

Deno.test("a Floats2d encoder where Tok2Vec.v2 expects List[Floats2d] is refused at build time, naming both", () => {
  const config = `
[model]
@architectures = "spacy.Tok2Vec.v2"

[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 8
attrs = ["NORM"]
rows = [50]
include_static_vectors = false

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v1"
width = 8
window_size = 1
maxout_pieces = 3
depth = 2
`;
  assert.throws(() => resolve(config), (e: unknown) => {
    assert.ok(e instanceof TypeError);
    assert.match(e.message, /spacy\.Tok2Vec\.v2/);
    assert.match(e.message, /"encode" must be a Model\[List\[Floats2d\], List\[Floats2d\]\]/);
    assert.match(e.message, /layer "residual\(expand_window>>maxout>>layernorm>>dropout\)>>/);
    assert.match(e.message, /is a Model\[Floats2d\|Ragged, /);
    return true;
  });
  // The v1 architecture takes exactly that encoder.
  assert.ok(resolve(config.replace("spacy.Tok2Vec.v2", "spacy.Tok2Vec.v1")));
});

Deno.test("a Floats2d layer as a tagger's tok2vec is refused at build time, naming both", () => {
  assert.throws(
    () =>
      resolve(`
[model]
@architectures = "spacy.Tagger.v2"

[model.tok2vec]
@layers = "Relu.v1"
nO = 8
`),
    /Cannot build spacy\.Tagger\.v2: argument "tok2vec" must be a Model\[List\[Doc\], List\[Floats2d\]\], but layer "relu" is a Model\[Floats2d, Floats2d\]/,
  );
});

Deno.test("a token-level model as the ensemble's linear model is refused at build time", () => {
  assert.throws(
    () =>
      resolve(`
[model]
@architectures = "spacy.TextCatEnsemble.v2"

[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 8

[model.linear_model]
@architectures = "spacy.Tok2VecListener.v1"
width = 8
`),
    /argument "linear_model" must be a Model\[List\[Doc\], Floats2d\], but layer "tok2vec-listener" is a Model\[List\[Doc\], List\[Floats2d\]\]/,
  );
});

Deno.test("a missing argument is reported by the config system with its section", () => {
  assert.throws(
    () =>
      resolve(`
[model]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 8
window_size = 1
depth = 2
`),
    /maxout_pieces/,
  );
});
