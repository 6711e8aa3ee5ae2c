import assert from "node:assert/strict";
import fc from "fast-check";
import { fixRandomSeed } from "@weft/layers";
import { Doc, Example, Language, type Tagger, type Tok2Vec } from "../mod.ts";
import { smallTok2vec, TAGGED, taggerModel } from "./testing_fixtures.ts";
import { PREDICT_CHUNK_WORDS, predictInChunks } from "./tok2vec_chunks.ts";

Deno.test("predictInChunks() keeps doc order and bounds each chunk's words", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(40), { maxLength: 60 }),
      fc.integer({ min: 1, max: 100 }),
      (lengths, maxWords) => {
        const docs = lengths.map((length, i) => ({ length, i }));
        const chunks: number[][] = [];
        const out = predictInChunks(docs, (chunk) => {
          chunks.push(chunk.map((d) => d.i));
          return chunk.map((d) => d.i);
        }, maxWords);
        assert.deepEqual(out, docs.map((d) => d.i));
        assert.deepEqual(chunks.flat(), docs.map((d) => d.i));
        for (const chunk of chunks) {
          const words = chunk.reduce((n, i) => n + lengths[i]!, 0);
          // A chunk only exceeds the bound when it is one long doc.
          assert.ok(words <= maxWords || chunk.length === 1);
        }
      },
    ),
  );
});

Deno.test("predictInChunks() rejects a prediction with the wrong number of outputs", () => {
  const docs = [{ length: 3 }, { length: 3 }];
  assert.throws(() => predictInChunks(docs, () => [1, 2, 3], 4), RangeError);
});

Deno.test("Tok2Vec and Tagger predict a batch over the chunk size as in one pass", async () => {
  fixRandomSeed(5);
  const nlp = Language.blank("en");
  const tok2vec = nlp.addPipe("tok2vec", { config: { model: smallTok2vec(16) } }) as Tok2Vec;
  const tagger = nlp.addPipe("tagger", {
    config: { model: taggerModel(smallTok2vec(16)) },
  }) as Tagger;
  const egs = TAGGED.map(([words, tags]) =>
    Example.fromDict(new Doc(nlp.vocab, { words }), { tags })
  );
  await nlp.initialize(() => egs);
  // Enough docs for three chunks, of different lengths.
  const docs: Doc[] = [];
  for (let words = 0, i = 0; words < 2.5 * PREDICT_CHUNK_WORDS; i++) {
    const ws = Array.from({ length: 1 + (i * 37) % 300 }, (_, j) => `w${(i * 7 + j) % 50}`);
    docs.push(new Doc(nlp.vocab, { words: ws }));
    words += ws.length;
  }
  for (const pipe of [tok2vec, tagger]) {
    const ops = pipe.model.ops;
    const chunked = pipe.predict(docs);
    const whole = pipe.model.predict(docs);
    assert.equal(chunked.length, docs.length);
    chunked.forEach((y, i) => assert.deepEqual(ops.readSync!(y), ops.readSync!(whole[i]!)));
  }
});
