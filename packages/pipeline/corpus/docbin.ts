/**
 * `DocBin`: Weft's binary corpus format (the role of spaCy's `.spacy` files).
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import { Doc } from "../doc/doc.ts";
import { Span } from "../doc/span.ts";
import type { Vocab } from "../vocab/vocab.ts";
import { fromBytesLE, toBytesLE } from "./bytes.ts";

/** The magic bytes that open every Weft corpus file. */
export const DOCBIN_MAGIC = "WEFTDOCS";
/** The corpus format version this code writes and the newest it reads. */
export const DOCBIN_VERSION = 1;
/** The file extension of Weft corpus files. */
export const DOCBIN_EXTENSION = ".weftdocs";

const STRING_COLS = ["tag", "pos", "morph", "lemma", "norm", "dep", "entType", "entKbId"] as const;

/** One encoded doc: columns index the file's string table. */
interface DocRecordBin {
  n: number;
  orth: Uint8Array;
  spaces: Uint8Array;
  cols?: Record<string, Uint8Array>;
  cats?: Record<string, number>;
  spans?: Record<string, Uint8Array>;
  user?: Record<string, unknown>;
  /** Set when the doc's trailing spaces are unknown. */
  unknownSpaces?: boolean;
}

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
    const local = (slot: number) => this.#intern(doc.str(slot));
    const n = doc.length;
    const orth = Uint32Array.from(doc.lexemes, (l) => this.#intern(l.text));
    const cols: Record<string, Uint8Array> = {};
    const c = doc.cols;
    for (const key of STRING_COLS) {
      if (c[key].some((v) => v !== 0)) cols[key] = toBytesLE(Uint32Array.from(c[key], local));
    }
    if (c.dep.some((v) => v !== 0) || c.head.some((v) => v !== 0)) {
      cols.head = toBytesLE(c.head.slice());
    }
    if (c.sentStart.some((v) => v !== 0)) cols.sentStart = toBytesLE(c.sentStart.slice());
    if (c.entIob.some((v) => v !== 0)) cols.entIob = c.entIob.slice();
    const rec: DocRecordBin = { n, orth: toBytesLE(orth), spaces: c.spaces.slice(), cols };
    if (Object.keys(doc.cats).length > 0) rec.cats = { ...doc.cats };
    if (doc.spans.size > 0) {
      rec.spans = {};
      for (const [key, group] of doc.spans) {
        const flat = new Int32Array(group.length * 4);
        group.forEach((s, i) =>
          flat.set([s.start, s.end, this.#intern(s.label), this.#intern(s.kbId)], i * 4)
        );
        rec.spans[key] = toBytesLE(flat);
      }
    }
    if (this.storeUserData && doc.userData.size > 0) rec.user = Object.fromEntries(doc.userData);
    if (doc.hasUnknownSpaces) rec.unknownSpaces = true;
    this.#docs.push(rec);
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
    for (const rec of this.#docs) {
      const orth = fromBytesLE(rec.orth, "u32");
      const doc = new Doc(vocab, {
        words: Array.from(orth, (i) => this.#strings[i]!),
        spaces: Array.from(rec.spaces, Boolean),
      });
      const c = doc.cols;
      const cols = rec.cols ?? {};
      for (const key of STRING_COLS) {
        const bytes = cols[key];
        if (bytes) {
          c[key].set(
            fromBytesLE(bytes, "u32").map(slot),
          );
        }
      }
      if (cols.head) c.head.set(fromBytesLE(cols.head, "i32"));
      if (cols.sentStart) c.sentStart.set(fromBytesLE(cols.sentStart, "i8"));
      if (cols.entIob) c.entIob.set(cols.entIob);
      if (rec.cats) doc.cats = { ...rec.cats };
      for (const [key, bytes] of Object.entries(rec.spans ?? {})) {
        const flat = fromBytesLE(bytes, "i32");
        const group: Span[] = [];
        for (let i = 0; i < flat.length; i += 4) {
          group.push(
            new Span(
              doc,
              flat[i]!,
              flat[i + 1]!,
              this.#strings[flat[i + 2]!]!,
              this.#strings[flat[i + 3]!]!,
            ),
          );
        }
        doc.spans.set(key, group);
      }
      for (const [k, v] of Object.entries(rec.user ?? {})) doc.userData.set(k, v);
      doc.hasUnknownSpaces = rec.unknownSpaces === true;
      yield doc;
    }
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

function validatePayload(
  p: unknown,
  source: string,
): asserts p is { strings: string[]; docs: DocRecordBin[]; userData?: boolean } {
  const fail = (what: string): never => {
    throw new SyntaxError(`${source}: corrupt corpus data (${what})`);
  };
  if (typeof p !== "object" || p === null) fail("payload is not a map");
  const { strings, docs } = p as Record<string, unknown>;
  if (!Array.isArray(strings) || strings.some((s) => typeof s !== "string")) {
    fail("bad string table");
  }
  if (!Array.isArray(docs)) fail("no doc list");
  const nStrings = (strings as string[]).length;
  (docs as unknown[]).forEach((d, k) => {
    const doc = d as DocRecordBin;
    const where = `doc ${k}`;
    if (typeof doc !== "object" || doc === null || !Number.isInteger(doc.n)) {
      fail(`${where}: no token count`);
    }
    const n = doc.n;
    const sized = (bytes: unknown, width: number, what: string) => {
      if (!(bytes instanceof Uint8Array) || bytes.length !== n * width) {
        fail(`${where}: bad ${what} column`);
      }
    };
    sized(doc.orth, 4, "orth");
    sized(doc.spaces, 1, "spaces");
    const cols = doc.cols ?? {};
    for (const [key, bytes] of Object.entries(cols)) {
      const width = key === "entIob" || key === "sentStart" ? 1 : 4;
      if (!(STRING_COLS as readonly string[]).includes(key) && width === 4 && key !== "head") {
        fail(`${where}: unknown column "${key}"`);
      }
      sized(bytes, width, key);
    }
    const indexed = [doc.orth, ...STRING_COLS.map((c) => cols[c]).filter((b) => b !== undefined)];
    for (const bytes of indexed) {
      if (fromBytesLE(bytes!, "u32").some((i) => i >= nStrings)) {
        fail(`${where}: string index out of range`);
      }
    }
    if (cols.entIob && cols.entIob.some((v) => v > 3)) fail(`${where}: bad entity IOB code`);
    if (
      cols.sentStart &&
      new Int8Array(cols.sentStart.buffer, cols.sentStart.byteOffset, n).some((v) =>
        v < -1 || v > 1
      )
    ) {
      fail(`${where}: bad sentence start value`);
    }
    if (cols.head) {
      const head = fromBytesLE(cols.head, "i32");
      if (head.some((h, i) => i + h < 0 || i + h >= n)) fail(`${where}: head out of range`);
    }
    for (const [key, bytes] of Object.entries(doc.spans ?? {})) {
      if (!(bytes instanceof Uint8Array) || bytes.length % 16 !== 0) {
        fail(`${where}: bad span group "${key}"`);
      }
      const flat = fromBytesLE(bytes, "i32");
      for (let i = 0; i < flat.length; i += 4) {
        const [s, e, l, kb] = [flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!];
        if (!(0 <= s && s <= e && e <= n) || l < 0 || l >= nStrings || kb < 0 || kb >= nStrings) {
          fail(`${where}: span out of range in group "${key}"`);
        }
      }
    }
  });
}
