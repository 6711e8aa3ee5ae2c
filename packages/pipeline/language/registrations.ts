/**
 * Registers `spacy.Tokenizer.v1`, `spacy.Vectors.v1`, `spacy.Vocab.v1` and the
 * `sentencizer` factory.
 *
 * @module
 */
import { registry, schema as s } from "@weft/config";
import { Sentencizer } from "../components/sentencizer.ts";
import { createTokenizer } from "../tokenizer/create.ts";
import { Vectors } from "../vocab/vectors.ts";
import { Vocab } from "../vocab/vocab.ts";
import type { TokenizerLike } from "./pipe.ts";

registry.tokenizers.register(
  "spacy.Tokenizer.v1",
  () => (nlp: { lang: string }): TokenizerLike => createTokenizer(nlp.lang),
);

registry.vectors.register(
  "spacy.Vectors.v1",
  () => (vocab: Vocab): Vectors => new Vectors({ width: 0, strings: vocab.strings }),
);

registry.misc.register(
  "spacy.Vocab.v1",
  (a: Record<string, unknown>) => new Vocab({ lang: (a.lang ?? "xx") as string }),
  { schema: { lang: s.str().default("xx") } },
);

registry.factories.register(
  "sentencizer",
  (a: Record<string, unknown>) =>
    new Sentencizer({
      punctChars: (a.punct_chars ?? null) as string[] | null,
      overwrite: a.overwrite as boolean,
    }),
  {
    schema: {
      punct_chars: s.optional(s.list(s.str())),
      overwrite: s.bool().default(false),
      scorer: s.any().default(null),
    },
  },
);
