import assert from "node:assert/strict";
import { convertFile, detectConverter } from "./convert.ts";
import { mergeRecords } from "./merge.ts";
import { parseConllu } from "./conllu.ts";
import { recordText } from "./record_text.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

Deno.test("detectConverter() picks by extension, then by content", () => {
  assert.equal(detectConverter("x.conllu", "Paris B-LOC\n"), "conllu");
  assert.equal(detectConverter("x.jsonl", "1\ta\n"), "jsonl");
  assert.equal(detectConverter("wikigold.conll.txt", "010 I-MISC\nis O\n"), "iob");
  assert.equal(detectConverter("x.iob2", "# sent_id = a\n# text = hi\n1\thi\tO\t-\t-\n"), "iob");
  assert.equal(detectConverter("x.conll", "-DOCSTART- O\n\nA O\n"), "iob");
  assert.equal(
    detectConverter("x.txt", "# a comment = 1\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n"),
    "conllu",
  );
  assert.equal(detectConverter("x.txt", '{"text": "a"}\n'), "jsonl");
  // A "#" token with a tag is a token line, not a comment.
  assert.equal(detectConverter("x.conll", "#\tO\n"), "iob");
});

Deno.test("convertFile() reads every fixture with converter auto", async () => {
  const cases: Array<[string, number]> = [
    ["en_ewt-ud-dev-slice.conllu", 26],
    ["fr_sequoia-ud-dev-slice.conllu", 12],
    ["uner_en_ewt-ud-dev-slice.iob2", 20],
    ["wikigold-slice.conll.txt", 12],
    ["wnut17-dev-slice.conll", 30],
    ["clinc150-dev-slice.jsonl", 31],
  ];
  for (const [name, n] of cases) {
    const records = await convertFile(here + name, { converter: "auto" });
    assert.equal(records.length, n, name);
  }
});

Deno.test("convertFile() groups nSents sentences per document without crossing documents", async () => {
  const path = here + "en_ewt-ud-dev-slice.conllu";
  const sents = parseConllu(Deno.readTextFileSync(path));
  const docs = await convertFile(path, { nSents: 10 });
  // The slice's first document has 7 sentences, the second 19 (10 + 9), the empty-node one 1.
  const docIds = sents.map((s) => s.meta?.docId);
  const sizes: number[] = [];
  let run = 0;
  docIds.forEach((id, i) => {
    run++;
    if (i + 1 === docIds.length || docIds[i + 1] !== id || run === 10) {
      sizes.push(run);
      run = 0;
    }
  });
  assert.deepEqual(docs.map((d) => d.sent_starts?.filter((s) => s === 1).length), sizes);
  assert.equal(
    docs.reduce((n, d) => n + d.words.length, 0),
    sents.reduce((n, s) => n + s.words.length, 0),
  );
  for (const d of docs) assert.equal(recordText(d).trimEnd(), d.text);
});

Deno.test("convertFile() rejects a bad nSents and names malformed files", async () => {
  await assert.rejects(
    () => convertFile(here + "wnut17-dev-slice.conll", { nSents: 0 }),
    RangeError,
  );
  await assert.rejects(() => convertFile(here + "bad_columns.conllu"), /bad_columns\.conllu:1/);
  await assert.rejects(() => convertFile(here + "unbalanced.conll"), /unbalanced\.conll:5/);
  await assert.rejects(
    () => convertFile(here + "empty.conllu"),
    /empty\.conllu:1: no sentences found/,
  );
});

Deno.test("mergeRecords() shifts heads and multiword tokens and keeps shared keys only", () => {
  const a = {
    words: ["Il", "va", "à", "le", "marché"],
    spaces: [true, true, false, true, false],
    heads: [1, 1, 4, 4, 1],
    multiwordTokens: [{ start: 2, end: 4, form: "au" }],
    tags: ["P", "V", "A", "D", "N"],
    text: "Il va au marché",
  };
  const b = { words: ["Oui"], spaces: [false], heads: [0], text: "Oui" };
  const doc = mergeRecords([a, b]);
  assert.deepEqual(doc.heads, [1, 1, 4, 4, 1, 5]);
  assert.deepEqual(doc.multiwordTokens, [{ start: 2, end: 4, form: "au" }]);
  assert.equal(doc.tags, undefined);
  assert.equal(recordText(doc), "Il va au marché Oui");
  assert.equal(doc.text, "Il va au marché Oui");
  assert.throws(() => mergeRecords([]), RangeError);
});

Deno.test("mergeRecords() shifts span offsets by the text before each part", () => {
  const a = {
    words: ["Hi", "Ann"],
    spaces: [true, false],
    spans: { sc: [[3, 6, "PER"]] as [number, number, string][] },
  };
  const b = {
    words: ["Bye", "Bob"],
    spaces: [true, false],
    spans: { sc: [[4, 7, "PER"]] as [number, number, string][] },
  };
  // "Hi Ann" + added space + "Bye Bob": Bob starts at 7 + 4 = 11.
  const doc = mergeRecords([a, b]);
  assert.deepEqual(doc.spans, { sc: [[3, 6, "PER"], [11, 14, "PER"]] });
  assert.equal(recordText(doc).slice(11, 14), "Bob");
});
