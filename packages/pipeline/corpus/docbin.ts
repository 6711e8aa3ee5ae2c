/**
 * `DocBin`: Weft's binary corpus format (the role of spaCy's `.spacy` files).
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import type { Doc } from "../doc/doc.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { decodeDoc, type DocRecordBin, encodeDoc } from "./docbin_record.ts";
import { validatePayload } from "./docbin_validate.ts";

/** The magic bytes that open every Weft corpus file. */
export const DOCBIN_MAGIC = "WEFTDOCS";
/** The corpus format version this code writes and the newest it reads. */
export const DOCBIN_VERSION = 1;
/** The file extension of Weft corpus files. */
export const DOCBIN_EXTENSION = ".weftdocs";

/** Options of the {@linkcode DocBin} constructor. */
export interface DocBinOptions {
  /** Whether to store each doc's `userData` (default false, as spaCy). */
  storeUserData?: boolean;
  /** Docs to add. */
  docs?: Iterable<Doc>;
}

/**
 * A compact, serializable collection of docs: one string table, and per doc its
 * token columns (only those with annotation), cats, span groups and optionally
 * user data. The file is the magic `WEFTDOCS`, a uint32 format version, then a
 * msgpack payload.
 *
 * @example Round trip through bytes
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, DocBin, Vocab } from "@weft/pipeline";
 * const vocab = new Vocab();
 * const doc = new Doc(vocab, { words: ["Hi", "Ann"], ents: ["O", "U-PER"] });
 * const bytes = new DocBin({ docs: [doc] }).toBytes();
 * const [back] = [...DocBin.fromBytes(bytes).getDocs(vocab)];
 * assert.equal(back!.ents[0]!.text, "Ann");
 * ```
 */
export class DocBin {
  /** Whether `userData` is stored. */
  readonly storeUserData: boolean;
  #strings: string[] = [""];
  #index = new Map<string, number>([["", 0]]);
  #docs: DocRecordBin[] = [];

  /**
   * Create a collection.
   *
   * @param options docs to add and whether to keep user data
   */
  constructor(options: DocBinOptions = {}) {
    this.storeUserData = options.storeUserData ?? false;
    for (const doc of options.docs ?? []) this.add(doc);
  }

  /** The number of docs. */
  get length(): number {
    return this.#docs.length;
  }

  /**
   * Add a doc.
   *
   * @param doc the doc
   */
  add(doc: Doc): void {
    this.#docs.push(encodeDoc(doc, (t) => this.#intern(t), this.storeUserData));
  }

  /**
   * Rebuild the docs.
   *
   * @param vocab the vocabulary to build them in
   * @returns the docs, in order
   */
  *getDocs(vocab: Vocab): IterableIterator<Doc> {
    const strings = vocab.strings;
    // Each file string is interned into the vocabulary once, not once per token.
    const slots = new Int32Array(this.#strings.length).fill(-1);
    const slot = (
      i: number,
    ) => (slots[i]! >= 0 ? slots[i]! : (slots[i] = strings.intern(this.#strings[i]!)));
    for (const rec of this.#docs) yield decodeDoc(vocab, rec, this.#strings, slot);
  }

  /**
   * Serialize to bytes.
   *
   * @returns the file contents
   */
  toBytes(): Uint8Array {
    const payload = encode({
      strings: this.#strings,
      docs: this.#docs,
      userData: this.storeUserData,
    });
    const out = new Uint8Array(12 + payload.length);
    out.set(new TextEncoder().encode(DOCBIN_MAGIC));
    new DataView(out.buffer).setUint32(8, DOCBIN_VERSION, true);
    out.set(payload, 12);
    return out;
  }

  /**
   * Read a collection from bytes, checking its structure.
   *
   * @param bytes the file contents
   * @param source the file name, for error messages
   * @returns the collection
   * @throws {SyntaxError} naming the source when the data is not a valid corpus file
   * @throws {RangeError} when the format version is newer than supported
   */
  static fromBytes(bytes: Uint8Array, source = "<bytes>"): DocBin {
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== DOCBIN_MAGIC) {
      throw new SyntaxError(`${source}: not a Weft corpus file (missing "${DOCBIN_MAGIC}" header)`);
    }
    const version = new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(8, true);
    if (version > DOCBIN_VERSION || version === 0) {
      throw new RangeError(
        `${source}: corpus format version ${version} is not supported (newest: ${DOCBIN_VERSION})`,
      );
    }
    let payload: unknown;
    try {
      payload = decode(bytes.subarray(12));
    } catch (e) {
      throw new SyntaxError(`${source}: corrupt corpus data (${(e as Error).message})`);
    }
    const bin = new DocBin();
    validatePayload(payload, source);
    bin.#strings = payload.strings;
    bin.#index = new Map(payload.strings.map((s, i) => [s, i]));
    bin.#docs = payload.docs;
    (bin as { storeUserData: boolean }).storeUserData = payload.userData === true;
    return bin;
  }

  /**
   * Write to a file.
   *
   * @param path the file path (conventionally ending in `.weftdocs`)
   */
  async toDisk(path: string): Promise<void> {
    await Deno.writeFile(path, this.toBytes());
  }

  /**
   * Read a file.
   *
   * @param path the file path
   * @returns the collection
   * @throws {SyntaxError} naming the file when it is not a valid corpus file
   */
  static async fromDisk(path: string): Promise<DocBin> {
    return DocBin.fromBytes(await Deno.readFile(path), path);
  }

  #intern(s: string): number {
    let i = this.#index.get(s);
    if (i === undefined) {
      i = this.#strings.length;
      this.#strings.push(s);
      this.#index.set(s, i);
    }
    return i;
  }
}
