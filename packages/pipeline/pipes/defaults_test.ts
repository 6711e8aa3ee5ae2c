import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { Config } from "@weft/config";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type Tok2Vec } from "../mod.ts";
import { TAGGED } from "./testing_fixtures.ts";

const TESTDATA = new URL("./testdata/", import.meta.url);

function examples(nlp: Language): Example[] {
  return TAGGED.map(([words, tags, pos, morphs], i) =>
    Example.fromDict(new Doc(nlp.vocab, { words }), {
      tags,
      pos,
      morphs,
      sent_starts: words.map((_, j) => (j === 0 ? 1 : 0)),
      cats: { A: i % 2, B: 1 - (i % 2) },
    })
  );
}

Deno.test("addPipe() builds every trainable component from spaCy's default config", async (t) => {
  for (
    const factory of [
      "tagger",
      "senter",
      "morphologizer",
      "tok2vec",
      "textcat",
      "textcat_multilabel",
    ]
  ) {
    await t.step(factory, async () => {
      fixRandomSeed(0);
      const nlp = Language.blank("en");
      nlp.addPipe(factory);
      const egs = examples(nlp);
      await nlp.initialize(() => egs);
      const losses = nlp.update(egs, { sgd: null });
      assert.ok(Number.isFinite(losses[factory]!), `${factory} loss ${losses[factory]}`);
      nlp.call("They eat red apples");
    });
  }
});

Deno.test("spaCy's generated configs build, initialize and train", async (t) => {
  const listening: Record<string, string[]> = {
    tagger_textcat: ["tagger"],
    // spaCy's senter keeps its own small HashEmbedCNN; the textcats are bag-of-words.
    morph_senter_multilabel: ["morphologizer"],
  };
  for (const [name, expected] of Object.entries(listening)) {
    const path = new URL(`${name}.cfg`, TESTDATA);
    await t.step({
      name,
      ignore: !existsSync(path),
      fn: async () => {
        fixRandomSeed(0);
        const nlp = Language.fromConfig(Config.fromDisk(path));
        const tok2vec = nlp.getPipe("tok2vec") as Tok2Vec;
        // fromConfig links the listeners already.
        assert.deepEqual(tok2vec.listeningComponents, expected);
        const egs = examples(nlp);
        await nlp.initialize(() => egs);
        assert.deepEqual(tok2vec.listeningComponents, expected);
        const losses = nlp.update(egs, { drop: 0.1 });
        for (const n of nlp.pipeNames) assert.ok(Number.isFinite(losses[n]!), n);
        const scores = nlp.evaluate(examples(nlp));
        assert.equal(typeof scores.speed, "number");
      },
    });
  }
});
