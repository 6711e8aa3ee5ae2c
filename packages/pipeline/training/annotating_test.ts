import assert from "node:assert/strict";
import { Config, registry } from "@weft/config";
import type { Doc, Example } from "../mod.ts";
import { train } from "./exports.ts";
import "./testdata/tiny_tagger.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

// What a probe saw on the predicted docs of each update, by probe name.
const seen = new Map<string, string[][][]>();
// The share of tokens whose tag matched the gold tag, per update, by probe name.
const accuracy = new Map<string, number[]>();

// A component that trains nothing and records the tags on the predicted docs it
// is updated with: placed before and after an annotating tagger.
class TagProbe {
  constructor(readonly name: string) {
    seen.set(name, []);
    accuracy.set(name, []);
  }
  call(doc: Doc): Doc {
    return doc;
  }
  update(examples: readonly Example[], options: { losses?: Record<string, number> } = {}) {
    const tags = examples.map((eg) => [...eg.predicted].map((t) => t.tag));
    seen.get(this.name)!.push(tags);
    const gold = examples.flatMap((eg) => eg.getAligned("TAG"));
    const right = tags.flat().filter((t, i) => t === gold[i]).length;
    accuracy.get(this.name)!.push(right / gold.length);
    return options.losses ?? {};
  }
}
registry.factories.register("weft_test_tag_probe", (a) => new TagProbe(a.name as string));

function config(annotating: string[]): Config {
  return Config.fromStr(`
[nlp]
lang = "en"
pipeline = ["before", "tagger", "after"]

[components]

[components.before]
factory = "weft_test_tag_probe"

[components.tagger]
factory = "weft_test_tiny_tagger"
width = 8

[components.after]
factory = "weft_test_tag_probe"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = "${here}train.weftdocs"

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = "${here}dev.weftdocs"

[training]
seed = 7
dropout = 0.0
max_epochs = 3
max_steps = 0
eval_frequency = 1000
annotating_components = ${JSON.stringify(annotating)}

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 40
tolerance = 0.2

[training.score_weights]
tag_acc = 1.0
`);
}

const flat = (updates: string[][][]) => updates.flat(2);

Deno.test("annotating_components: later components see the tagger's predictions during training", async () => {
  const { nlp } = await train(config(["tagger"]));
  const before = seen.get("before")!;
  const after = seen.get("after")!;
  assert.ok(after.length >= 3, `${after.length} updates`);
  assert.equal(after.length, before.length);
  const labels = (nlp.getPipe("tagger") as unknown as { labels: string[] }).labels;
  // Every token downstream carries one of the tagger's labels...
  assert.ok(flat(after).every((t) => labels.includes(t)), `tags ${flat(after).slice(0, 8)}`);
  // ...while components before it, in every epoch, see untouched docs: the
  // annotations go on copies, not on the corpus' examples.
  assert.ok(flat(before).every((t) => t === ""), `tags ${flat(before).slice(0, 8)}`);
  // They are the tagger's current predictions: they improve as it trains.
  const acc = accuracy.get("after")!;
  assert.ok(acc.at(-1)! > 0.8 && acc.at(-1)! > acc[0]!, `accuracy ${acc[0]} -> ${acc.at(-1)}`);
});

Deno.test("annotating_components: without it, later components see no predictions", async () => {
  await train(config([]));
  assert.ok(flat(seen.get("after")!).every((t) => t === ""));
  assert.ok(flat(seen.get("before")!).every((t) => t === ""));
});
