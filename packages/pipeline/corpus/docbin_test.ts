import assert from "node:assert/strict";
import fc from "fast-check";
import { Doc } from "../doc/doc.ts";
import { docToJSON } from "../doc/doc_json.ts";
import { Vocab } from "../vocab/vocab.ts";
import { DocBin } from "./docbin.ts";

const vocab = new Vocab({ lang: "en" });

const docArb = fc.array(
  fc.record({
    word: fc.stringMatching(/^[A-Za-zé.]{1,5}$/),
    space: fc.boolean(),
    tag: fc.constantFrom("NN", "VB", null),
    pos: fc.constantFrom("NOUN", "VERB", null),
    morph: fc.constantFrom("Number=Sing", "Case=Nom|Number=Plur", null),
    lemma: fc.option(fc.stringMatching(/^[a-z]{1,4}$/)),
    ent: fc.constantFrom("O", "U-PER", "", "B-LOC"),
  }),
  { minLength: 1, maxLength: 15 },
).map((toks) => {
  const n = toks.length;
  const ents: string[] = toks.map((
    t,
    i,
  ) => (t.ent === "B-LOC" ? (i + 1 < n ? "B-LOC" : "U-LOC") : t.ent));
  for (let i = 0; i < n; i++) if (ents[i] === "B-LOC") ents[i + 1] = "L-LOC";
  const doc = new Doc(vocab, {
    words: toks.map((t) => t.word),
    spaces: toks.map((t) => t.space),
    tags: toks.map((t) => t.tag),
    pos: toks.map((t) => t.pos),
    morphs: toks.map((t) => t.morph),
    lemmas: toks.map((t) => t.lemma),
    heads: toks.map((_, i) => (i === 0 ? 0 : i - 1)),
    deps: toks.map((_, i) => (i === 0 ? "ROOT" : "dep")),
    ents,
  });
  doc.cats = { A: 1, B: 0.25 };
  doc.spans.set("sc", [doc.span(0, 1, "X"), doc.span(0, n, "ALL")]);
  doc.userData.set("meta", { line: 3, comments: ["c"] });
  return doc;
});

function snapshot(doc: Doc) {
  return {
    json: docToJSON(doc),
    iob: [...doc].map((t) => t.entIob),
    starts: [...doc.cols.sentStart],
    user: Object.fromEntries(doc.userData),
    unknownSpaces: doc.hasUnknownSpaces,
  };
}

Deno.test("DocBin round-trips docs losslessly through bytes", () => {
  fc.assert(
    fc.property(fc.array(docArb, { minLength: 0, maxLength: 4 }), (docs) => {
      const bin = new DocBin({ docs, storeUserData: true });
      const back = [...DocBin.fromBytes(bin.toBytes()).getDocs(new Vocab({ lang: "en" }))];
      assert.equal(back.length, docs.length);
      back.forEach((d, i) => assert.deepEqual(snapshot(d), snapshot(docs[i]!)));
    }),
    { numRuns: 50 },
  );
});

Deno.test("DocBin keeps whether spaces were unknown", () => {
  const docs = [
    new Doc(vocab, { words: ["a", "b"] }),
    new Doc(vocab, { words: ["a"], spaces: [false] }),
  ];
  const back = [...DocBin.fromBytes(new DocBin({ docs }).toBytes()).getDocs(vocab)];
  assert.deepEqual(back.map((d) => d.hasUnknownSpaces), [true, false]);
});

Deno.test("DocBin drops user data unless asked to keep it", () => {
  const doc = new Doc(vocab, { words: ["a"] });
  doc.userData.set("k", 1);
  const [back] = [...DocBin.fromBytes(new DocBin({ docs: [doc] }).toBytes()).getDocs(vocab)];
  assert.equal(back!.userData.size, 0);
});

Deno.test("DocBin.fromBytes() names the file for corrupt data", () => {
  const good = new DocBin({
    docs: [
      new Doc(vocab, { words: ["a", "b"], tags: ["X", "Y"], heads: [1, 1], deps: ["d", "ROOT"] }),
    ],
  })
    .toBytes();
  assert.throws(
    () => DocBin.fromBytes(new TextEncoder().encode("hello world!!"), "x.weftdocs"),
    (e: Error) =>
      e instanceof SyntaxError && /^x\.weftdocs: not a Weft corpus file/.test(e.message),
  );
  assert.throws(
    () => DocBin.fromBytes(good.subarray(0, good.length - 5), "t.weftdocs"),
    (e: Error) => e instanceof SyntaxError && /^t\.weftdocs: corrupt corpus data/.test(e.message),
  );
  const future = good.slice();
  new DataView(future.buffer).setUint32(8, 99, true);
  assert.throws(
    () => DocBin.fromBytes(future, "f.weftdocs"),
    /f\.weftdocs: corpus format version 99/,
  );
  // Flip bytes in the payload until validation (not decoding) catches it: every
  // corruption must raise a SyntaxError naming the file, never garbage docs.
  for (let i = 12; i < good.length; i++) {
    const bad = good.slice();
    bad[i] = bad[i]! ^ 0xff;
    try {
      const docs = [...DocBin.fromBytes(bad, "c.weftdocs").getDocs(new Vocab())];
      for (const d of docs) assert.ok(d.length >= 0);
    } catch (e) {
      assert.ok(e instanceof SyntaxError || e instanceof RangeError, String(e));
      assert.match((e as Error).message, /c\.weftdocs|Doc:|Span|POS/);
    }
  }
});
