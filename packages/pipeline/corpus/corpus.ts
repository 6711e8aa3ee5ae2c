/**
 * `Corpus`: training examples read from Weft corpus files (spaCy's `Corpus`).
 *
 * @module
 */
import { Doc } from "../doc/doc.ts";
import { spanAsDoc } from "../doc/doc_slice.ts";
import { Example } from "../gold/example.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { DocBin, DOCBIN_EXTENSION } from "./docbin.ts";
import { seededRandom, shuffleInPlace } from "./shuffle.ts";

/** What a corpus needs from a pipeline: its vocabulary and tokenizer (`Language` has both). */
export interface DocMaker {
  /** The vocabulary to build docs in. */
  readonly vocab: Vocab;
  /**
   * Tokenize a text without running components.
   *
   * @param text the text
   * @returns the doc
   */
  makeDoc(text: string): Doc;
}

/**
 * The corpus files at a path: the path itself when it is a file, else the files
 * with the extension below it (recursively, hidden entries skipped), sorted.
 *
 * @param path a file or folder
 * @param extension the file extension to collect from folders
 * @returns file paths
 * @throws {Deno.errors.NotFound} naming the path when it does not exist
 * @example A missing path
 * ```ts
 * import assert from "node:assert/strict";
 * import { corpusFiles } from "@weft/pipeline";
 * assert.throws(() => corpusFiles("/no/such/dir", ".weftdocs"), /does not exist/);
 * ```
 */
export function corpusFiles(path: string, extension: string): string[] {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch {
    throw new Deno.errors.NotFound(`Corpus path does not exist: ${path}`);
  }
  if (info.isFile) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.name.startsWith(".")) continue;
      const p = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(p);
      else if (entry.isFile && entry.name.endsWith(extension)) out.push(p);
    }
  };
  walk(path.replace(/\/+$/, ""));
  return out.sort();
}

/** Options of the {@linkcode Corpus} constructor (spaCy's keyword arguments, camel-cased). */
export interface CorpusOptions {
  /** Read at most this many docs (0: all). */
  limit?: number;
  /**
   * Docs of this many tokens or more are split into sentences, and sentences
   * still that long are dropped (0: no limit; not applied with `goldPreproc`).
   */
  maxLength?: number;
  /** Use the reference tokenization, one example per sentence. */
  goldPreproc?: boolean;
  /** Shuffle the docs (seeded; each pass over the corpus uses the next seed). */
  shuffle?: boolean;
  /** The shuffling seed (default 0). */
  seed?: number;
  /** Turns one example into zero or more (spaCy's augmenters). */
  augmenter?: ((nlp: DocMaker, example: Example) => Iterable<Example>) | null;
}

/**
 * A corpus of Weft corpus files (`.weftdocs`): a file, or a folder searched
 * recursively. `call(nlp)` yields examples whose predicted doc is
 * `nlp.makeDoc(reference.text)`.
 *
 * @example Reading a corpus file
 * ```ts
 * import assert from "node:assert/strict";
 * import { Corpus, Doc, DocBin, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const path = await Deno.makeTempFile({ suffix: ".weftdocs" });
 * await new DocBin({ docs: [new Doc(vocab, { words: ["a", "b"], tags: ["X", "Y"] })] }).toDisk(path);
 * const nlp = { vocab, makeDoc: (text: string) => new Doc(vocab, { words: text.trim().split(" ") }) };
 * const [eg] = [...new Corpus(path).call(nlp)];
 * assert.deepEqual(eg!.getAligned("TAG"), ["X", "Y"]);
 * await Deno.remove(path);
 * ```
 */
export class Corpus {
  /** The file or folder. */
  readonly path: string;
  /** The options. */
  readonly options: Readonly<CorpusOptions>;
  #epoch = 0;

  /**
   * Create a corpus reader.
   *
   * @param path a corpus file or a folder of them
   * @param options limit, max length, gold tokenization, shuffling, augmenter
   */
  constructor(path: string, options: CorpusOptions = {}) {
    this.path = path;
    this.options = options;
  }

  /**
   * The corpus files, sorted.
   *
   * @returns file paths
   * @throws {Deno.errors.NotFound} naming the path when it does not exist
   */
  files(): string[] {
    return corpusFiles(this.path, DOCBIN_EXTENSION);
  }

  /**
   * The reference docs, honouring `limit` and `shuffle`.
   *
   * @param vocab the vocabulary to build them in
   * @returns the docs
   */
  *referenceDocs(vocab: Vocab): IterableIterator<Doc> {
    const { limit = 0, shuffle = false, seed = 0 } = this.options;
    const files = this.files();
    const random = seededRandom(seed + this.#epoch++);
    if (shuffle) shuffleInPlace(files, random);
    const docs: Doc[] = [];
    let count = 0;
    for (const file of files) {
      for (const doc of DocBin.fromBytes(Deno.readFileSync(file), file).getDocs(vocab)) {
        if (limit >= 1 && count >= limit) break;
        if (doc.length === 0) continue;
        count++;
        if (shuffle) docs.push(doc);
        else yield doc;
      }
      if (limit >= 1 && count >= limit) break;
    }
    if (shuffle) yield* shuffleInPlace(docs, random);
  }

  /**
   * Read the examples (spaCy's `Corpus.__call__`).
   *
   * @param nlp the pipeline (for its vocabulary and tokenizer)
   * @returns the examples
   */
  *call(nlp: DocMaker): IterableIterator<Example> {
    const { maxLength = 0, goldPreproc = false, augmenter } = this.options;
    const sentences = (doc: Doc) =>
      doc.hasAnnotation("SENT_START") ? doc.sents.map(spanAsDoc) : null;
    for (const reference of this.referenceDocs(nlp.vocab)) {
      let refs: Doc[];
      if (goldPreproc) refs = sentences(reference) ?? [reference];
      else if (maxLength === 0 || reference.length < maxLength) refs = [reference];
      else refs = (sentences(reference) ?? []).filter((s) => s.length < maxLength);
      for (const ref of refs) {
        if (ref.length === 0) continue;
        // Without known spaces the text is a guess, so the reference tokens are kept.
        const predicted = goldPreproc || ref.hasUnknownSpaces
          ? new Doc(ref.vocab, { words: ref.words, spaces: Array.from(ref.cols.spaces, Boolean) })
          : nlp.makeDoc(ref.text);
        if (predicted.length === 0) continue;
        const eg = new Example(predicted, ref);
        if (augmenter) yield* augmenter(nlp, eg);
        else yield eg;
      }
    }
  }

  /**
   * Count the examples of one pass (reads every file).
   *
   * @param nlp the pipeline
   * @returns the number of examples
   */
  count(nlp: DocMaker): number {
    let n = 0;
    for (const _ of this.call(nlp)) n++;
    return n;
  }
}
