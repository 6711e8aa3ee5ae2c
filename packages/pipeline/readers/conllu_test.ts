import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { parseConllu, readConllu } from "./conllu.ts";
import { recordText } from "./record_text.ts";
import type { DocRecord } from "./types.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
// The shared corpora sit beside the repository (../shared/data); tests using them are skipped elsewhere.
const data = new URL("../../../../shared/data/", import.meta.url).pathname;
const ewtSlice = `${here}en_ewt-ud-dev-slice.conllu`;

function readFixture(name: string): DocRecord[] {
  return parseConllu(Deno.readTextFileSync(here + name), { file: name });
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

Deno.test("parseConllu() reads the first EWT sentence with hand-checked annotation", () => {
  const [s] = readFixture("en_ewt-ud-dev-slice.conllu");
  assert.ok(s);
  assert.deepEqual(s.words, ["From", "the", "AP", "comes", "this", "story", ":"]);
  assert.deepEqual(s.tags, ["IN", "DT", "NNP", "VBZ", "DT", "NN", ":"]);
  assert.deepEqual(s.pos, ["ADP", "DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]);
  assert.deepEqual(s.lemmas, ["from", "the", "AP", "come", "this", "story", ":"]);
  // HEAD 3 3 4 0 6 4 4 -> absolute 0-based indices, root points at itself.
  assert.deepEqual(s.heads, [2, 2, 3, 3, 5, 3, 3]);
  assert.deepEqual(s.deps, ["case", "det", "obl", "ROOT", "det", "nsubj", "punct"]);
  assert.deepEqual(s.morphs?.slice(0, 3), ["", "Definite=Def|PronType=Art", "Number=Sing"]);
  assert.deepEqual(s.sent_starts, [1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(s.spaces, [true, true, true, true, true, true, true]);
  assert.equal(s.text, "From the AP comes this story :");
  assert.equal(
    s.meta?.sentId,
    "weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713-0001",
  );
  assert.equal(s.meta?.docId, "weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713");
  assert.deepEqual(s.meta?.comments, [
    "newpar id = weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713-p0001",
  ]);
  assert.equal(s.meta?.line, 1);
});

Deno.test("parseConllu() keeps every sentence of the EWT slice and rebuilds each # text exactly", () => {
  const text = Deno.readTextFileSync(ewtSlice);
  const records = parseConllu(text);
  assert.equal(records.length, text.split("# sent_id").length - 1);
  assert.equal(records.length, 26);
  for (const r of records) assert.equal(recordText(r).trimEnd(), r.text);
});

Deno.test("parseConllu() turns multiword tokens into words with surface spans", () => {
  const records = readFixture("en_ewt-ud-dev-slice.conllu");
  const today = records.find((r) => r.text?.startsWith("Today's"));
  assert.ok(today);
  assert.deepEqual(today.words.slice(0, 3), ["Today", "'s", "incident"]);
  assert.deepEqual(today.spaces.slice(0, 3), [false, true, true]);
  assert.deepEqual(today.multiwordTokens, [{ start: 0, end: 2, form: "Today's" }]);
  const didnt = records.find((r) => r.text?.endsWith("but they didn't."));
  assert.ok(didnt);
  const m = didnt.multiwordTokens?.[0];
  assert.deepEqual(m, { start: 28, end: 30, form: "didn't" });
  // SpaceAfter=No on the range line applies to the last word of the token.
  assert.deepEqual(didnt.spaces.slice(28, 30), [false, false]);
});

Deno.test("parseConllu() reads French contractions (du = de + le) and rebuilds the text", () => {
  const records = readFixture("fr_sequoia-ud-dev-slice.conllu");
  assert.equal(records.length, 12);
  let forms = 0;
  for (const r of records) {
    assert.equal(recordText(r).trimEnd(), r.text);
    for (const m of r.multiwordTokens ?? []) {
      forms++;
      const words = r.words.slice(m.start, m.end);
      if (m.form === "du") assert.deepEqual(words, ["de", "le"]);
      if (m.form === "au") assert.deepEqual(words, ["à", "le"]);
    }
  }
  assert.ok(forms > 0);
});

Deno.test("parseConllu() skips empty nodes as words but keeps them in meta", () => {
  const records = readFixture("en_ewt-ud-dev-slice.conllu");
  const withEmpty = records.filter((r) => r.meta?.emptyNodes);
  assert.equal(withEmpty.length, 1);
  const [node] = withEmpty[0]?.meta?.emptyNodes ?? [];
  assert.equal(node?.id, "8.1");
  assert.equal(node?.columns[1], "write");
  // The block has as many words as lines with an integer ID.
  const raw = Deno.readTextFileSync(ewtSlice).split("\n\n").find((b) => /^8\.1\t/m.test(b)) ?? "";
  assert.equal(withEmpty[0]?.words.length, raw.split("\n").filter((l) => /^\d+\t/.test(l)).length);
});

Deno.test("parseConllu() reports malformed input with file and line", async (t) => {
  await t.step("a line with 9 columns", () => {
    const e = errorOf(() => readFixture("bad_columns.conllu"));
    assert.ok(e instanceof SyntaxError);
    assert.match(e.message, /bad_columns\.conllu:1: expected 10 tab-separated columns, found 9/);
  });
  await t.step("a non-integer token ID", () => {
    const e = errorOf(() => readFixture("bad_id.conllu"));
    assert.ok(e instanceof SyntaxError);
    assert.match(e.message, /bad_id\.conllu:2: invalid token ID "x"/);
  });
  await t.step("a head past the sentence end", () => {
    const e = errorOf(() => readFixture("bad_head.conllu"));
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /bad_head\.conllu:6: head 7 is past the last word \(2\)/);
  });
  await t.step("a non-integer head", () => {
    const e = errorOf(() =>
      parseConllu("1\ta\ta\tX\tX\t_\tone\tdep\t_\t_\n", { file: "h.conllu" })
    );
    assert.ok(e instanceof SyntaxError);
    assert.match(e.message, /h\.conllu:1: invalid head "one"/);
  });
  await t.step("IDs out of sequence", () => {
    const text = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
    assert.throws(
      () => parseConllu(text, { file: "s.conllu" }),
      /s\.conllu:2: token ID 3 out of sequence/,
    );
  });
  await t.step("an empty file", () => {
    const e = errorOf(() => readFixture("empty.conllu"));
    assert.ok(e instanceof SyntaxError);
    assert.match(e.message, /empty\.conllu:1: no sentences found/);
  });
  await t.step("comments without tokens", () => {
    assert.throws(
      () => parseConllu("# text = hi\n\n", { file: "c.conllu" }),
      /c\.conllu:1: sentence has comments but no tokens/,
    );
  });
});

Deno.test("readConllu() streams the same records as parseConllu()", async () => {
  const streamed: DocRecord[] = [];
  for await (const r of readConllu(ewtSlice)) streamed.push(r);
  assert.deepEqual(streamed, parseConllu(Deno.readTextFileSync(ewtSlice), { file: ewtSlice }));
});

Deno.test("parseConllu() round-trips generated sentences (property)", () => {
  const word = fc.stringMatching(/^[A-Za-z]{1,6}$/);
  const sentence = fc.array(fc.record({ form: word, space: fc.boolean(), head: fc.nat() }), {
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), (sents) => {
    const text = sents.map((s) =>
      s.map((w, i) => {
        const head = w.head % (s.length + 1);
        const misc = w.space ? "_" : "SpaceAfter=No";
        return [
          i + 1,
          w.form,
          w.form.toLowerCase(),
          "X",
          "_",
          "_",
          head,
          head === 0 ? "root" : "dep",
          "_",
          misc,
        ].join("\t");
      }).join("\n")
    ).join("\n\n") + "\n";
    const records = parseConllu(text);
    assert.equal(records.length, sents.length);
    records.forEach((r, k) => {
      const s = sents[k] ?? [];
      assert.deepEqual(r.words, s.map((w) => w.form));
      assert.deepEqual(r.spaces, s.map((w) => w.space));
      assert.deepEqual(r.tags, s.map(() => "X"));
      assert.deepEqual(
        r.heads,
        s.map((w, i) => (w.head % (s.length + 1) === 0 ? i : (w.head % (s.length + 1)) - 1)),
      );
    });
  }));
});

const corpora = [
  // [file, sentences, syntactic words, multiword tokens, empty nodes] from the data's SOURCE.md.
  ["ud-english-ewt/en_ewt-ud-dev.conllu", 2001, 25147, 359, 4],
  ["ud-english-ewt/en_ewt-ud-train.conllu", 12544, 204577, 2614, 37],
  ["ud-french-sequoia/fr_sequoia-ud-dev.conllu", 412, 9999, 282, 0],
  ["ud-french-sequoia/fr_sequoia-ud-train.conllu", 2231, 50502, 1360, 0],
] as const;

for (const [file, sents, words, mwts, empty] of corpora) {
  Deno.test({
    name: `parseConllu() reads all of ${file} (${sents} sentences, exact text)`,
    ignore: !existsSync(data + file),
    fn() {
      const records = parseConllu(Deno.readTextFileSync(data + file), { file });
      assert.equal(records.length, sents);
      assert.equal(records.reduce((n, r) => n + r.words.length, 0), words);
      assert.equal(records.reduce((n, r) => n + (r.multiwordTokens?.length ?? 0), 0), mwts);
      assert.equal(records.reduce((n, r) => n + (r.meta?.emptyNodes?.length ?? 0), 0), empty);
      for (const r of records) assert.equal(recordText(r).trimEnd(), r.text, r.meta?.sentId);
    },
  });
}
