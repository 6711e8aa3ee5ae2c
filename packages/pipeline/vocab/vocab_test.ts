import assert from "node:assert/strict";
import { Vocab } from "./vocab.ts";
import { Vectors } from "./vectors.ts";
import { float32ToNpy, npyToFloat32, vectorsFromNpy, vectorsFromText } from "./vectors_io.ts";
import { StringStore } from "./string_store.ts";

Deno.test("Vocab.get() creates each lexeme once", () => {
  const vocab = new Vocab({ lang: "en" });
  assert.equal(vocab.get("dog"), vocab.get("dog"));
  assert.equal(vocab.size, 1);
  assert.equal(vocab.get("n\u2019t").flag("IS_STOP"), true);
});

Deno.test("Vocab.addStopWords() flags existing and new lexemes", () => {
  const vocab = new Vocab({ lang: "en" });
  const lex = vocab.get("Weft");
  assert.equal(lex.flag("IS_STOP"), false);
  vocab.addStopWords(["weft", "warp"]);
  assert.equal(lex.flag("IS_STOP"), true);
  assert.equal(vocab.get("WARP").flag("IS_STOP"), true);
});

Deno.test("Vocab.memoryZone() removes lexemes and strings on return, throw and promise", async () => {
  const vocab = new Vocab();
  const before = vocab.strings.size;
  vocab.memoryZone(() => vocab.get("Zoned"));
  assert.equal(vocab.has("Zoned"), false);
  assert.equal(vocab.strings.has("zoned"), false);
  assert.throws(() =>
    vocab.memoryZone(() => {
      vocab.get("Thrown");
      throw new TypeError("boom");
    }), TypeError);
  assert.equal(vocab.has("Thrown"), false);
  await vocab.memoryZone(async () => {
    await Promise.resolve();
    vocab.get("Later");
    assert.equal(vocab.has("Later"), true);
  });
  assert.equal(vocab.has("Later"), false);
  assert.equal(vocab.strings.size, before);
  // Lexemes recreated after a zone get fresh, valid strings.
  assert.equal(vocab.get("Zoned").shapeText, "Xxxxx");
});

Deno.test("Vectors: keys share rows, findRows() uses low key words", () => {
  const strings = new StringStore();
  const v = new Vectors({ width: 3, strings });
  const r = v.add("cat", new Float32Array([1, 2, 3]));
  v.add("Cat", undefined, r);
  v.add("dog", new Float32Array([4, 5, 6]));
  assert.equal(v.rows, 2);
  assert.equal(v.nKeys, 3);
  const low = (w: string) => Number(strings.key(w) & 0xffffffffn);
  assert.deepEqual([...v.findRows(new Uint32Array([low("Cat"), low("dog"), low("eel")]))], [
    0,
    1,
    -1,
  ]);
  assert.throws(() => v.add("x", new Float32Array(2)), RangeError);
  const copy = Vectors.fromData(v.toData(), strings);
  assert.deepEqual([...copy.get("Cat")!], [1, 2, 3]);
  assert.deepEqual([...copy.data], [1, 2, 3, 4, 5, 6]);
});

Deno.test("vectorsFromText() reads word2vec text and names the bad line", () => {
  const v = vectorsFromText("cat 0.5 1\ndog -1 2e-1\n", new StringStore());
  assert.equal(v.width, 2);
  assert.deepEqual([...v.get("dog")!], [-1, Math.fround(0.2)]);
  assert.throws(
    () => vectorsFromText("2 2\ncat 1 2\ndog 1\n", new StringStore(), "vec.txt"),
    (e: Error) => e instanceof SyntaxError && e.message.startsWith("vec.txt:3:"),
  );
  assert.throws(
    () => vectorsFromText("cat 1 x\n", new StringStore(), "v.txt"),
    /v\.txt:1: invalid number "x"/,
  );
});

Deno.test(".npy round trip and loading vectors from it", () => {
  const data = Float32Array.from({ length: 12 }, (_, i) => i / 3);
  const bytes = float32ToNpy(data, [4, 3]);
  assert.deepEqual(npyToFloat32(bytes).data, data);
  const v = vectorsFromNpy(bytes, ["a", "b", "c", "d"], new StringStore());
  assert.deepEqual([...v.get("c")!], [...data.subarray(6, 9)]);
  assert.throws(() => npyToFloat32(new Uint8Array(20), "x.npy"), /x\.npy: not a \.npy file/);
  assert.throws(() => vectorsFromNpy(bytes, ["a"], new StringStore()), RangeError);
});

Deno.test("vocabToBytes()/vocabFromBytes() keep strings, language and vectors; errors name the file", async () => {
  const { vocabFromBytes, vocabToBytes } = await import("./vocab_io.ts");
  const vocab = new Vocab({ lang: "en", vectors: new Vectors({ width: 3 }) });
  vocab.get("Apple");
  vocab.vectors.add("apple", new Float32Array([1, 2, 3]));
  vocab.vectors.add("Apple", undefined, 0);
  const back = vocabFromBytes(vocabToBytes(vocab));
  assert.deepEqual(back.strings.toJSON(), vocab.strings.toJSON());
  assert.deepEqual([...back.vectors.get("Apple")!], [1, 2, 3]);
  assert.equal(back.vectors.nKeys, 2);
  assert.equal(back.get("Apple").flag("IS_TITLE"), true);
  assert.throws(
    () => vocabFromBytes(new Uint8Array([1, 2, 3]), "vocab.bin"),
    /^SyntaxError: vocab\.bin/,
  );
  const empty = vocabFromBytes(vocabToBytes(new Vocab()));
  assert.equal(empty.vectors.rows, 0);
});
