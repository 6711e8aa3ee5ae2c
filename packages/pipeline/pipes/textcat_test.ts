import assert from "node:assert/strict";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type TextCategorizer } from "../mod.ts";
import {
  catExamples,
  fastAdam,
  smallTok2vec,
  textcatModel,
  trainLosses,
} from "./testing_fixtures.ts";

function textcatPipeline(factory = "textcat"): [Language, TextCategorizer] {
  fixRandomSeed(4);
  const nlp = Language.blank("en");
  const textcat = nlp.addPipe(factory, {
    config: { model: textcatModel(smallTok2vec(), factory === "textcat") },
  }) as TextCategorizer;
  return [nlp, textcat];
}

Deno.test("TextCategorizer: loss decreases and it fits the training cats", async () => {
  const [nlp, textcat] = textcatPipeline();
  const egs = catExamples(nlp);
  await nlp.initialize(() => egs);
  assert.deepEqual(textcat.labels, ["POS", "NEG"]);
  const losses = trainLosses(nlp, egs, "textcat", 30);
  assert.ok(losses.at(-1)! < losses[0]! / 5, `losses ${losses[0]} -> ${losses.at(-1)}`);
  const scores = nlp.evaluate(catExamples(nlp));
  assert.equal(scores.cats_score, 1);
  assert.equal(scores.cats_score_desc, "macro F");
});

Deno.test("TextCategorizer loss is the mean squared error (hand-computed)", async () => {
  const [nlp, textcat] = textcatPipeline();
  const egs = catExamples(nlp);
  await nlp.initialize(() => egs);
  const ops = textcat.model.ops;
  const scores = ops.asarray2f([0.75, 0.25, 0.5, 0.5], 2, 2);
  // Gold: (1, 0) and (1, 0): differences (-0.25, 0.25) and (-0.5, 0.5).
  const [loss, d] = textcat.getLoss(egs.slice(0, 2), scores);
  assert.equal(loss, (0.0625 * 2 + 0.25 * 2) / 4);
  assert.deepEqual([...ops.readSync!(d)], [-0.25, 0.25, -0.5, 0.5]);
});

Deno.test("TextCategorizer rejects several positive cats and non-binary values", async () => {
  const [nlp, textcat] = textcatPipeline();
  await nlp.initialize(() => catExamples(nlp));
  const doc = () => new Doc(nlp.vocab, { words: ["x"] });
  assert.throws(
    () => textcat.update([Example.fromDict(doc(), { cats: { POS: 1, NEG: 1 } })]),
    /several positive cats/,
  );
  assert.throws(
    () => textcat.update([Example.fromDict(doc(), { cats: { POS: 0.5 } })]),
    /must be 0 or 1/,
  );
  const [other, one] = textcatPipeline();
  const single = [Example.fromDict(new Doc(other.vocab, { words: ["x"] }), { cats: { A: 1 } })];
  assert.throws(() => one.initialize(() => single), /at least 2 labels/);
});

Deno.test("MultiLabelTextCategorizer masks labels missing from the gold cats", async () => {
  const [nlp, textcat] = textcatPipeline("textcat_multilabel");
  const egs = catExamples(nlp, true);
  await nlp.initialize(() => egs);
  assert.deepEqual(textcat.labels, ["POS", "LONG"]);
  const ops = textcat.model.ops;
  const partial = Example.fromDict(new Doc(nlp.vocab, { words: ["x"] }), { cats: { LONG: 1 } });
  const [loss, d] = textcat.getLoss([partial], ops.asarray2f([0.5, 0.5], 1, 2));
  assert.deepEqual([...ops.readSync!(d)], [0, -0.5]);
  assert.equal(loss, 0.125);
  const losses = trainLosses(nlp, egs, "textcat_multilabel", 30);
  assert.ok(losses.at(-1)! < losses[0]! / 5, `losses ${losses[0]} -> ${losses.at(-1)}`);
  assert.equal(nlp.evaluate(catExamples(nlp, true)).cats_score, 1);
});

Deno.test("TextCategorizer round-trips through toBytes with identical scores", async () => {
  const [nlp, textcat] = textcatPipeline();
  const egs = catExamples(nlp);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "textcat", 5);
  const [other, copy] = textcatPipeline();
  await copy.fromBytes(await textcat.toBytes());
  assert.deepEqual(copy.labels, textcat.labels);
  const a = nlp.call("this is good").cats;
  const b = copy.call(other.makeDoc("this is good")).cats;
  assert.deepEqual(b, a);
});

Deno.test("TextCategorizer.rehearse() pulls predictions back to the teacher's", async () => {
  const [nlp, textcat] = textcatPipeline();
  const egs = catExamples(nlp);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "textcat", 10);
  nlp.resumeTraining();
  assert.ok(textcat.rehearsalModel !== null);
  // No change yet: the rehearsal loss is zero.
  assert.equal(nlp.rehearse(egs).textcat, 0);
  const sgd = fastAdam();
  // Train towards flipped cats, then rehearse: the distance to the teacher shrinks.
  const flipped = egs.map((eg) =>
    Example.fromDict(nlp.makeDoc(eg.text), {
      cats: { POS: eg.reference.cats.NEG!, NEG: eg.reference.cats.POS! },
    })
  );
  for (let i = 0; i < 5; i++) nlp.update(flipped, { sgd });
  const drift = nlp.rehearse(egs).textcat!;
  assert.ok(drift > 0);
  for (let i = 0; i < 10; i++) nlp.rehearse(egs, { sgd });
  assert.ok(nlp.rehearse(egs).textcat! < drift);
});

Deno.test("TextCategorizer.addLabel() after training grows a resizable model", async () => {
  fixRandomSeed(4);
  const nlp = Language.blank("en");
  const textcat = nlp.addPipe("textcat", {
    config: {
      model: {
        "@architectures": "spacy.TextCatBOW.v3",
        exclusive_classes: true,
        ngram_size: 1,
        no_output_layer: false,
        length: 1024,
      },
    },
  }) as TextCategorizer;
  const egs = catExamples(nlp);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "textcat", 10);
  const before = nlp.call("this is good").cats;
  assert.equal(textcat.addLabel("MEH"), 1);
  assert.deepEqual(textcat.labels, ["POS", "NEG", "MEH"]);
  const after = nlp.call("this is good").cats;
  assert.deepEqual(Object.keys(after), ["POS", "NEG", "MEH"]);
  assert.ok(after.POS! > after.NEG!, "the old labels keep their ranking");
  assert.ok(before.POS! > before.NEG!);
  const [, other] = textcatPipeline();
  await assert.rejects(() => other.fromBytes(new Uint8Array([1, 2])), TypeError);
  await assert.rejects(() => other.fromBytes(new Uint8Array([0x90])), TypeError);
});
