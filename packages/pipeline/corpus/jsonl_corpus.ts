/**
 * `JsonlCorpus`: raw texts from a JSONL file, for pretraining (spaCy's
 * `JsonlCorpus`).
 *
 * @module
 */
import { Example } from "../gold/example.ts";
import type { DocMaker } from "./corpus.ts";

/** Options of the {@linkcode JsonlCorpus} constructor. */
export interface JsonlCorpusOptions {
  /** Skip docs with fewer tokens (0: no minimum). */
  minLength?: number;
  /** Skip docs with more tokens (0: no maximum). */
  maxLength?: number;
  /** Read at most this many docs (0: all). */
  limit?: number;
}

/**
 * Examples from a JSONL file whose lines hold `{"text": "..."}`; the predicted
 * and reference docs are the same tokenized text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, JsonlCorpus, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"text": "a b c"}\n{"text": "d"}\n');
 * const nlp = { vocab, makeDoc: (t: string) => new Doc(vocab, { words: t.split(" ") }) };
 * const egs = [...new JsonlCorpus(path, { minLength: 2 }).call(nlp)];
 * assert.deepEqual(egs.map((e) => e.predicted.length), [3]);
 * await Deno.remove(path);
 * ```
 */
export class JsonlCorpus {
  /**
   * Create a reader.
   *
   * @param path the JSONL file
   * @param options length limits and a document limit
   */
  constructor(readonly path: string, readonly options: JsonlCorpusOptions = {}) {}

  /**
   * Read the examples.
   *
   * @param nlp the pipeline (for its tokenizer)
   * @returns the examples
   * @throws {SyntaxError} naming file and line for invalid JSON or a missing `text`
   */
  *call(nlp: DocMaker): IterableIterator<Example> {
    const { minLength = 0, maxLength = 0, limit = 0 } = this.options;
    const lines = Deno.readTextFileSync(this.path).split("\n");
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (e) {
        throw new SyntaxError(`${this.path}:${i + 1}: invalid JSON (${(e as Error).message})`);
      }
      const text = (record as { text?: unknown } | null)?.text;
      if (typeof text !== "string") {
        throw new SyntaxError(`${this.path}:${i + 1}: record has no "text" string`);
      }
      const doc = nlp.makeDoc(text);
      if (minLength > 0 && doc.length < minLength) continue;
      if (maxLength > 0 && doc.length > maxLength) continue;
      yield new Example(doc, doc);
      if (limit >= 1 && ++count >= limit) return;
    }
  }
}
