import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { type Floats2d, LOWER, NORM, ORTH, SHAPE } from "@weft/types";
import {
  CharEmbed,
  extractNgrams,
  FeatureExtractor,
  MultiHashEmbed,
  StaticVectors,
  utf8Columns,
} from "./mod.ts";
import { FakeDoc, FakeVectors, fnv1a } from "./testdata/fake_docs.ts";

const ops = getOps("cpu");
const read = (x: Parameters<NonNullable<typeof ops.readSync>>[0]) => [...ops.readSync!(x)];

Deno.test("FeatureExtractor() returns each doc's attribute ids, by name or id", () => {
  const doc = new FakeDoc("Hello World");
  const [X] = FeatureExtractor(["NORM", SHAPE]).predict([doc]);
  assert.deepEqual(X!.shape, [2, 2]);
  assert.deepEqual(read(X!), [fnv1a("hello"), fnv1a("Xxxxx"), fnv1a("world"), fnv1a("Xxxxx")]);
  assert.throws(() => FeatureExtractor(["NORMAL"]), RangeError);
});

Deno.test("utf8Columns() takes bytes from both ends of each word, as spaCy's to_utf8_array", () => {
  const text = (bytes: Uint8Array) => String.fromCharCode(...bytes.filter((b) => b !== 255));
  assert.equal(text(utf8Columns(["jumping"], 4)), "jgun");
  assert.equal(text(utf8Columns(["jumping"], 8)), "jgunmipp".slice(0, 7));
  assert.deepEqual([...utf8Columns(["ab", "é"], 3)], [97, 98, 255, 0xc3, 0xa9, 255]);
});

Deno.test("CharEmbed() looks up row E[c, byte] for byte c of each word", () => {
  const model = CharEmbed({ nM: 2, nC: 2 }).initialize();
  const E = model.getParam("E");
  const host = ops.readSync!(E);
  for (let i = 0; i < host.length; i++) host[i] = i; // E[c, v, m] = (c * 256 + v) * 2 + m
  model.setParam("E", ops.asarray(host, E.shape, "float32"));
  const [Y] = model.predict([new FakeDoc("ab")]);
  // Bytes in order first, last: 'a' (97) at c = 0, 'b' (98) at c = 1.
  assert.deepEqual(read(Y!), [97 * 2, 97 * 2 + 1, (256 + 98) * 2, (256 + 98) * 2 + 1]);
});

Deno.test("extractNgrams() counts unigrams and n-grams per document, sorted by key", () => {
  const doc = new FakeDoc("a b a b");
  const [keys, values, lengths] = extractNgrams({ ngramSize: 2, attr: ORTH }).predict([
    doc,
    new FakeDoc("c"),
  ]);
  const uni = doc.toArray([ORTH]);
  const bigrams = read(ops.ngrams(2, ops.asarray1i(uni, "uint32")));
  const counts = new Map<number, number>();
  for (const k of [...uni, ...bigrams]) counts.set(k, (counts.get(k) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  assert.deepEqual([...lengths], [sorted.length, 1]);
  assert.deepEqual(read(keys).slice(0, sorted.length), sorted);
  assert.deepEqual(read(values).slice(0, sorted.length), sorted.map((k) => counts.get(k)!));
  assert.equal(read(values).reduce((s, v) => s + v, 0), 4 + 3 + 1);
});

Deno.test("StaticVectors() projects each token's vector, zeros for tokens without one", () => {
  const vectors = new FakeVectors(["cat", "dog"], 3);
  const docs = [new FakeDoc("cat unknown dog", vectors)];
  const model = StaticVectors({ nO: 2 }).initialize({ X: docs });
  assert.equal(model.getDim("nM"), 3);
  const W = [1, 0, 2, 0, 1, -1];
  model.setParam("W", ops.asarray2f(W, 2, 3));
  const Y = read(model.predict(docs).dataXd);
  const v = (r: number) => [...vectors.data.slice(r * 3, r * 3 + 3)];
  const project = (x: number[]) =>
    [0, 1].map((o) => x.reduce((s, xi, i) => s + xi * W[o * 3 + i]!, 0));
  const expected = [...project(v(0)), 0, 0, ...project(v(1))];
  Y.forEach((y, i) => assert.ok(Math.abs(y - expected[i]!) < 1e-5));
  // The table is not trained: only W gets a gradient, the documents none.
  const [Yr, backprop] = model.beginUpdate(docs);
  assert.deepEqual(backprop(Yr), []);
  assert.ok(model.hasGrad("W"));
  assert.throws(() => model.predict([new FakeDoc("no vectors")]), TypeError);
});

Deno.test("StaticVectors() drops whole output columns in training only", () => {
  const vectors = new FakeVectors(["a", "b", "c"], 4);
  const docs = [new FakeDoc("a b c", vectors)];
  const model = StaticVectors({ nO: 8, dropout: 0.5 }).initialize({ X: docs });
  const Y = ops.readSync!(model.beginUpdate(docs)[0].dataXd as Floats2d);
  const kept = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => [0, 1, 2].map((r) => Y[r * 8 + c]!));
  // A dropped column is zero for every token.
  assert.ok(kept.every((col) => col.every((v) => v === 0) || col.every((v) => v !== 0)));
  assert.ok(kept.some((col) => col.every((v) => v === 0)));
  assert.ok(read(model.predict(docs).dataXd).every((v) => v !== 0));
});

Deno.test("MultiHashEmbed() gives table i seed 8 + i and its own column and rows", () => {
  const model = MultiHashEmbed({
    width: 4,
    attrs: ["NORM", "LOWER", "SHAPE"],
    rows: [30, 20, 10],
    includeStaticVectors: false,
  });
  const tables = model.walk().filter((n) => n.name === "hashembed");
  assert.deepEqual(tables.map((t) => t.getAttr("seed")), [8, 9, 10]);
  assert.deepEqual(tables.map((t) => t.getDim("nV")), [30, 20, 10]);
  const columns = model.walk().filter((n) => n.name === "ints-getitem");
  assert.deepEqual(columns.map((c) => c.getAttr("column")), [0, 1, 2]);
  const extractor = model.walk().find((n) => n.name === "extract_features")!;
  assert.deepEqual(extractor.getAttr("columns"), [NORM, LOWER, SHAPE]);
});
