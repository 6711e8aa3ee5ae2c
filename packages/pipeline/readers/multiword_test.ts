import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { parseConllu } from "./conllu.ts";
import { recordText } from "./record_text.ts";
import { mergeMultiwordTokens } from "./multiword.ts";
import type { DocRecord } from "./types.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const data = new URL("../../../../shared/data/", import.meta.url).pathname;

function plainText(r: DocRecord): string {
  return r.words.map((w, i) => w + (r.spaces[i] ? " " : "")).join("");
}

function checkMerged(split: DocRecord[], merged: DocRecord[]): void {
  assert.equal(merged.length, split.length);
  split.forEach((s, k) => {
    const m = merged[k] as DocRecord;
    const removed = (s.multiwordTokens ?? []).reduce((n, t) => n + t.end - t.start - 1, 0);
    assert.equal(m.words.length, s.words.length - removed);
    assert.equal(m.multiwordTokens, undefined);
    // Merged words spell the text exactly, like the split record with its surface forms.
    assert.equal(plainText(m), recordText(s));
    for (
      const key of ["tags", "pos", "morphs", "lemmas", "heads", "deps", "sent_starts"] as const
    ) {
      assert.equal(m[key]?.length, m.words.length, key);
    }
    assert.ok(m.heads?.every((h) => h >= 0 && h < m.words.length));
  });
}

Deno.test("mergeMultiwordTokens() merges French contractions with spaCy's attribute rules", () => {
  const text = Deno.readTextFileSync(here + "fr_sequoia-ud-dev-slice.conllu");
  const split = parseConllu(text);
  const merged = parseConllu(text, { multiword: "merge" });
  checkMerged(split, merged);
  // Find a "du": tags joined with "_", lemmas with a space, POS/dep from the root ("de" hangs
  // off a word outside, "le" off a word outside too, so the first one is the root).
  let found = 0;
  split.forEach((s, k) => {
    for (const t of s.multiwordTokens ?? []) {
      if (t.form !== "du") continue;
      const m = merged[k] as DocRecord;
      const i = m.words.indexOf("du");
      assert.equal(m.tags?.[i], `${s.tags?.[t.start]}_${s.tags?.[t.start + 1]}`);
      assert.equal(m.lemmas?.[i], "de le");
      assert.equal(m.pos?.[i], s.pos?.[t.start]);
      assert.equal(m.deps?.[i], s.deps?.[t.start]);
      found++;
    }
  });
  assert.ok(found > 0);
});

Deno.test("mergeMultiwordTokens() unions morphological features and remaps heads", () => {
  const r = mergeMultiwordTokens({
    words: ["Ça", "va", "à", "les", "gens"],
    spaces: [true, true, false, true, false],
    morphs: ["", "Number=Sing", "", "Definite=Def|Number=Plur", "Number=Plur"],
    heads: [1, 1, 4, 4, 1],
    deps: ["nsubj", "ROOT", "case", "det", "obl"],
    entities: ["O", "O", "O", "B-X", "L-X"],
    multiwordTokens: [{ start: 2, end: 4, form: "aux" }],
  });
  assert.deepEqual(r.words, ["Ça", "va", "aux", "gens"]);
  assert.deepEqual(r.morphs, ["", "Number=Sing", "Definite=Def|Number=Plur", "Number=Plur"]);
  assert.deepEqual(r.heads, [1, 1, 3, 1]);
  assert.deepEqual(r.deps, ["nsubj", "ROOT", "case", "obl"]);
  assert.deepEqual(r.entities, ["O", "O", "B-X", "L-X"]);
});

for (
  const file of [
    "ud-french-sequoia/fr_sequoia-ud-train.conllu",
    "ud-english-ewt/en_ewt-ud-train.conllu",
  ]
) {
  Deno.test({
    name: `mergeMultiwordTokens() keeps ${file} consistent`,
    ignore: !existsSync(data + file),
    fn() {
      const text = Deno.readTextFileSync(data + file);
      checkMerged(parseConllu(text), parseConllu(text, { multiword: "merge" }));
    },
  });
}
