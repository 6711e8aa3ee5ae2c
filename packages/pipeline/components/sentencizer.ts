/**
 * `Sentencizer`: rule-based sentence boundaries (spaCy's `sentencizer`).
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import type { Example } from "../gold/example.ts";
import type { Pipe } from "../language/pipe.ts";
import { Scorer } from "../scorer/scorer.ts";

/** spaCy's default sentence-final characters. */
export const DEFAULT_PUNCT_CHARS: readonly string[] = [
  ..."!.?։؟۔܀܁܂߹।॥၊။።፧፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿‼‽⁇⁈⁉⸮⸼꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫﹒﹖﹗！．？",
  ..."𐩖𐩗𑁇𑁈𑂾𑂿𑃀𑃁𑅁𑅂𑅃𑇅𑇆𑇍𑇞𑇟𑈸𑈹𑈻𑈼𑊩𑑋𑑌𑗂𑗃𑗉𑗊𑗋𑗌𑗍𑗎𑗏𑗐𑗑𑗒𑗓𑗔𑗕𑗖𑗗𑙁𑙂𑜼𑜽𑜾𑩂𑩃𑪛𑪜𑱁𑱂𖩮𖩯𖫵𖬷𖬸𖭄𛲟𝪈｡。",
];

/** Options of the {@linkcode Sentencizer} constructor. */
export interface SentencizerOptions {
  /** Sentence-final characters (default: {@linkcode DEFAULT_PUNCT_CHARS}). */
  punctChars?: readonly string[] | null;
  /** Whether to overwrite existing boundaries (default false). */
  overwrite?: boolean;
}

/**
 * Splits sentences after sentence-final punctuation: a new sentence starts at
 * the first token after such punctuation that is not punctuation itself.
 *
 * @example Quotes stay with their sentence
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, Sentencizer, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["Hi", "!", "\"", "Yes", "."] });
 * new Sentencizer().call(doc);
 * assert.deepEqual(doc.sents.map((s) => s.start), [0, 3]);
 * ```
 */
export class Sentencizer implements Pipe {
  /** The sentence-final characters. */
  readonly punctChars: ReadonlySet<string>;
  /** Whether existing boundaries are overwritten. */
  readonly overwrite: boolean;

  /**
   * Create a sentencizer.
   *
   * @param options punctuation characters and overwrite policy
   */
  constructor(options: SentencizerOptions = {}) {
    this.punctChars = new Set(
      options.punctChars?.length ? options.punctChars : DEFAULT_PUNCT_CHARS,
    );
    this.overwrite = options.overwrite ?? false;
  }

  /**
   * Set sentence starts on a doc.
   *
   * @param doc the doc
   * @returns the doc
   */
  call(doc: Doc): Doc {
    const starts = this.predict(doc);
    const col = doc.cols.sentStart;
    starts.forEach((s, i) => {
      if (this.overwrite || col[i] === 0) col[i] = s ? 1 : -1;
    });
    return doc;
  }

  /**
   * The boundaries the rules give, without changing the doc.
   *
   * @param doc the doc
   * @returns true at sentence starts
   */
  predict(doc: Doc): boolean[] {
    const out = Array.from({ length: doc.length }, () => false);
    let start = 0;
    let seenPeriod = false;
    for (const token of doc) {
      const inPunct = this.punctChars.has(token.text);
      if (seenPeriod && !token.isPunct && !inPunct) {
        out[start] = true;
        start = token.i;
        seenPeriod = false;
      } else if (inPunct) seenPeriod = true;
    }
    if (start < doc.length) out[start] = true;
    return out;
  }

  /**
   * Score sentence boundaries (spaCy's `senter_score`: `sents_p/r/f`).
   *
   * @param examples the examples
   * @returns the scores
   */
  score(examples: readonly Example[]): Record<string, unknown> {
    return Scorer.scoreSpans(examples, "sents");
  }
}
