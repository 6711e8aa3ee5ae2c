import assert from "node:assert/strict";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type Morphologizer } from "../mod.ts";
import { smallTok2vec, taggedExamples, taggerModel, trainLosses } from "./testing_fixtures.ts";

function morphPipeline(config: Record<string, unknown> = {}): [Language, Morphologizer] {
  fixRandomSeed(2);
  const nlp = Language.blank("en");
  const morph = nlp.addPipe("morphologizer", {
    config: { model: taggerModel(smallTok2vec()), ...config },
  }) as Morphologizer;
  return [nlp, morph];
}

Deno.test("Morphologizer combines POS and features into labels, in order of appearance", async () => {
  const [nlp, morph] = morphPipeline();
  await nlp.initialize(() => taggedExamples(nlp.vocab));
  assert.deepEqual(morph.labels, [
    "Case=Nom|POS=PRON",
    "POS=VERB",
    "Degree=Pos|POS=ADJ",
    "Number=Plur|POS=NOUN",
    "Mood=Imp|POS=VERB",
    "Number=Sing|POS=NOUN",
  ]);
  assert.equal((morph.cfg.labels_morph as Record<string, string>)["POS=VERB"], "");
  assert.equal((morph.cfg.labels_pos as Record<string, string>)["Case=Nom|POS=PRON"], "PRON");
});

Deno.test("Morphologizer: loss decreases and it predicts POS and features", async () => {
  const [nlp] = morphPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const losses = trainLosses(nlp, egs, "morphologizer", 30);
  assert.ok(losses.at(-1)! < losses[0]! / 5, `losses ${losses[0]} -> ${losses.at(-1)}`);
  const scores = nlp.evaluate(taggedExamples(nlp.vocab));
  assert.equal(scores.pos_acc, 1);
  assert.equal(scores.morph_acc, 1);
  const doc = nlp.call("They eat red apples");
  assert.deepEqual([...doc].map((t) => t.pos), ["PRON", "VERB", "ADJ", "NOUN"]);
  assert.deepEqual([...doc].map((t) => t.morph), ["Case=Nom", "", "Degree=Pos", "Number=Plur"]);
});

Deno.test("Morphologizer: extend keeps existing features and adds predicted ones", async () => {
  const [nlp, morph] = morphPipeline({ extend: true, overwrite: false });
  await nlp.initialize(() => taggedExamples(nlp.vocab), {
    morphologizer: { labels: ["Number=Plur|POS=NOUN"] },
  });
  assert.deepEqual(morph.labels, ["Number=Plur|POS=NOUN"]);
  const doc = new Doc(nlp.vocab, {
    words: ["x", "y"],
    morphs: ["Number=Sing|Foo=Bar", ""],
    pos: ["X", ""],
  });
  morph.call(doc);
  assert.equal(doc.token(0).morph, "Foo=Bar|Number=Sing");
  assert.equal(doc.token(0).pos, "X");
  assert.equal(doc.token(1).pos, "NOUN");
});

Deno.test("Morphologizer round-trips labels and weights through toBytes", async () => {
  const [nlp, morph] = morphPipeline();
  const egs = taggedExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "morphologizer", 10);
  const [other, copy] = morphPipeline();
  await copy.fromBytes(await morph.toBytes());
  assert.deepEqual(copy.labels, morph.labels);
  const words = ["I", "eat", "green", "ham"];
  const a = morph.call(new Doc(nlp.vocab, { words }));
  const b = copy.call(new Doc(other.vocab, { words }));
  assert.deepEqual([...b].map((t) => [t.pos, t.morph]), [...a].map((t) => [t.pos, t.morph]));
  // A gold label unknown to the component counts as missing.
  const eg = Example.fromDict(new Doc(nlp.vocab, { words: ["z"] }), { pos: ["SYM"] });
  assert.equal(morph.getLoss([eg], morph.model.beginUpdate([eg.predicted])[0])[0], 0);
});

Deno.test("Morphologizer takes spaCy's label tables from [initialize] settings", async () => {
  const [nlp, morph] = morphPipeline();
  await nlp.initialize(() => taggedExamples(nlp.vocab), {
    morphologizer: {
      labels: {
        morph: { "Number=Sing|POS=NOUN": "Number=Sing" },
        pos: { "Number=Sing|POS=NOUN": "NOUN" },
      },
    },
  });
  assert.deepEqual(morph.labels, ["Number=Sing|POS=NOUN"]);
  const doc = morph.call(new Doc(nlp.vocab, { words: ["x"] }));
  assert.deepEqual([doc.token(0).pos, doc.token(0).morph], ["NOUN", "Number=Sing"]);
});
