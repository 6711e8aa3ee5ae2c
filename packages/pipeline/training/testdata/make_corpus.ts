/**
 * Writes the tiny tagging corpora `train.weftdocs` and `dev.weftdocs`:
 * sentences "DET (ADJ) NOUN VERB (ADV)" from small word lists, drawn by a
 * fixed linear congruential generator. Run from this folder:
 * `deno run -A make_corpus.ts`.
 *
 * @module
 */
import { Doc, DocBin, Vocab } from "@weft/pipeline";

const WORDS: Record<string, string[]> = {
  DET: ["the", "a", "every", "this"],
  ADJ: ["big", "small", "red", "old"],
  NOUN: ["cat", "dog", "bird", "fish", "house"],
  VERB: ["runs", "sleeps", "eats", "sings"],
  ADV: ["quickly", "loudly", "today"],
};

let state = 12345;
const next = (n: number) => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return Math.floor((state / 2147483648) * n);
};

function sentence(vocab: Vocab): Doc {
  const tags = ["DET", ...(next(2) ? ["ADJ"] : []), "NOUN", "VERB", ...(next(2) ? ["ADV"] : [])];
  const words = tags.map((t) => WORDS[t]![next(WORDS[t]!.length)]!);
  words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
  return new Doc(vocab, { words: [...words, "."], tags: [...tags, "PUNCT"] });
}

const vocab = new Vocab({ lang: "en" });
for (const [file, n] of [["train.weftdocs", 60], ["dev.weftdocs", 20]] as const) {
  const docs = Array.from({ length: n }, () => sentence(vocab));
  await new DocBin({ docs }).toDisk(new URL(file, import.meta.url).pathname);
}
