/**
 * `JsonlCorpus`: raw texts from a JSONL file, for pretraining (spaCy's
 * `JsonlCorpus`).
 *
 * @module
 */
import { Doc } from "../doc/doc.ts";
import { Example } from "../gold/example.ts";
import { corpusFiles, type DocMaker } from "./corpus.ts";

/** Options of the {@linkcode JsonlCorpus} constructor. */
export interface JsonlCorpusOptions {
  /** Skip docs with fewer tokens (0: no minimum). */
  minLength?: number;
  /** Skip docs with this many tokens or more (0: no maximum). */
  maxLength?: number;
  /** Read at most this many docs (0: all). */
  limit?: number;
}

/**
 * Examples from a JSONL file (or a folder of `.jsonl` files) whose lines hold
 * `{"text": "..."}`; the reference doc has the predicted doc's tokens.
 *
 * @example Filtering by length
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
   * @param path a JSONL file or a folder of them
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
    let count = 0;
    for (const file of corpusFiles(this.path, ".jsonl")) {
      const lines = Deno.readTextFileSync(file).split("\n");
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line === "") continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (e) {
          throw new SyntaxError(`${file}:${i + 1}: invalid JSON (${(e as Error).message})`);
        }
        const text = (record as { text?: unknown } | null)?.text;
        if (typeof text !== "string") {
          throw new SyntaxError(`${file}:${i + 1}: record has no "text" string`);
        }
        const doc = nlp.makeDoc(text);
        if (minLength >= 1 && doc.length < minLength) continue;
        if (maxLength >= 1 && doc.length >= maxLength) continue;
        const reference = new Doc(doc.vocab, {
          words: doc.words,
          spaces: Array.from(doc.cols.spaces, Boolean),
        });
        yield new Example(doc, reference);
        if (limit >= 1 && ++count >= limit) return;
      }
    }
  }
}
