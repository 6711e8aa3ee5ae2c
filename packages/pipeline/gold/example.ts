/**
 * `Example`: a predicted doc paired with its reference annotation.
 *
 * @module
 */
import type { AttrId } from "@weft/types";
import type { Doc } from "../doc/doc.ts";
import { Span } from "../doc/span.ts";
import { Alignment, type AlignmentArray } from "./alignment.ts";
import { offsetsToBiluoTags } from "./biluo_utils.ts";
import { docFromExampleDict, type ExampleDict, flattenExampleDict } from "./example_dict.ts";
import { docToJSON } from "../doc/doc_json.ts";
import { type ExampleDictNested, referenceToDict, splitSentDocs } from "./example_convert.ts";

export type { ExampleDictNested } from "./example_convert.ts";

/** The string attributes {@linkcode Example.getAligned} can align. */
export type AlignedStringAttr = "TAG" | "POS" | "MORPH" | "LEMMA" | "DEP" | "ENT_TYPE";

/**
 * A training or evaluation example: `predicted` (`x`, what the pipeline sees and
 * annotates) and `reference` (`y`, the gold standard), possibly tokenized
 * differently; the {@linkcode Alignment} maps between them.
 *
 * @example Gold tags on a differently tokenized prediction
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Example, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const predicted = new Doc(vocab, { words: ["I", "can't", "go"] });
 * const eg = Example.fromDict(predicted, {
 *   words: ["I", "ca", "n't", "go"],
 *   tags: ["PRP", "MD", "RB", "VB"],
 *   entities: ["O", "O", "O", "U-X"],
 * });
 * assert.deepEqual(eg.getAligned("TAG"), ["PRP", null, "VB"]);
 * assert.deepEqual(eg.getAlignedNer(), ["O", "O", "U-X"]);
 * ```
 */
export class Example {
  #alignment: Alignment | undefined;

  /**
   * Pair two docs of the same text.
   *
   * @param predicted the doc the pipeline annotates
   * @param reference the gold-standard doc
   * @param alignment their token alignment, when already known (it must match
   *   the docs' words; computed on first use otherwise)
   */
  constructor(readonly predicted: Doc, readonly reference: Doc, alignment?: Alignment) {
    this.#alignment = alignment;
  }

  /**
   * Build an example from a predicted doc and spaCy-style annotation keys.
   *
   * @param predicted the doc the pipeline will annotate
   * @param dict words, tags, pos, morphs, lemmas, heads, deps, sent_starts,
   *   entities (BILUO or offsets), cats, spans
   * @returns the example
   * @throws {TypeError} for unknown keys
   * @throws {RangeError} for length mismatches or texts that do not align
   */
  static fromDict(predicted: Doc, dict: ExampleDict | Readonly<Record<string, unknown>>): Example {
    const flat = flattenExampleDict(dict as Record<string, unknown>);
    const spaces = [...predicted.cols.spaces].map(Boolean);
    const reference = docFromExampleDict(predicted.vocab, flat, predicted.words, spaces);
    const eg = new Example(predicted, reference);
    void eg.alignment;
    return eg;
  }

  /** The predicted doc. */
  get x(): Doc {
    return this.predicted;
  }
  /** The reference doc. */
  get y(): Doc {
    return this.reference;
  }
  /** The text of the reference. */
  get text(): string {
    return this.reference.text;
  }
  /** The number of predicted tokens (spaCy's `len(example)`). */
  get length(): number {
    return this.predicted.length;
  }

  /**
   * A deep copy: both docs are copied (spaCy's `Example.copy`).
   *
   * @returns the copy
   */
  copy(): Example {
    return new Example(this.predicted.copy(), this.reference.copy(), this.#alignment);
  }

  /**
   * The reference annotation in spaCy's `Example.to_dict` layout, which
   * {@linkcode Example.fromDict} reads back.
   *
   * @returns the nested dict
   */
  toDict(): ExampleDictNested {
    return referenceToDict(this.reference);
  }

  /**
   * One example per reference sentence (spaCy's `Example.split_sents`); the
   * example itself when the reference has no sentence boundaries.
   *
   * @returns the examples
   */
  splitSents(): Example[] {
    const pairs = splitSentDocs(this.predicted, this.reference, this.alignment.y2x);
    if (pairs.length === 1 && pairs[0]![0] === this.predicted) return [this];
    return pairs.map(([x, y]) => new Example(x, y));
  }

  /** The token alignment between `x` and `y` (computed once). */
  get alignment(): Alignment {
    this.#alignment ??= Alignment.fromStrings(this.predicted.words, this.reference.words);
    return this.#alignment;
  }

  /**
   * A reference string attribute on the predicted tokens: the value of the
   * aligned reference token, or of several aligned tokens that agree; null
   * otherwise (spaCy's `get_aligned(attr, as_string=True)`).
   *
   * @param attr `"TAG"`, `"POS"`, `"MORPH"`, `"LEMMA"`, `"DEP"` or `"ENT_TYPE"`
   * @returns one value per predicted token
   */
  getAligned(attr: AlignedStringAttr): (string | null)[] {
    const y = this.reference;
    const col = y.cols[attr === "ENT_TYPE" ? "entType" : (attr.toLowerCase() as "tag")];
    return this.#aligned(Array.from(col, (slot) => y.str(slot)));
  }

  /**
   * A reference attribute on the predicted tokens as `toArray` ids (spaCy's
   * `get_aligned(attr)`).
   *
   * @param attr an attribute name or id
   * @returns one value per predicted token, null where unaligned or ambiguous
   */
  getAlignedIds(attr: string | AttrId): (number | null)[] {
    return this.#aligned(Array.from(this.reference.toArray([attr])));
  }

  #aligned<T>(values: T[]): (T | null)[] {
    const x2y = this.alignment.x2y;
    return Array.from({ length: this.predicted.length }, (_, i) => {
      const ys = x2y.get(i);
      if (ys.length === 0) return null;
      const v = values[ys[0]!]!;
      for (const j of ys) if (values[j] !== v) return null;
      return v;
    });
  }

  /**
   * The reference parse on the predicted tokens: heads and labels where tokens
   * align one-to-one (without projectivization).
   *
   * @returns absolute heads and dependency labels, null where unaligned
   */
  getAlignedParse(): { heads: (number | null)[]; deps: (string | null)[] } {
    const { x2y, y2x } = this.alignment;
    const y = this.reference;
    const heads: (number | null)[] = [];
    const deps: (string | null)[] = [];
    for (let i = 0; i < this.predicted.length; i++) {
      const ys = x2y.get(i);
      if (ys.length !== 1) {
        heads.push(null);
        deps.push(null);
        continue;
      }
      const g = ys[0]!;
      const gh = g + y.cols.head[g]!;
      const xs = y2x.get(gh);
      heads.push(xs.length === 1 ? xs[0]! : null);
      deps.push(y.str(y.cols.dep[g]!));
    }
    return { heads, deps };
  }

  /**
   * Reference sentence starts on the predicted tokens.
   *
   * @returns true at sentence starts, false elsewhere; all null without boundaries
   */
  getAlignedSentStarts(): (boolean | null)[] {
    const y = this.reference;
    if (!y.hasAnnotation("SENT_START")) {
      return Array.from({ length: this.predicted.length }, () => null);
    }
    const out = Array.from({ length: this.predicted.length }, () => false);
    for (const sent of y.sents) {
      const xs = this.alignment.y2x.get(sent.start);
      if (xs.length > 0) out[xs[0]!] = true;
    }
    return out;
  }

  /**
   * Map reference spans onto the predicted tokens (spaCy's `get_aligned_spans_y2x`);
   * spans whose text would change are dropped.
   *
   * @param spans spans of the reference
   * @param allowOverlap whether output spans may share tokens
   * @returns spans of the predicted doc
   */
  getAlignedSpansY2X(spans: readonly Span[], allowOverlap = false): Span[] {
    return alignSpans(this.predicted, spans, this.alignment.y2x, allowOverlap);
  }

  /**
   * Map predicted spans onto the reference tokens.
   *
   * @param spans spans of the predicted doc
   * @param allowOverlap whether output spans may share tokens
   * @returns spans of the reference
   */
  getAlignedSpansX2Y(spans: readonly Span[], allowOverlap = false): Span[] {
    return alignSpans(this.reference, spans, this.alignment.x2y, allowOverlap);
  }

  /**
   * Reference entities as BILUO tags on the predicted tokens; null where
   * unknown (spaCy's `get_aligned_ner`).
   *
   * @returns one tag per predicted token
   */
  getAlignedNer(): (string | null)[] {
    const x = this.predicted;
    if (!this.reference.hasAnnotation("ENT_IOB")) {
      return Array.from({ length: x.length }, () => null);
    }
    const ents = this.getAlignedSpansY2X(this.reference.ents);
    const tags = offsetsToBiluoTags(
      x,
      ents.map((e) => [e.startChar, e.endChar, e.label] as const),
      null,
    );
    const iob = this.getAlignedIds("ENT_IOB");
    return tags.map((t, i) => (t === null && (iob[i] === 2 || x.token(i).isSpace) ? "O" : t));
  }

  /**
   * The example as plain data: the reference in spaCy's `Doc.to_json` layout
   * and the predicted words.
   *
   * @returns a JSON-ready object
   */
  toJSON(): { predicted: string[]; reference: ReturnType<typeof docToJSON> } {
    return { predicted: this.predicted.words, reference: docToJSON(this.reference) };
  }
}

function alignSpans(
  doc: Doc,
  spans: readonly Span[],
  align: AlignmentArray,
  allowOverlap: boolean,
): Span[] {
  const seen = new Set<number>();
  const out: Span[] = [];
  const squash = (s: string) => s.toLowerCase().trim().replaceAll(" ", "");
  for (const span of spans) {
    let idx: number[] = [];
    for (let i = span.start; i < span.end; i++) idx.push(...align.get(i));
    if (!allowOverlap) idx = idx.filter((j) => !seen.has(j));
    if (idx.length === 0) continue;
    const aligned = new Span(doc, idx[0]!, idx.at(-1)! + 1, span.label, span.kbId);
    if (squash(aligned.text) === squash(span.text)) {
      out.push(aligned);
      for (const j of idx) seen.add(j);
    }
  }
  return out;
}
