/**
 * Serializing a `Vocab` (strings, language, vectors) to bytes and back.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import { StringStore } from "./string_store.ts";
import { Vectors, type VectorsData } from "./vectors.ts";
import { Vocab } from "./vocab.ts";

/** The format version of serialized vocabularies. */
export const VOCAB_FORMAT_VERSION = 1;

/**
 * Serialize a vocabulary: its language, strings and vectors (msgpack).
 *
 * @param vocab the vocabulary
 * @returns the bytes
 * @example Round trip with vectors
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vectors, Vocab, vocabFromBytes, vocabToBytes } from "@weft/pipeline";
 * const vocab = new Vocab({ lang: "en", vectors: new Vectors({ width: 2 }) });
 * vocab.vectors.add("hello", new Float32Array([1, 2]));
 * const back = vocabFromBytes(vocabToBytes(vocab));
 * assert.equal(back.lang, "en");
 * assert.deepEqual([...back.vectors.get("hello")!], [1, 2]);
 * ```
 */
export function vocabToBytes(vocab: Vocab): Uint8Array {
  const v = vocab.vectors.toData();
  return encode({
    format: "weft.vocab",
    version: VOCAB_FORMAT_VERSION,
    lang: vocab.lang,
    strings: vocab.strings.toJSON(),
    vectors: {
      width: v.width,
      rows: v.rows,
      attr: v.attr,
      data: new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength),
      keysLo: new Uint8Array(v.keysLo.buffer),
      keysHi: new Uint8Array(v.keysHi.buffer),
      keyRows: new Uint8Array(v.keyRows.buffer),
    },
  });
}

/**
 * Rebuild a vocabulary from {@linkcode vocabToBytes} output.
 *
 * @param bytes the bytes
 * @param source a file name for error messages
 * @returns the vocabulary
 * @throws {SyntaxError} naming the source when the bytes are not a serialized vocabulary
 * @throws {RangeError} when the format version is newer than supported
 * @example Bad bytes name their source
 * ```ts
 * import assert from "node:assert/strict";
 * import { vocabFromBytes } from "@weft/pipeline";
 * assert.throws(() => vocabFromBytes(new Uint8Array([0xc1]), "vocab.bin"), /vocab\.bin/);
 * ```
 */
export function vocabFromBytes(bytes: Uint8Array, source = "<bytes>"): Vocab {
  let data: Record<string, unknown>;
  try {
    data = decode(bytes) as Record<string, unknown>;
  } catch (e) {
    throw new SyntaxError(`${source}: corrupt vocabulary data (${(e as Error).message})`);
  }
  if (data === null || typeof data !== "object" || data.format !== "weft.vocab") {
    throw new SyntaxError(`${source}: not a Weft vocabulary`);
  }
  if (typeof data.version !== "number" || data.version > VOCAB_FORMAT_VERSION) {
    throw new RangeError(`${source}: vocabulary format version ${data.version} is not supported`);
  }
  const v = data.vectors as Record<string, unknown>;
  const floats = (b: unknown) => new Float32Array((b as Uint8Array).slice().buffer);
  const u32 = (b: unknown) => new Uint32Array((b as Uint8Array).slice().buffer);
  const vd: VectorsData = {
    width: v.width as number,
    rows: v.rows as number,
    attr: v.attr as number,
    data: floats(v.data),
    keysLo: u32(v.keysLo),
    keysHi: u32(v.keysHi),
    keyRows: new Int32Array((v.keyRows as Uint8Array).slice().buffer),
  };
  const strings = StringStore.fromJSON(data.strings);
  return new Vocab({ lang: String(data.lang), strings, vectors: Vectors.fromData(vd, strings) });
}
