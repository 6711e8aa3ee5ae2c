import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { checkBiluo, iobToBiluo } from "./biluo.ts";
import { parseIob, readIob } from "./iob.ts";
import type { DocRecord } from "./types.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const data = new URL("../../../../shared/data/", import.meta.url).pathname;

function fixture(name: string): DocRecord[] {
  return parseIob(Deno.readTextFileSync(here + name), { file: name });
}

function entityCount(records: DocRecord[], label?: string): number {
  let n = 0;
  for (const r of records) {
    for (const t of r.entities ?? []) {
      if (
        (t.startsWith("B-") || t.startsWith("U-")) && (label === undefined || t.slice(2) === label)
      ) n++;
    }
  }
  return n;
}

Deno.test("parseIob() reads wikigold's space-separated IOB1 with -DOCSTART- documents", () => {
  const records = fixture("wikigold-slice.conll.txt");
  assert.equal(records.length, 12);
  const [first] = records;
  assert.deepEqual(first?.words.slice(0, 3), ["010", "is", "the"]);
  // 010/I-MISC ... Japanese/I-MISC ... The Mad Capsule Markets/I-ORG x4 ./O
  assert.deepEqual(first?.entities, [
    "U-MISC",
    "O",
    "O",
    "O",
    "O",
    "O",
    "U-MISC",
    "O",
    "O",
    "O",
    "B-ORG",
    "I-ORG",
    "I-ORG",
    "L-ORG",
    "O",
  ]);
  assert.equal(first?.meta?.docId, undefined);
  assert.equal(records[records.length - 1]?.meta?.docId, "1");
  for (const r of records) checkBiluo(r.entities ?? []);
});

Deno.test("parseIob() reads WNUT's tab-separated IOB2", () => {
  const records = fixture("wnut17-dev-slice.conll");
  assert.equal(records.length, 30);
  assert.deepEqual(records[0]?.words.slice(0, 5), ["Stabilized", "approach", "or", "not", "?"]);
  // 26 B- tags in the slice, so 26 entities.
  assert.equal(entityCount(records), 26);
  assert.ok(records.every((r) => r.spaces.every((s) => s)));
});

Deno.test("parseIob() reads UNER's TSV with comments and takes spaces from # text", () => {
  const records = fixture("uner_en_ewt-ud-dev-slice.iob2");
  assert.equal(records.length, 20);
  const [s] = records;
  assert.equal(s?.meta?.sentId, "answers-20070404104007AAY1Chs_ans-0001");
  assert.deepEqual(s?.words.slice(5, 9), ["in", "tampa", "bay", ","]);
  assert.deepEqual(s?.entities?.slice(5, 9), ["O", "B-LOC", "L-LOC", "O"]);
  // "... anothers please?" : no space between "please" and "?".
  assert.deepEqual(s?.spaces.slice(-2), [false, true]);
  assert.equal(s?.text?.endsWith("please?"), true);
  assert.deepEqual(s?.meta?.comments, ["newdoc id = answers-20070404104007AAY1Chs_ans"]);
});

Deno.test("parseIob() reports malformed input with file and line", async (t) => {
  await t.step("unbalanced IOB2: an I- tag after O", () => {
    try {
      fixture("unbalanced.conll");
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof RangeError);
      assert.match(e.message, /unbalanced\.conll:5: "I-location" does not continue an entity/);
    }
  });
  await t.step("a bad tag", () => {
    assert.throws(
      () => parseIob("a X-PER\n", { file: "t.iob" }),
      /t\.iob:1: invalid entity tag "X-PER"/,
    );
  });
  await t.step("a line without a tag", () => {
    assert.throws(() => parseIob("lonely\n", { file: "t.iob" }), SyntaxError);
  });
  await t.step("a different column count", () => {
    assert.throws(
      () => parseIob("a\tO\nb\tc\tO\n", { file: "t.iob" }),
      /t\.iob:2: expected 2 columns/,
    );
  });
  await t.step("an empty file", () => {
    assert.throws(() => parseIob("", { file: "e.iob" }), /e\.iob:1: no sentences found/);
  });
});

Deno.test("readIob() streams the same records as parseIob()", async () => {
  const path = here + "wnut17-dev-slice.conll";
  const streamed: DocRecord[] = [];
  for await (const r of readIob(path)) streamed.push(r);
  assert.deepEqual(streamed, parseIob(Deno.readTextFileSync(path), { file: path }));
});

Deno.test("iobToBiluo() and checkBiluo() agree on generated IOB2 sequences (property)", () => {
  const tag = fc.constantFrom("O", "B-A", "I-A", "B-B", "I-B");
  fc.assert(fc.property(fc.array(tag, { maxLength: 12 }), (tags) => {
    // Make the sequence valid IOB2: an I- that continues nothing becomes B-.
    const iob = tags.map((
      t,
      i,
    ) => (t.startsWith("I-") && (i === 0 || tags[i - 1]?.slice(2) !== t.slice(2))
      ? "B" + t.slice(1)
      : t)
    );
    for (let i = 1; i < iob.length; i++) {
      const t = iob[i] as string;
      if (t.startsWith("I-") && (iob[i - 1] as string).slice(2) !== t.slice(2)) {
        iob[i] = "B" + t.slice(1);
      }
    }
    const biluo = iobToBiluo(iob, "iob2");
    checkBiluo(biluo);
    // Back to IOB2 by hand: B/U -> B, I/L -> I.
    assert.deepEqual(
      biluo.map((t) => (t === "O" ? t : (t[0] === "B" || t[0] === "U" ? "B" : "I") + t.slice(1))),
      iob,
    );
  }));
});

const nerFiles = [
  // [file, sentences, tokens, entities] from the data's SOURCE.md.
  ["wikigold/wikigold.conll.txt", 1696, 39007, undefined],
  ["wnut17/wnut17train.conll", 3394, 62730, 1975],
  ["wnut17/emerging.dev.conll", 1009, 15733, 836],
  ["uner-english-ewt/en_ewt-ud-dev.iob2", 2001, 25149, 343 + 399 + 224],
] as const;

for (const [file, sents, tokens, ents] of nerFiles) {
  Deno.test({
    name: `parseIob() reads all of ${file} (${sents} sentences)`,
    ignore: !existsSync(data + file),
    fn() {
      const records = parseIob(Deno.readTextFileSync(data + file), { file });
      assert.equal(records.length, sents);
      assert.equal(records.reduce((n, r) => n + r.words.length, 0), tokens);
      if (ents !== undefined) assert.equal(entityCount(records), ents);
      for (const r of records) checkBiluo(r.entities ?? []);
    },
  });
}

Deno.test({
  name: "parseIob() finds wikigold's 145 documents and its I- token counts per type",
  ignore: !existsSync(data + "wikigold/wikigold.conll.txt"),
  fn() {
    const records = parseIob(Deno.readTextFileSync(data + "wikigold/wikigold.conll.txt"));
    assert.equal(new Set(records.map((r) => r.meta?.docId ?? "0")).size, 145);
    const tokens = (label: string) =>
      records.reduce(
        (n, r) => n + (r.entities ?? []).filter((t) => t.endsWith(`-${label}`)).length,
        0,
      );
    assert.deepEqual([tokens("PER"), tokens("LOC"), tokens("ORG"), tokens("MISC")], [
      1634,
      1447,
      1958,
      1392,
    ]);
  },
});

Deno.test({
  name: "parseIob() takes UNER entity counts per type from the dev file",
  ignore: !existsSync(data + "uner-english-ewt/en_ewt-ud-dev.iob2"),
  fn() {
    const records = parseIob(Deno.readTextFileSync(data + "uner-english-ewt/en_ewt-ud-dev.iob2"));
    assert.deepEqual([
      entityCount(records, "PER"),
      entityCount(records, "LOC"),
      entityCount(records, "ORG"),
    ], [343, 399, 224]);
    assert.equal(records.filter((r) => r.text !== undefined).length, 2001);
  },
});

Deno.test("parseIob() reads CoNLL-2003 style rows (tag in the last column) and skips a BOM", () => {
  const text =
    "\uFEFF-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n";
  const [s] = parseIob(text);
  assert.deepEqual(s?.words, ["EU", "rejects", "German", "call"]);
  assert.deepEqual(s?.entities, ["U-ORG", "O", "U-MISC", "O"]);
  assert.equal(s?.meta?.docId, "1");
});

Deno.test("parseIob() gives back generated IOB2 sentences as BILUO (property)", () => {
  const token = fc.record({
    form: fc.stringMatching(/^[A-Za-z0-9.,!?]{1,8}$/),
    tag: fc.constantFrom("O", "B-PER", "I-PER", "B-LOC", "I-LOC"),
  });
  fc.assert(
    fc.property(
      fc.array(fc.array(token, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(" ", "\t"),
      (sents, sep) => {
        // Repair to valid IOB2 first: an I- that does not continue its type becomes B-.
        const fixed = sents.map((s) => s.map((t): { form: string; tag: string } => ({ ...t })));
        for (const s of fixed) {
          s.forEach((t, i) => {
            const prev = i > 0 ? (s[i - 1]?.tag ?? "O") : "O";
            if (t.tag.startsWith("I-") && prev.slice(2) !== t.tag.slice(2)) {
              t.tag = "B" + t.tag.slice(1);
            }
          });
        }
        const text =
          fixed.map((s) => s.map((t) => `${t.form}${sep}${t.tag}`).join("\n")).join("\n\n") + "\n";
        const records = parseIob(text, { scheme: "iob2" });
        assert.equal(records.length, fixed.length);
        records.forEach((r, k) => {
          const s = fixed[k] ?? [];
          assert.deepEqual(r.words, s.map((t) => t.form));
          assert.deepEqual(r.entities, iobToBiluo(s.map((t) => t.tag), "iob2"));
        });
      },
    ),
  );
});
