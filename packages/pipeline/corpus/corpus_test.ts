import assert from "node:assert/strict";
import { registry } from "@weft/config";
import "./registrations.ts";
import { Doc } from "../doc/doc.ts";
import { Vocab } from "../vocab/vocab.ts";
import { Corpus, type DocMaker } from "./corpus.ts";
import { DocBin } from "./docbin.ts";
import { JsonlCorpus } from "./jsonl_corpus.ts";

const vocab = new Vocab();
const nlp: DocMaker = {
  vocab,
  makeDoc: (text) => {
    const words = text.split(" ").filter((w) => w !== "");
    return new Doc(vocab, {
      words,
      spaces: words.map((_, i) => i < words.length - 1 || text.endsWith(" ")),
    });
  },
};

function sentDoc(k: number, n: number): Doc {
  const words = Array.from({ length: n }, (_, i) => `w${k}_${i}`);
  return new Doc(vocab, {
    words,
    tags: words.map(() => "T"),
    sentStarts: words.map((_, i) => i % 3 === 0),
  });
}

async function withCorpus(fn: (dir: string) => void | Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/sub`);
    await new DocBin({ docs: [sentDoc(0, 2), sentDoc(1, 7)] }).toDisk(`${dir}/a.weftdocs`);
    await new DocBin({ docs: [sentDoc(2, 4), new Doc(vocab, { words: [] })] }).toDisk(
      `${dir}/sub/b.weftdocs`,
    );
    await Deno.writeTextFile(`${dir}/notes.txt`, "not a corpus");
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("Corpus reads a folder recursively, skipping empty docs", () =>
  withCorpus((dir) => {
    const corpus = new Corpus(dir);
    assert.deepEqual(corpus.files().map((f) => f.slice(dir.length)), [
      "/a.weftdocs",
      "/sub/b.weftdocs",
    ]);
    const egs = [...corpus.call(nlp)];
    assert.deepEqual(egs.map((e) => e.reference.length), [2, 7, 4]);
    assert.deepEqual(egs[1]!.predicted.words, egs[1]!.reference.words);
    assert.equal(new Corpus(`${dir}/a.weftdocs`, { limit: 1 }).count(nlp), 1);
    assert.equal(new Corpus(dir, { limit: 2 }).count(nlp), 2);
  }));

Deno.test("Corpus splits docs over maxLength into sentences and drops long sentences", () =>
  withCorpus((dir) => {
    const lengths = [...new Corpus(dir, { maxLength: 4 }).call(nlp)].map((e) => e.reference.length);
    // 2 fits; 7 splits into 3+3+1; 4 (not < 4) splits into 3+1.
    assert.deepEqual(lengths, [2, 3, 3, 1, 3, 1]);
    const gold = [...new Corpus(dir, { goldPreproc: true }).call(nlp)];
    assert.deepEqual(gold.map((e) => e.predicted.length), [2, 3, 3, 1, 3, 1]);
  }));

Deno.test("Corpus shuffling is seeded and changes each pass", () =>
  withCorpus((dir) => {
    const order = (c: Corpus) => [...c.call(nlp)].map((e) => e.reference.words[0]);
    const a = new Corpus(dir, { shuffle: true, seed: 3 });
    const b = new Corpus(dir, { shuffle: true, seed: 3 });
    const first = order(a);
    assert.deepEqual(order(b), first);
    assert.deepEqual([...first].sort(), ["w0_0", "w1_0", "w2_0"]);
    const passes = [first, order(a), order(a), order(a)].map((o) => o.join());
    assert.ok(new Set(passes).size > 1);
  }));

Deno.test("Corpus errors name the missing path or corrupt file", async () => {
  assert.throws(
    () => new Corpus("/nonexistent/corpus").files(),
    /Corpus path does not exist: \/nonexistent\/corpus/,
  );
  const path = await Deno.makeTempFile({ suffix: ".weftdocs" });
  await Deno.writeTextFile(path, "garbage");
  assert.throws(
    () => [...new Corpus(path).call(nlp)],
    (e: Error) => e instanceof SyntaxError && e.message.startsWith(path),
  );
  await Deno.remove(path);
});

Deno.test("spacy.Corpus.v1 and spacy.JsonlCorpus.v1 build readers from config arguments", async () =>
  await withCorpus(async (dir) => {
    const corpus = registry.readers.get("spacy.Corpus.v1")({
      path: dir,
      gold_preproc: false,
      max_length: 0,
      limit: 2,
    }) as Corpus;
    assert.equal(corpus.count(nlp), 2);
    assert.throws(() => registry.readers.get("spacy.Corpus.v1")({ path: null }), /no path/);
    await Deno.writeTextFile(
      `${dir}/t.jsonl`,
      '{"text": "a b"}\n\n{"text": "c d e f"}\n{"txt": 1}\n',
    );
    const jsonl = registry.readers.get("spacy.JsonlCorpus.v1")({
      path: `${dir}/t.jsonl`,
      max_length: 3,
    }) as JsonlCorpus;
    assert.throws(() => [...jsonl.call(nlp)], new RegExp(`t\\.jsonl:4: record has no "text"`));
    const limited = new JsonlCorpus(`${dir}/t.jsonl`, { limit: 1 });
    assert.deepEqual([...limited.call(nlp)].map((e) => e.text), ["a b"]);
  }));

Deno.test("Corpus keeps reference tokens when spaces are unknown, else tokenizes the text", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const docs = [
      new Doc(vocab, { words: ["ab", "c"] }),
      new Doc(vocab, { words: ["ab", "c"], spaces: [true, false] }),
    ];
    await new DocBin({ docs }).toDisk(`${dir}/x.weftdocs`);
    const chars: DocMaker = {
      vocab,
      makeDoc: (text) =>
        new Doc(vocab, {
          words: [...text.replaceAll(" ", "")],
          spaces: [...text.replaceAll(" ", "")].map(() => false),
        }),
    };
    const egs = [...new Corpus(dir).call(chars)];
    assert.deepEqual(egs.map((e) => e.predicted.words), [["ab", "c"], ["a", "b", "c"]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
