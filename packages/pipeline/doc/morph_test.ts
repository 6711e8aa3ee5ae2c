import assert from "node:assert/strict";
import { morphFeatures, normalizeMorph } from "./morph.ts";

Deno.test("normalizeMorph() matches spaCy's MorphAnalysis strings (values checked with spaCy 3.8)", () => {
  const cases: [string, string][] = [
    ["Number=Sing|Case2=X|Case=Nom", "Case2=X|Case=Nom|Number=Sing"],
    ["PronType=Prs,Int", "PronType=Int,Prs"],
    ["B=1|A=2|B=3", "A=2|B=3"],
    ["Foreign=Yes|Abbr=Yes|abbr=no", "Abbr=Yes|Foreign=Yes|abbr=no"],
    ["_", ""],
    ["", ""],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeMorph(input), expected, input);
  assert.throws(() => normalizeMorph("Number"), SyntaxError);
});

Deno.test("morphFeatures() splits fields and values", () => {
  assert.deepEqual(morphFeatures("Case=Nom|PronType=Int,Prs"), {
    Case: "Nom",
    PronType: "Int,Prs",
  });
  assert.deepEqual(morphFeatures("_"), {});
});
