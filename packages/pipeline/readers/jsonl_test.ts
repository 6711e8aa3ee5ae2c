import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { parseJsonl, readJsonl } from "./jsonl.ts";
import type { DocRecord } from "./types.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const data = new URL("../../../../shared/data/", import.meta.url).pathname;

Deno.test("parseJsonl() reads CLINC150 lines into tokenized records with cats", () => {
  const text = Deno.readTextFileSync(here + "clinc150-dev-slice.jsonl");
  const records = parseJsonl(text, { file: "clinc" });
  assert.equal(records.length, 31);
  const [first] = records;
  assert.equal(first?.text, "in spanish, meet me tomorrow is said how");
  assert.deepEqual(first?.words, [
    "in",
    "spanish",
    ",",
    "meet",
    "me",
    "tomorrow",
    "is",
    "said",
    "how",
  ]);
  assert.deepEqual(first?.spaces, [true, false, true, true, true, true, true, true, false]);
  assert.deepEqual(first?.cats, { translate: 1 });
  assert.equal(first?.meta?.line, 1);
});

Deno.test("parseJsonl() fills the other labels with 0 when given all labels", () => {
  const records = parseJsonl('{"text": "hi", "label": "greeting"}\n', {
    labels: ["greeting", "oos", "bye"],
  });
  assert.deepEqual(records[0]?.cats, { greeting: 1, oos: 0, bye: 0 });
  assert.throws(
    () => parseJsonl('{"text": "x", "label": "nope"}', { labels: ["a"], file: "l.jsonl" }),
    /l\.jsonl:1: label "nope"/,
  );
});

Deno.test("parseJsonl() reads token records with spaCy keys and entity offsets", () => {
  const line = JSON.stringify({
    words: ["Ada", "Lovelace", "was", "born", "in", "London", "."],
    spaces: [true, true, true, true, true, false, false],
    tags: ["NNP", "NNP", "VBD", "VBN", "IN", "NNP", "."],
    heads: [1, 3, 3, 3, 5, 3, 3],
    entities: [[0, 12, "PERSON"], [25, 31, "GPE"]],
    meta: { id: 7 },
  });
  const [r] = parseJsonl(`\n${line}\n\n`, { file: "t.jsonl" });
  assert.deepEqual(r?.entities, ["B-PERSON", "L-PERSON", "O", "O", "O", "U-GPE", "O"]);
  assert.deepEqual(r?.heads, [1, 3, 3, 3, 5, 3, 3]);
  assert.deepEqual(r?.meta, { file: "t.jsonl", line: 2, extra: { id: 7 } });
});

Deno.test("parseJsonl() reports malformed input with file and line", async (t) => {
  await t.step("an invalid JSON line", () => {
    try {
      parseJsonl(Deno.readTextFileSync(here + "bad.jsonl"), { file: "bad.jsonl" });
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof SyntaxError);
      assert.match(e.message, /^Invalid JSON in bad\.jsonl:2: /);
    }
  });
  await t.step("a line that is not an object", () => {
    assert.throws(() => parseJsonl('{"text": "a"}\n[1, 2]\n', { file: "a.jsonl" }), TypeError);
  });
  await t.step("lists of different lengths", () => {
    assert.throws(
      () => parseJsonl('{"words": ["a", "b"], "tags": ["X"]}', { file: "n.jsonl" }),
      /n\.jsonl:1: "tags" has 1 items for 2 words/,
    );
  });
  await t.step("unbalanced entity tags", () => {
    assert.throws(
      () => parseJsonl('{"words": ["a", "b"], "entities": ["O", "L-X"]}', { file: "u.jsonl" }),
      RangeError,
    );
    assert.throws(
      () => parseJsonl('{"tokens": ["a", "b"], "ner_tags": ["O", "I-X"]}', { file: "u.jsonl" }),
      /u\.jsonl:1/,
    );
  });
  await t.step("an entity that does not fit the words", () => {
    assert.throws(
      () => parseJsonl('{"words": ["ab", "c"], "entities": [[0, 1, "X"]]}', { file: "o.jsonl" }),
      /o\.jsonl:1: entity \[0, 1/,
    );
  });
  await t.step("a head out of range", () => {
    assert.throws(
      () => parseJsonl('{"words": ["a"], "heads": [3]}', { file: "h.jsonl" }),
      /h\.jsonl:1: head 3/,
    );
  });
  await t.step("an empty file", () => {
    assert.throws(() => parseJsonl("\n\n", { file: "e.jsonl" }), /e\.jsonl:3: no records found/);
  });
});

Deno.test("readJsonl() streams the same records as parseJsonl()", async () => {
  const path = here + "clinc150-dev-slice.jsonl";
  const streamed: DocRecord[] = [];
  for await (const r of readJsonl(path)) streamed.push(r);
  assert.deepEqual(streamed, parseJsonl(Deno.readTextFileSync(path), { file: path }));
});

for (const [file, n] of [["clinc150/dev.jsonl", 3100], ["clinc150/train.jsonl", 15100]] as const) {
  Deno.test({
    name: `parseJsonl() reads all of ${file} (${n} records, 151 labels)`,
    ignore: !existsSync(data + file),
    fn() {
      const records = parseJsonl(Deno.readTextFileSync(data + file), { file });
      assert.equal(records.length, n);
      const labels = new Set(records.flatMap((r) => Object.keys(r.cats ?? {})));
      assert.equal(labels.size, 151);
      assert.equal(records.filter((r) => r.cats?.oos === 1).length, 100);
      for (const r of records) {
        const rebuilt = r.words.map((w, i) => w + (r.spaces[i] ? " " : "")).join("");
        assert.equal(rebuilt, r.text);
      }
    },
  });
}

Deno.test("parseJsonl() gives back generated token records (property)", () => {
  const record = fc.array(
    fc.record({
      word: fc.string({ minLength: 1, maxLength: 6 }),
      space: fc.boolean(),
      tag: fc.constantFrom("NN", "VB", "DT"),
    }),
    { minLength: 1, maxLength: 8 },
  ).map((ts) => ({
    words: ts.map((t) => t.word),
    spaces: ts.map((t) => t.space),
    tags: ts.map((t) => t.tag),
  }));
  fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 5 }), (records) => {
    const text = records.map((r) => JSON.stringify(r)).join("\n");
    const parsed = parseJsonl(text, { file: "p.jsonl" });
    assert.equal(parsed.length, records.length);
    parsed.forEach((p, k) => {
      const { meta, ...rest } = p;
      assert.deepEqual(rest, records[k]);
      assert.equal(meta?.line, k + 1);
    });
  }));
});

Deno.test("parseJsonl() keeps span groups and rejects malformed ones", () => {
  const [r] = parseJsonl(
    '{"text": "New York is big", "spans": {"sc": [[0, 8, "GPE"], [0, 3, "X", "Q1"]]}}',
  );
  assert.deepEqual(r?.spans, { sc: [[0, 8, "GPE"], [0, 3, "X", "Q1"]] });
  assert.throws(
    () => parseJsonl('{"text": "a", "spans": {"sc": [[1, 0, "X"]]}}', { file: "s.jsonl" }),
    /s\.jsonl:1: spans\["sc"\]/,
  );
  assert.throws(
    () => parseJsonl('{"text": "a", "spans": [[0, 1, "X"]]}', { file: "s.jsonl" }),
    TypeError,
  );
});
