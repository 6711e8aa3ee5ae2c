import assert from "node:assert/strict";
import { fixRandomSeed } from "@weft/layers";
import { docToJSON } from "../doc/doc_json.ts";
import { Language } from "./language.ts";
import "../pipes/registrations.ts";
import {
  smallTok2vec,
  taggedExamples,
  taggerModel,
  trainLosses,
} from "../pipes/testing_fixtures.ts";

// A morphologizer with overwrite=false only writes POS where none is set: had
// evaluate() annotated the caller's docs, a second evaluation after training
// would score the first evaluation's stale predictions.
async function trainedMorphologizer(): Promise<Language> {
  fixRandomSeed(3);
  const nlp = Language.blank("en");
  nlp.addPipe("morphologizer", {
    config: { model: taggerModel(smallTok2vec()), overwrite: false },
  });
  await nlp.initialize(() => taggedExamples(nlp.vocab));
  return nlp;
}

Deno.test("Language.evaluate() scores copies: the examples' predicted docs stay untouched", async () => {
  const nlp = await trainedMorphologizer();
  const egs = taggedExamples(nlp.vocab);
  const before = egs.map((eg) => JSON.stringify(docToJSON(eg.predicted)));
  const first = nlp.evaluate(egs);
  const second = nlp.evaluate(egs);
  delete first.speed;
  delete second.speed;
  assert.deepEqual(second, first);
  assert.deepEqual(egs.map((eg) => JSON.stringify(docToJSON(eg.predicted))), before);
  assert.ok(egs.every((eg) => !eg.predicted.hasAnnotation("POS")));
});

Deno.test("Language.evaluate() after training scores the new model, not earlier annotations", async () => {
  const nlp = await trainedMorphologizer();
  const egs = taggedExamples(nlp.vocab);
  const untrained = nlp.evaluate(egs).pos_acc as number;
  trainLosses(nlp, taggedExamples(nlp.vocab), "morphologizer", 30);
  const again = nlp.evaluate(egs);
  const fresh = nlp.evaluate(taggedExamples(nlp.vocab));
  assert.equal(again.pos_acc, fresh.pos_acc);
  assert.equal(again.pos_acc, 1);
  assert.ok(untrained < 1, `untrained pos_acc ${untrained}`);
});

Deno.test("Language.evaluateAsync() leaves the examples' predicted docs untouched", async () => {
  const nlp = await trainedMorphologizer();
  const egs = taggedExamples(nlp.vocab);
  const first = await nlp.evaluateAsync(egs);
  const second = await nlp.evaluateAsync(egs);
  assert.equal(second.pos_acc, first.pos_acc);
  assert.equal(second.morph_acc, first.morph_acc);
  assert.ok(egs.every((eg) => !eg.predicted.hasAnnotation("POS")));
});
