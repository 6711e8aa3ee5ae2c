import assert from "node:assert/strict";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type SentenceRecognizer } from "../mod.ts";
import { sentExamples, smallTok2vec, taggerModel, trainLosses } from "./testing_fixtures.ts";

function senterPipeline(): [Language, SentenceRecognizer] {
  fixRandomSeed(1);
  const nlp = Language.blank("en");
  const senter = nlp.addPipe("senter", {
    config: { model: taggerModel(smallTok2vec()) },
  }) as SentenceRecognizer;
  return [nlp, senter];
}

Deno.test("SentenceRecognizer: loss decreases and it learns the boundaries", async () => {
  const [nlp] = senterPipeline();
  const egs = sentExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const losses = trainLosses(nlp, egs, "senter", 30);
  assert.ok(losses.at(-1)! < losses[0]! / 5, `losses ${losses[0]} -> ${losses.at(-1)}`);
  const scores = nlp.evaluate(sentExamples(nlp.vocab));
  assert.equal(scores.sents_f, 1);
});

Deno.test("SentenceRecognizer: gold S/I from sentence starts, missing without annotation", async () => {
  const [nlp, senter] = senterPipeline();
  const egs = sentExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  const [scores] = senter.model.beginUpdate([egs[1]!.predicted]);
  // Zero output layer: (0.5, 0.5) per token; gold S at 0 and 2, I elsewhere.
  const [loss, d] = senter.getLoss([egs[1]!], scores);
  assert.ok(Math.abs(loss - 5 * 0.5) < 1e-5);
  const g = senter.model.ops.readSync!(d[0]!);
  assert.deepEqual([...g].map((v) => Math.sign(v)), [1, -1, -1, 1, 1, -1, -1, 1, -1, 1]);
  const unannotated = Example.fromDict(new Doc(nlp.vocab, { words: ["a", "b"] }), {});
  const [none] = senter.getLoss(
    [unannotated],
    senter.model.beginUpdate([unannotated.predicted])[0],
  );
  assert.equal(none, 0);
  assert.throws(() => senter.addLabel("X"), TypeError);
});

Deno.test("SentenceRecognizer round-trips through toBytes with identical boundaries", async () => {
  const [nlp, senter] = senterPipeline();
  const egs = sentExamples(nlp.vocab);
  await nlp.initialize(() => egs);
  trainLosses(nlp, egs, "senter", 10);
  const [, other] = senterPipeline();
  await other.fromBytes(await senter.toBytes());
  const words = ["Yes", ".", "Go", "home", "."];
  const a = senter.call(new Doc(nlp.vocab, { words }));
  const b = other.call(new Doc(nlp.vocab, { words }));
  assert.deepEqual([...b.cols.sentStart], [...a.cols.sentStart]);
});
