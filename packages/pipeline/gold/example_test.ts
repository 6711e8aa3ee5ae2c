import assert from "node:assert/strict";
import fc from "fast-check";
import { Doc } from "../doc/doc.ts";
import { Vocab } from "../vocab/vocab.ts";
import { Alignment } from "./alignment.ts";
import {
  biluoTagsToSpans,
  docToBiluoTags,
  offsetsToBiluoTags,
  tagsToEntities,
} from "./biluo_utils.ts";
import { Example } from "./example.ts";
import type { EntityOffsets } from "./biluo_utils.ts";

interface ExampleCase {
  predicted: string[];
  pred_spaces: boolean[];
  dict: Record<string, unknown>;
  x2y: number[][];
  y2x: number[][];
  aligned_tags: (string | null)[];
  aligned_ner: (string | null)[];
  ref_biluo: string[];
  ref_ents: [number, number, string][];
}
interface OffsetCase {
  words: string[];
  spaces: boolean[];
  entities: EntityOffsets[];
  biluo: string[];
  spans: [number, number, string][];
}
const fixture: { examples: ExampleCase[]; offsets: OffsetCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/examples.json", import.meta.url)),
);
const vocab = new Vocab({ lang: "en" });

Deno.test("Example.fromDict() aligns and projects annotation as spaCy does (fixture)", async (t) => {
  for (const c of fixture.examples) {
    await t.step(c.predicted.join(" "), () => {
      const predicted = new Doc(vocab, { words: c.predicted, spaces: c.pred_spaces });
      const eg = Example.fromDict(predicted, c.dict);
      const list = (a: { length: number; get(i: number): Int32Array }) =>
        Array.from({ length: a.length }, (_, i) => [...a.get(i)]);
      assert.deepEqual(list(eg.alignment.x2y), c.x2y);
      assert.deepEqual(list(eg.alignment.y2x), c.y2x);
      assert.deepEqual(eg.getAligned("TAG"), c.aligned_tags);
      assert.deepEqual(eg.getAlignedNer(), c.aligned_ner);
      const iob = [...eg.y].map((tok) => tok.entIob + (tok.entType ? "-" + tok.entType : ""));
      assert.deepEqual(iob, c.ref_biluo);
      assert.deepEqual(eg.y.ents.map((e) => [e.start, e.end, e.label]), c.ref_ents);
    });
  }
});

Deno.test("offsetsToBiluoTags() and biluoTagsToSpans() match spaCy (fixture)", () => {
  for (const c of fixture.offsets) {
    const doc = new Doc(vocab, { words: c.words, spaces: c.spaces });
    const tags = offsetsToBiluoTags(doc, c.entities);
    assert.deepEqual(tags, c.biluo);
    assert.deepEqual(biluoTagsToSpans(doc, tags).map((s) => [s.start, s.end, s.label]), c.spans);
  }
});

Deno.test("offsetsToBiluoTags() rejects overlapping entities", () => {
  const doc = new Doc(vocab, { words: ["a", "b"] });
  assert.throws(() => offsetsToBiluoTags(doc, [[0, 3, "X"], [2, 3, "Y"]]), /Overlapping entities/);
});

Deno.test("tagsToEntities() rejects I/L without B", () => {
  assert.throws(() => tagsToEntities(["O", "I-X"]), SyntaxError);
  assert.throws(() => tagsToEntities(["L-X"]), SyntaxError);
  assert.throws(() => tagsToEntities(["Q-X"]), /Invalid BILUO tag/);
});

Deno.test("BILUO tags survive doc → tags → doc for random entity layouts", () => {
  const layout = fc.array(fc.constantFrom("O", "-", "U-A", "BL-B", "BIL-C"), {
    minLength: 1,
    maxLength: 10,
  });
  fc.assert(fc.property(layout, (parts) => {
    const tags: string[] = [];
    for (const p of parts) {
      if (p === "O" || p === "-" || p === "U-A") tags.push(p);
      else if (p === "BL-B") tags.push("B-B", "L-B");
      else tags.push("B-C", "I-C", "L-C");
    }
    const words = tags.map((_, i) => `w${i}`);
    const doc = new Doc(vocab, { words, ents: tags });
    assert.deepEqual(docToBiluoTags(doc), tags);
    const offsets = doc.ents.map((e) => [e.startChar, e.endChar, e.label] as const);
    const again = offsetsToBiluoTags(doc, offsets);
    assert.deepEqual(again, tags.map((t) => (t === "-" ? "O" : t)));
  }));
});

Deno.test("Alignment of random re-tokenizations covers every character", () => {
  const text = fc.stringMatching(/^[a-z]{1,30}$/);
  fc.assert(fc.property(text, fc.array(fc.nat(29)), fc.array(fc.nat(29)), (s, cutsA, cutsB) => {
    const split = (cuts: number[]) => {
      const at = [...new Set(cuts.filter((c) => c > 0 && c < s.length))].sort((a, b) => a - b);
      return [0, ...at].map((c, i) => s.slice(c, [...at, s.length][i]));
    };
    const a = split(cutsA);
    const b = split(cutsB);
    const al = Alignment.fromStrings(a, b);
    for (let i = 0; i < a.length; i++) {
      const ys = [...al.x2y.get(i)];
      assert.ok(ys.length >= 1);
      for (const j of ys) assert.ok([...al.y2x.get(j)].includes(i));
    }
  }));
  assert.throws(() => Alignment.fromStrings(["ab"], ["ac"]), /different texts/);
  assert.equal(Alignment.fromStrings(["A", "b"], ["ab"]).x2y.get(1)[0], 0);
});

Deno.test("Example.fromDict() reads parses, sentence starts, cats, spans and offsets", () => {
  const predicted = new Doc(vocab, { words: ["Hi", "Ann", ".", "Bye"] });
  const eg = Example.fromDict(predicted, {
    heads: [0, 0, 0, 3],
    deps: ["ROOT", "npadvmod", "punct", "ROOT"],
    cats: { GREETING: 1 },
    spans: { sc: [[3, 6, "NAME"]] },
    entities: [[3, 6, "PERSON"]],
  });
  assert.deepEqual(eg.getAlignedSentStarts(), [true, false, false, true]);
  assert.deepEqual(eg.getAlignedParse(), {
    heads: [0, 0, 0, 3],
    deps: ["ROOT", "npadvmod", "punct", "ROOT"],
  });
  assert.deepEqual(eg.y.cats, { GREETING: 1 });
  assert.equal(eg.y.spans.get("sc")![0]!.text, "Ann");
  assert.equal(eg.y.ents[0]!.label, "PERSON");
  const ss = Example.fromDict(predicted, { sent_starts: [1, 0, 0, 1] });
  assert.deepEqual(ss.y.sents.map((s) => s.start), [0, 3]);
  assert.throws(() => Example.fromDict(predicted, { tagz: [] }), /Unknown key "tagz"/);
  assert.throws(
    () => Example.fromDict(predicted, { spans: { sc: [[4, 6, "X"]] } }),
    /does not match/,
  );
  assert.throws(() => Example.fromDict(predicted, { words: ["Hello"] }), /different texts/);
  const nested = Example.fromDict(predicted, {
    doc_annotation: { cats: { A: 1 } },
    token_annotation: { tags: ["a", "b", "c", "d"] },
  });
  assert.deepEqual(nested.getAligned("TAG"), ["a", "b", "c", "d"]);
});
