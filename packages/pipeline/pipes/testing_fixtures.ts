/**
 * Tiny training data shared by the component tests (not exported by mod.ts).
 *
 * @module
 */
import { Adam, type Optimizer } from "@weft/layers";
import { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import type { Language } from "../language/language.ts";
import type { Vocab } from "../vocab/vocab.ts";

/** Tagged sentences: words, tags, POS and features. */
export const TAGGED: readonly (readonly [string[], string[], string[], string[]])[] = [
  [["I", "like", "green", "eggs"], ["N", "V", "J", "N"], ["PRON", "VERB", "ADJ", "NOUN"], [
    "Case=Nom",
    "",
    "Degree=Pos",
    "Number=Plur",
  ]],
  [["Eat", "blue", "ham"], ["V", "J", "N"], ["VERB", "ADJ", "NOUN"], [
    "Mood=Imp",
    "Degree=Pos",
    "Number=Sing",
  ]],
  [["They", "eat", "red", "apples"], ["N", "V", "J", "N"], ["PRON", "VERB", "ADJ", "NOUN"], [
    "Case=Nom",
    "",
    "Degree=Pos",
    "Number=Plur",
  ]],
];

/** Tagger and morphologizer examples. */
export function taggedExamples(vocab: Vocab): Example[] {
  return TAGGED.map(([words, tags, pos, morphs]) =>
    Example.fromDict(new Doc(vocab, { words }), { tags, pos, morphs })
  );
}

/** Sentence examples: two sentences per doc. */
export function sentExamples(vocab: Vocab): Example[] {
  const docs: [string[], number[]][] = [
    [["Hi", "there", ".", "Go", "home", "."], [1, 0, 0, 1, 0, 0]],
    [["Yes", ".", "We", "run", "."], [1, 0, 1, 0, 0]],
  ];
  return docs.map(([words, starts]) =>
    Example.fromDict(new Doc(vocab, { words }), { sent_starts: starts })
  );
}

/** Text classification data: text and whether it is positive. */
export const CATS: readonly (readonly [string, number])[] = [
  ["I like this a lot", 1],
  ["this is good", 1],
  ["I hate this", 0],
  ["this is bad", 0],
];

/** Exclusive textcat examples over POS/NEG. */
export function catExamples(nlp: Language, multi = false): Example[] {
  return CATS.map(([text, pos]) =>
    Example.fromDict(nlp.makeDoc(text), {
      cats: multi ? { POS: pos, LONG: text.length > 12 ? 1 : 0 } : { POS: pos, NEG: 1 - pos },
    })
  );
}

/** A small tok2vec block (HashEmbedCNN) for fast tests. */
export function smallTok2vec(width = 16): Record<string, unknown> {
  return {
    "@architectures": "spacy.HashEmbedCNN.v2",
    pretrained_vectors: null,
    width,
    depth: 1,
    embed_size: 200,
    window_size: 1,
    maxout_pieces: 2,
    subword_features: true,
  };
}

/** A listener block of the given width. */
export function listener(width = 16): Record<string, unknown> {
  return { "@architectures": "spacy.Tok2VecListener.v1", width, upstream: "*" };
}

/** A tagger model block over a tok2vec block. */
export function taggerModel(tok2vec: Record<string, unknown>): Record<string, unknown> {
  return { "@architectures": "spacy.Tagger.v2", tok2vec };
}

/** A small textcat model (TextCatReduce over a tok2vec block). */
export function textcatModel(
  tok2vec: Record<string, unknown>,
  exclusive = true,
): Record<string, unknown> {
  return {
    "@architectures": "spacy.TextCatReduce.v1",
    exclusive_classes: exclusive,
    use_reduce_first: false,
    use_reduce_last: false,
    use_reduce_max: false,
    use_reduce_mean: true,
    tok2vec,
  };
}

/** Adam with a high rate, for few-step tests. */
export function fastAdam(): Optimizer {
  return Adam({ learnRate: 0.02 });
}

/**
 * Train for `steps` and return the loss of each step for one component.
 *
 * @param nlp the pipeline
 * @param examples the batch
 * @param name the component whose losses to return
 * @param steps how many updates
 * @returns the losses
 */
export function trainLosses(
  nlp: Language,
  examples: readonly Example[],
  name: string,
  steps = 20,
): number[] {
  const sgd = fastAdam();
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(nlp.update(examples, { sgd })[name]!);
  return out;
}
