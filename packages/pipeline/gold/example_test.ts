import assert from "node:assert/strict";
import fc from "fast-check";
import { Doc } from "../doc/doc.ts";
import { docToJSON } from "../doc/doc_json.ts";
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

Deno.test("Example: length, copy(), toDict() → fromDict() round trip, splitSents()", async (t) => {
  const words = ["Anna", "lives", "in", "Paris", ".", "She", "smiles", "."];
  const spaces = [true, true, true, false, true, true, false, false];
  const predicted = new Doc(vocab, { words: ["Anna", "lives", "in", "Paris.", "She", "smiles."] });
  const eg = Example.fromDict(predicted, {
    words,
    spaces,
    tags: ["NNP", "VBZ", "IN", "NNP", ".", "PRP", "VBZ", "."],
    lemmas: ["Anna", "live", "in", "Paris", ".", "she", "smile", "."],
    heads: [1, 1, 1, 2, 1, 6, 6, 6],
    deps: ["nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"],
    entities: ["U-PER", "O", "O", "U-GPE", "O", "O", "O", "O"],
    cats: { HAPPY: 1 },
    spans: { sc: [[0, 4, "PER"], [14, 19, "GPE", "Q90"]] },
  });
  await t.step("length counts predicted tokens", () => {
    assert.equal(eg.length, 6);
    assert.equal(eg.reference.length, 8);
  });
  await t.step("copy() copies both docs", () => {
    const copy = eg.copy();
    assert.notEqual(copy.predicted, eg.predicted);
    assert.notEqual(copy.reference, eg.reference);
    copy.predicted.token(0).tag = "XX";
    assert.equal(eg.predicted.token(0).tag, "");
    assert.deepEqual(copy.getAligned("TAG"), eg.getAligned("TAG"));
  });
  await t.step("toDict() has spaCy's layout and fromDict() reads it back", () => {
    const d = eg.toDict();
    assert.deepEqual(d.token_annotation.HEAD, [1, 1, 1, 2, 1, 6, 6, 6]);
    assert.deepEqual(d.doc_annotation.entities, ["U-PER", "O", "O", "U-GPE", "O", "O", "O", "O"]);
    assert.deepEqual(d.doc_annotation.spans.sc, [[0, 4, "PER", ""], [14, 19, "GPE", "Q90"]]);
    assert.equal(d.token_annotation.POS, undefined); // not annotated
    const back = Example.fromDict(new Doc(vocab, { words: predicted.words }), d);
    assert.deepEqual(docToJSON(back.reference), docToJSON(eg.reference));
    assert.deepEqual(back.reference.cats, { HAPPY: 1 });
    assert.equal(back.reference.spans.get("sc")![1]!.kbId, "Q90");
  });
  await t.step("toDict() keeps sentence starts without a parse", () => {
    const s = Example.fromDict(new Doc(vocab, { words: ["a", "b", "c"] }), {
      sent_starts: [1, 0, 1],
    });
    assert.deepEqual(s.toDict().token_annotation.SENT_START, [1, -1, 1]);
    const back = Example.fromDict(new Doc(vocab, { words: ["a", "b", "c"] }), s.toDict());
    assert.deepEqual(back.reference.sents.map((x) => x.text), ["a b", "c"]);
  });
  await t.step("splitSents() cuts both docs at reference sentences", () => {
    const parts = eg.splitSents();
    assert.deepEqual(parts.map((p) => p.predicted.words), [
      ["Anna", "lives", "in", "Paris."],
      ["She", "smiles."],
    ]);
    assert.deepEqual(parts.map((p) => p.reference.words), [words.slice(0, 5), words.slice(5)]);
    assert.deepEqual(parts[1]!.getAligned("TAG"), ["PRP", null]);
    const flat = Example.fromDict(new Doc(vocab, { words: ["a"] }), { tags: ["X"] });
    assert.deepEqual(flat.splitSents(), [flat]);
  });
});
