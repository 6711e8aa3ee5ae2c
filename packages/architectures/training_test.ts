import assert from "node:assert/strict";
import { Adam, SequenceCategoricalCrossentropy, setSeed } from "@weft/layers";
import { getOps } from "@weft/ops";
import { HashEmbedCNN, Tagger } from "./mod.ts";
import { makeDocs } from "./testdata/fake_docs.ts";

Deno.test("a tagger built from the architectures learns a tiny training set", () => {
  setSeed(0);
  const ops = getOps("cpu");
  const docs = makeDocs(["the dog barks", "a cat sleeps", "the cat barks", "dogs sleep"]);
  const tags = [["D", "N", "V"], ["D", "N", "V"], ["D", "N", "V"], ["N", "V"]];
  const names = ["D", "N", "V"];
  const model = Tagger({
    tok2vec: HashEmbedCNN({
      width: 16,
      depth: 2,
      embedSize: 100,
      windowSize: 1,
      maxoutPieces: 3,
      subwordFeatures: true,
      pretrainedVectors: null,
    }),
    nO: names.length,
  }).initialize({ X: docs });
  const loss = new SequenceCategoricalCrossentropy({ names });
  const optimizer = Adam({ learnRate: 0.01 });
  const losses: number[] = [];
  for (let step = 0; step < 40; step++) {
    const [guesses, backprop] = model.beginUpdate(docs);
    const [d, value] = loss.callSync(guesses, tags);
    losses.push(value);
    backprop(d);
    model.finishUpdate(optimizer);
  }
  assert.ok(losses.at(-1)! < losses[0]! / 10, `loss went from ${losses[0]} to ${losses.at(-1)}`);
  const predicted = model.predict(docs).map((g) =>
    [...ops.readSync!(ops.argmax(g))].map((i) => names[i]!)
  );
  assert.deepEqual(predicted, tags);
});
