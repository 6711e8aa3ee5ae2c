import assert from "node:assert/strict";
import { createTokenizer } from "./create.ts";

const fr = createTokenizer("fr");

// Expected tokens written by hand (French Sequoia conventions).
const cases: Array<[string, string[]]> = [
  ["L'homme qu'il voit", ["L'", "homme", "qu'", "il", "voit"]],
  ["J’ai vu d’anciens amis jusqu'à Paris.", [
    "J’",
    "ai",
    "vu",
    "d’",
    "anciens",
    "amis",
    "jusqu'",
    "à",
    "Paris",
    ".",
  ]],
  ["Lorsqu'elle n'est pas là, c'est calme.", [
    "Lorsqu'",
    "elle",
    "n'",
    "est",
    "pas",
    "là",
    ",",
    "c'",
    "est",
    "calme",
    ".",
  ]],
  ["aujourd'hui, quelqu'un et l'on", ["aujourd'hui", ",", "quelqu'un", "et", "l'on"]],
  ["Viendra-t-il ? Dis-moi, a-t-elle dit.", [
    "Viendra",
    "-t-il",
    "?",
    "Dis",
    "-moi",
    ",",
    "a",
    "-t-elle",
    "dit",
    ".",
  ]],
  ["Qu'est-ce que c'est ?", ["Qu'", "est", "-ce", "que", "c'", "est", "?"]],
  ["Jean-Claude est peut-être à Saint-Étienne", [
    "Jean-Claude",
    "est",
    "peut-être",
    "à",
    "Saint-Étienne",
  ]],
  ["lui-même, c'est-à-dire le rendez-vous", ["lui-même", ",", "c'est-à-dire", "le", "rendez-vous"]],
  ["le 2006-08-07 à 14h30", ["le", "2006-08-07", "à", "14", "h", "30"]],
  ["« Bonjour », dit-il.", ["«", "Bonjour", "»", ",", "dit", "-il", "."]],
  ['d\'"utiliser"', ["d'", '"', "utiliser", '"']],
  ["37 °C.", ["37", "°C", "."]],
  ["M. Dupont et Mme Durand", ["M.", "Dupont", "et", "Mme", "Durand"]],
  ["SUBSTANCE(S) ACTIVE(S)", ["SUBSTANCE(S)", "ACTIVE(S)"]],
  ["voir www.exemple.fr.", ["voir", "www.exemple.fr", "."]],
];

Deno.test("createTokenizer('fr') splits French as hand-annotated", async (t) => {
  for (const [text, words] of cases) {
    await t.step(text, () => assert.deepEqual(fr.call(text).words, words));
  }
});

Deno.test("createTokenizer() falls back to the multilingual rules", () => {
  const de = createTokenizer("de");
  assert.deepEqual(de.call("Das Haus (gebaut 1900) ist schön, oder?").words, [
    "Das",
    "Haus",
    "(",
    "gebaut",
    "1900",
    ")",
    "ist",
    "schön",
    ",",
    "oder",
    "?",
  ]);
  // No English contractions, no French elision in the fallback.
  assert.deepEqual(de.call("don't l'homme").words, ["don't", "l'homme"]);
  assert.deepEqual(createTokenizer("ru").call("Привет, мир!").words, ["Привет", ",", "мир", "!"]);
});
