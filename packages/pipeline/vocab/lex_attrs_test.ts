import assert from "node:assert/strict";
import type { ATTRS } from "@weft/types";
import { Vocab } from "./vocab.ts";
import { ENGLISH } from "./lang_en.ts";

interface Row {
  text: string;
  lower: string;
  norm: string;
  shape: string;
  prefix: string;
  suffix: string;
  key: string;
  [flag: string]: string | boolean;
}

const rows: Row[] = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/lex_attrs.json", import.meta.url)),
);

Deno.test("Vocab lexemes match spaCy's lexical attributes (fixture from spacy.blank('en'))", async (t) => {
  const vocab = new Vocab({ lang: "en" });
  for (const row of rows) {
    await t.step(JSON.stringify(row.text), () => {
      const lex = vocab.get(row.text);
      assert.equal(lex.lowerText, row.lower, "lower");
      // Weft's English norm exceptions come from spaCy's lookups tables, which the
      // fixture's blank pipeline does not load.
      if (!(row.lower in ENGLISH.normExceptions)) assert.equal(lex.normText, row.norm, "norm");
      assert.equal(lex.shapeText, row.shape, "shape");
      assert.equal(lex.prefixText, row.prefix, "prefix");
      assert.equal(lex.suffixText, row.suffix, "suffix");
      assert.equal(vocab.strings.key(row.text), BigInt(row.key), "key");
      for (const [name, value] of Object.entries(row)) {
        if (typeof value !== "boolean") continue;
        const attr = name.toUpperCase() as keyof typeof ATTRS;
        assert.equal(lex.flag(attr), value, name);
      }
    });
  }
});
