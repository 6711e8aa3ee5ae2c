/**
 * Building a reference `Doc` from spaCy's `Example.from_dict` annotation keys.
 *
 * @module
 */
import { Doc } from "../doc/doc.ts";
import { Span } from "../doc/span.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { type EntityOffsets, offsetsToBiluoTags } from "./biluo_utils.ts";

/** A span in an example dict: `[startChar, endChar, label]` or with a kb id. */
export type SpanOffsets =
  | readonly [number, number, string]
  | readonly [number, number, string, string];

/**
 * Gold annotation keyed as spaCy's `Example.from_dict` keys it. Token lists run
 * over `words` (or the predicted doc's tokens when `words` is absent).
 */
export interface ExampleDict {
  /** Reference tokens (default: the predicted doc's). */
  words?: readonly string[];
  /** Trailing-space flags of `words` (default: all true). */
  spaces?: readonly boolean[];
  /** Fine-grained tags. */
  tags?: readonly (string | null)[];
  /** Universal POS tags. */
  pos?: readonly (string | null)[];
  /** Morphological analyses. */
  morphs?: readonly (string | null)[];
  /** Lemmas. */
  lemmas?: readonly (string | null)[];
  /** Absolute head indices. */
  heads?: readonly (number | null)[];
  /** Dependency labels. */
  deps?: readonly (string | null)[];
  /** Sentence starts: 1/true start, 0/-1/false inside, null unknown. */
  sent_starts?: readonly (number | boolean | null)[];
  /** Entities as BILUO tags or `[startChar, endChar, label]` offsets. */
  entities?: readonly (string | null)[] | readonly EntityOffsets[];
  /** Text categories. */
  cats?: Readonly<Record<string, number>>;
  /** Span groups, as character offsets. */
  spans?: Readonly<Record<string, readonly SpanOffsets[]>>;
  /** Entity links (accepted for compatibility, not stored). */
  links?: unknown;
}

// spaCy's nested form names token annotations by attribute.
const NESTED_KEYS: Record<string, string> = {
  ORTH: "words",
  SPACY: "spaces",
  TAG: "tags",
  POS: "pos",
  MORPH: "morphs",
  LEMMA: "lemmas",
  HEAD: "heads",
  DEP: "deps",
  SENT_START: "sent_starts",
};

const KEYS = new Set([
  "words",
  "spaces",
  "tags",
  "pos",
  "morphs",
  "lemmas",
  "heads",
  "deps",
  "sent_starts",
  "entities",
  "cats",
  "spans",
  "links",
]);

/**
 * Flatten spaCy's nested form (`token_annotation` / `doc_annotation`) and check
 * that every key is known.
 *
 * @param dict the annotation
 * @returns the flat dict
 * @throws {TypeError} naming an unknown key
 * @example spaCy's nested form
 * ```ts
 * import assert from "node:assert/strict";
 * import { flattenExampleDict } from "@weft/pipeline";
 * const flat = flattenExampleDict({ token_annotation: { ORTH: ["a"], TAG: ["DT"] }, doc_annotation: { cats: { A: 1 } } });
 * assert.deepEqual(flat, { words: ["a"], tags: ["DT"], cats: { A: 1 } });
 * ```
 */
export function flattenExampleDict(dict: Readonly<Record<string, unknown>>): ExampleDict {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dict)) {
    if (k === "token_annotation" || k === "doc_annotation") {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) {
        flat[NESTED_KEYS[k2] ?? k2] = v2;
      }
    } else flat[k] = v;
  }
  for (const k of Object.keys(flat)) {
    if (!KEYS.has(k)) {
      throw new TypeError(`Unknown key "${k}" in example dict (known: ${[...KEYS].join(", ")})`);
    }
  }
  return flat as ExampleDict;
}

/**
 * Build the reference doc of an example dict.
 *
 * @param vocab the vocabulary
 * @param dict the annotation
 * @param words the default words (the predicted doc's)
 * @param spaces the default spaces
 * @returns the reference doc
 * @throws {RangeError} for span offsets off token boundaries
 * @example A reference doc from annotation keys
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vocab, docFromExampleDict } from "@weft/pipeline";
 * const doc = docFromExampleDict(new Vocab(), { words: ["Hi", "!"], tags: ["UH", "."] }, [], []);
 * assert.equal(doc.token(1).tag, ".");
 * ```
 */
export function docFromExampleDict(
  vocab: Vocab,
  dict: ExampleDict,
  words: readonly string[],
  spaces: readonly boolean[],
): Doc {
  const w = dict.words ?? words;
  const sp = dict.spaces ?? (dict.words ? undefined : spaces);
  const sentStarts = dict.sent_starts?.map((v) =>
    v === null || v === undefined ? null : v === true || v === 1 ? true : false
  );
  const ents = dict.entities;
  const biluo = ents && ents.length > 0 && typeof ents[0] !== "object"
    ? ents as readonly (string | null)[]
    : undefined;
  const doc = new Doc(vocab, {
    words: w,
    ...(sp ? { spaces: sp } : {}),
    ...(dict.tags ? { tags: dict.tags } : {}),
    ...(dict.pos ? { pos: dict.pos } : {}),
    ...(dict.morphs ? { morphs: dict.morphs } : {}),
    ...(dict.lemmas ? { lemmas: dict.lemmas } : {}),
    ...(dict.heads ? { heads: dict.heads } : {}),
    ...(dict.deps ? { deps: dict.deps } : {}),
    ...(sentStarts && !dict.heads ? { sentStarts } : {}),
    ...(biluo ? { ents: biluo } : {}),
  });
  if (ents && !biluo) {
    if (ents.length === 0) doc.ents = [];
    else doc.fromArray(["ENT_IOB", "ENT_TYPE"], biluoArray(doc, ents as readonly EntityOffsets[]));
  }
  if (dict.cats) doc.cats = { ...dict.cats };
  for (const [key, group] of Object.entries(dict.spans ?? {})) {
    doc.spans.set(
      key,
      group.map(([s, e, label, kb]) => {
        const span = doc.charSpan(s, e, { label });
        if (!span) {
          throw new RangeError(
            `Span [${s}, ${e}, "${label}"] in group "${key}" does not match token boundaries`,
          );
        }
        return kb ? new Span(doc, span.start, span.end, label, kb) : span;
      }),
    );
  }
  return doc;
}

// Entities as offsets go through BILUO tags, so misaligned ones become missing.
function biluoArray(doc: Doc, ents: readonly EntityOffsets[]): Uint32Array {
  const tags = offsetsToBiluoTags(doc, ents);
  const tmp = new Doc(doc.vocab, { words: doc.words, ents: tags });
  return tmp.toArray(["ENT_IOB", "ENT_TYPE"]);
}
