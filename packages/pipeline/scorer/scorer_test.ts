import assert from "node:assert/strict";
import { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import { Vocab } from "../vocab/vocab.ts";
import {
  morphologizerScore,
  nerScore,
  parserScore,
  senterScore,
  textcatMultilabelScore,
  textcatScore,
} from "./component_scorers.ts";
import { PRFScore, ROCAUCScore } from "./prf.ts";
import { Scorer } from "./scorer.ts";

interface DocData {
  words: string[];
  spaces: boolean[];
  tags: string[];
  pos: string[];
  morphs: string[];
  lemmas: string[];
  heads: number[] | null;
  deps: string[] | null;
  sent_starts: boolean[] | null;
  ents: string[];
  cats: Record<string, number>;
}
const fixture: {
  records: { predicted: DocData; reference: DocData }[];
  exclusive_cats: Record<string, number>[];
  scores: Record<string, Record<string, unknown>>;
} = JSON.parse(await Deno.readTextFile(new URL("./testdata/scores.json", import.meta.url)));

const vocab = new Vocab({ lang: "en" });

function makeDoc(d: DocData): Doc {
  const doc = new Doc(vocab, {
    words: d.words,
    spaces: d.spaces,
    tags: d.tags,
    pos: d.pos,
    morphs: d.morphs,
    lemmas: d.lemmas,
    ...(d.heads && d.deps ? { heads: d.heads, deps: d.deps } : {}),
    ...(d.sent_starts ? { sentStarts: d.sent_starts } : {}),
    ents: d.ents,
  });
  doc.cats = { ...d.cats };
  return doc;
}

const examples = fixture.records.map((r) =>
  new Example(makeDoc(r.predicted), makeDoc(r.reference))
);
const withCats = (cats: Record<string, number>[]) =>
  examples.map((eg, i) => {
    const ref = makeDoc(fixture.records[i]!.reference);
    ref.cats = cats[i]!;
    return new Example(eg.predicted, ref);
  });

// Scores are floats computed in the same order as spaCy's; allow rounding noise only.
function assertClose(actual: unknown, expected: unknown, path = "scores"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    assert.ok(Math.abs(actual - expected) <= 1e-12, `${path}: ${actual} != ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(
      actual !== null && typeof actual === "object",
      `${path}: expected an object, got ${actual}`,
    );
    assert.deepEqual(
      Object.keys(actual as object).sort(),
      Object.keys(expected).sort(),
      `${path}: keys`,
    );
    for (const [k, v] of Object.entries(expected)) {
      assertClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  } else assert.equal(actual, expected, path);
}

Deno.test("Scorer matches spaCy's scores on fixed predictions (fixture from spaCy 3.8)", async (t) => {
  const s = fixture.scores;
  await t.step(
    "token_acc/p/r/f",
    () => assertClose(Scorer.scoreTokenization(examples), s.tokenization),
  );
  await t.step("tag_acc", () => assertClose(Scorer.scoreTokenAttr(examples, "tag"), s.tag));
  await t.step("lemma_acc", () => assertClose(Scorer.scoreTokenAttr(examples, "lemma"), s.lemma));
  await t.step(
    "pos_acc, morph_acc, morph_per_feat",
    () => assertClose(morphologizerScore(examples), s.morphologizer),
  );
  await t.step(
    "dep_uas/las, sents (parser)",
    () => assertClose(parserScore(examples.filter((_, k) => k % 2 === 0)), s.parser),
  );
  await t.step("sents_p/r/f (senter)", () => assertClose(senterScore(examples), s.senter));
  await t.step("ents_p/r/f, ents_per_type", () => assertClose(nerScore(examples), s.ner));
  await t.step(
    "cats multi-label (macro AUC)",
    () =>
      assertClose(textcatMultilabelScore(examples, { labels: ["A", "B", "C"] }), s.cats_multilabel),
  );
  await t.step(
    "cats exclusive (macro F)",
    () =>
      assertClose(
        textcatScore(withCats(fixture.exclusive_cats), { labels: ["A", "B", "C"] }),
        s.cats_exclusive,
      ),
  );
  await t.step("cats binary with a positive label", () => {
    const binary = fixture.exclusive_cats.map((c) => ({ A: c.A!, B: 1 - c.A! }));
    assertClose(
      textcatScore(withCats(binary), { labels: ["A", "B"], positiveLabel: "A" }),
      s.cats_binary,
    );
  });
});

Deno.test("scoreTokenization() skips references with unknown spaces, as spaCy does", () => {
  const pred = new Doc(vocab, { words: ["ab", "c"], spaces: [true, false] });
  const unknown = Example.fromDict(pred, { words: ["a", "b", "c"] });
  assert.deepEqual(Scorer.scoreTokenization([unknown]).token_acc, null);
  const known = Example.fromDict(pred, { words: ["a", "b", "c"], spaces: [false, true, false] });
  assert.deepEqual(Scorer.scoreTokenization([known]), {
    token_acc: 0.5,
    token_p: 0.5,
    token_r: 1 / 3,
    token_f: 0.4,
  });
});

Deno.test("PRFScore gives 0 for empty counts and hand-computed values otherwise", () => {
  assert.deepEqual(new PRFScore().toDict(), { p: 0, r: 0, f: 0 });
  const s = new PRFScore(3, 1, 2);
  assert.equal(s.precision, 0.75);
  assert.equal(s.recall, 0.6);
  assert.ok(Math.abs(s.fscore - 2 / 3) < 1e-15);
});

Deno.test("ROCAUCScore counts ties as half and needs two classes", () => {
  const s = new ROCAUCScore();
  s.scoreSet(0.5, 1);
  s.scoreSet(0.5, 0);
  s.scoreSet(0.2, 0);
  assert.equal(s.score, 0.75);
  const one = new ROCAUCScore();
  one.scoreSet(0.3, 1);
  assert.throws(() => one.score, RangeError);
});

Deno.test("Scorer.score() combines tokenization and component scores", () => {
  const nlp = { pipeline: [["senter", { score: senterScore }], ["noscore", {}]] as const };
  const scores = new Scorer(nlp).score(examples);
  assertClose(scores.sents_f, fixture.scores.senter!.sents_f);
  assertClose(scores.token_acc, fixture.scores.tokenization!.token_acc);
  const per = new Scorer(nlp).score(examples, { perComponent: true });
  assert.deepEqual(Object.keys(per), ["tokenizer", "senter"]);
});
