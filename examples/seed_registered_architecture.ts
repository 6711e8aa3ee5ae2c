/**
 * "Using wrapped models": register an architecture function in
 * `registry.architectures` and build it from the page's `config.cfg` excerpt.
 * The native version of the network (Relu → Dropout → Relu → Dropout → Softmax)
 * takes the place of the wrapped PyTorch one.
 *
 * Run: `deno run examples/seed_registered_architecture.ts`
 *
 * @module
 */
import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import { getOps } from "@weft/ops";
import type { Floats2d } from "@weft/types";
import { chain, Linear, type Model, Relu, setSeed, Softmax, withArray } from "@weft/layers";

const ops = getOps("cpu");
setSeed(0);

registry.architectures.register("CustomThincModel.v1", (args: Record<string, unknown>) => {
  const { nO, width, hidden_width: hiddenWidth, dropout } = args as Record<string, number>;
  // Stands in for spaCy's CharacterEmbed (an architecture of its own): 16 input features.
  const charEmbed: Model<Floats2d[], Floats2d[]> = withArray(Linear({ nO: width, nI: 16 }));
  const layers = chain(
    Relu({ nO: hiddenWidth, nI: width, dropout }),
    Relu({ nO: hiddenWidth, dropout }),
    Softmax({ nO }),
  );
  return chain(charEmbed, withArray(layers));
});

const config = Config.fromStr(`
[components]

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "CustomThincModel.v1"
nO = 50
width = 96
hidden_width = 48
embed_size = 2000
nM = 64
nC = 8
dropout = 0.2
`);
const resolved = registry.resolve(config) as {
  components: { tagger: { model: Model<Floats2d[], Floats2d[]> } };
};
const model = resolved.components.tagger.model;
model.initialize();
const Ys = model.predict([ops.alloc2f(3, 16), ops.alloc2f(5, 16)]);
assert.deepEqual(Ys.map((y) => y.shape), [[3, 50], [5, 50]]);
assert.equal(model.walk().filter((n) => n.name === "dropout").length, 2);
console.log(`${model.name}: ${Ys.map((y) => y.shape.join("x")).join(", ")}`);
