// Round trip: reader records -> Doc (pipeline's Example dict builder) -> DocBin bytes -> Doc.
import assert from "node:assert/strict";
import { Vocab } from "../vocab/vocab.ts";
import type { Doc } from "../doc/doc.ts";
import { DocBin } from "../corpus/docbin.ts";
import { docFromExampleDict } from "../gold/example_dict.ts";
import { docToBiluoTags } from "../gold/biluo_utils.ts";
import { convertFile } from "./convert.ts";
import { toExampleDict } from "./to_example_dict.ts";
import type { DocRecord } from "./types.ts";

const here = new URL("./testdata/", import.meta.url).pathname;

function checkDoc(doc: Doc, r: DocRecord, where: string): void {
  const tokens = [...Array(doc.length).keys()].map((i) => doc.token(i));
  assert.deepEqual(doc.words, r.words, where);
  assert.deepEqual(tokens.map((t) => t.whitespace === " "), r.spaces, where);
  if (r.tags) assert.deepEqual(tokens.map((t) => t.tag), r.tags, where);
  if (r.pos) assert.deepEqual(tokens.map((t) => t.pos), r.pos, where);
  if (r.lemmas) assert.deepEqual(tokens.map((t) => t.lemma), r.lemmas, where);
  // Docs keep features in spaCy's canonical (code point) order; UD sorts case-insensitively.
  const canonical = (m: string) => m.split("|").sort().join("|");
  if (r.morphs) assert.deepEqual(tokens.map((t) => t.morph), r.morphs.map(canonical), where);
  if (r.deps) assert.deepEqual(tokens.map((t) => t.dep), r.deps, where);
  if (r.heads) assert.deepEqual(tokens.map((t) => t.head.i), r.heads, where);
  if (r.entities) assert.deepEqual(docToBiluoTags(doc), r.entities, where);
  if (r.cats) assert.deepEqual(doc.cats, r.cats, where);
}

Deno.test("reader records survive Doc and DocBin bytes unchanged", async (t) => {
  for (
    const name of [
      "en_ewt-ud-dev-slice.conllu",
      "fr_sequoia-ud-dev-slice.conllu",
      "uner_en_ewt-ud-dev-slice.iob2",
      "wikigold-slice.conll.txt",
      "wnut17-dev-slice.conll",
      "clinc150-dev-slice.jsonl",
    ]
  ) {
    await t.step(name, async () => {
      const records = await convertFile(here + name);
      const vocab = new Vocab();
      const docs = records.map((r) => docFromExampleDict(vocab, toExampleDict(r), [], []));
      records.forEach((r, k) => checkDoc(docs[k] as Doc, r, `${name} #${k} (built)`));
      const bytes = new DocBin({ docs }).toBytes();
      const back = [...DocBin.fromBytes(bytes).getDocs(new Vocab())];
      assert.equal(back.length, records.length);
      records.forEach((r, k) => checkDoc(back[k] as Doc, r, `${name} #${k} (from bytes)`));
    });
  }
});
