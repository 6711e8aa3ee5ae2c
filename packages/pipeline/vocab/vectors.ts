/**
 * `Vectors`: a table of static word vectors, rows looked up by string key.
 *
 * @module
 */
import { type AttrId, ORTH, type VectorsLike } from "@weft/types";
import { keyWords, wordsKey } from "./hash.ts";
import { stringKey } from "./string_store.ts";
import type { StringStore } from "./string_store.ts";

/** Options of the {@linkcode Vectors} constructor. */
export interface VectorsOptions {
  /** The vector width (required unless `data` and `rows` are given). */
  width?: number;
  /** With `data`: how many rows it holds; without: how many to allocate (grows as vectors are added). */
  rows?: number;
  /** Row-major vector data `[rows, width]`. */
  data?: Float32Array;
  /** The token attribute whose keys index the table (default ORTH). */
  attr?: AttrId;
  /** The store used to turn string keys into hashes. */
  strings?: StringStore;
}

/** A serializable snapshot of a {@linkcode Vectors} table. */
export interface VectorsData {
  /** The vector width. */
  width: number;
  /** The number of rows in use. */
  rows: number;
  /** The token attribute id of the keys. */
  attr: number;
  /** Vector data, `rows * width` floats. */
  data: Float32Array;
  /** Low words of the keys. */
  keysLo: Uint32Array;
  /** High words of the keys. */
  keysHi: Uint32Array;
  /** The row of each key. */
  keyRows: Int32Array;
}

/**
 * Static vectors: a `[rows, width]` float table plus a map from 64-bit keys to
 * rows (several keys may share a row). Implements `VectorsLike`, whose
 * `findRows` takes the low 32 bits of keys.
 *
 * @example Add and look up vectors
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vectors } from "@weft/pipeline";
 * const vectors = new Vectors({ width: 2 });
 * vectors.add("cat", new Float32Array([1, 2]));
 * assert.deepEqual([...vectors.get("cat")!], [1, 2]);
 * assert.equal(vectors.get("dog"), undefined);
 * ```
 */
export class Vectors implements VectorsLike {
  /** The width of each vector. */
  readonly width: number;
  /** The attribute whose keys index the table. */
  readonly attr: AttrId;
  #data: Float32Array;
  #rows = 0;
  #rowOfKey = new Map<bigint, number>();
  #rowOfLow = new Map<number, number>();
  #strings: StringStore | undefined;

  /**
   * Create a table.
   *
   * @param options width, initial data and the key attribute
   * @throws {RangeError} when the width is missing or does not divide the data
   */
  constructor(options: VectorsOptions = {}) {
    const width = options.width ??
      (options.data && options.rows ? options.data.length / options.rows : undefined);
    if (width === undefined || !Number.isInteger(width) || width < 0) {
      throw new RangeError(`Vectors need a non-negative integer width, got ${width}`);
    }
    this.width = width;
    this.attr = options.attr ?? ORTH;
    this.#strings = options.strings;
    if (options.data) {
      if (width > 0 && options.data.length % width !== 0) {
        throw new RangeError(
          `Vector data of length ${options.data.length} is not a multiple of width ${width}`,
        );
      }
      this.#data = options.data;
      this.#rows = options.rows ?? (width > 0 ? options.data.length / width : 0);
    } else {
      this.#data = new Float32Array((options.rows ?? 0) * width);
    }
  }

  /** The number of rows. */
  get rows(): number {
    return this.#rows;
  }

  /** All vectors, row-major `[rows, width]`. */
  get data(): Float32Array {
    return this.#data.subarray(0, this.#rows * this.width);
  }

  /** The number of keys. */
  get nKeys(): number {
    return this.#rowOfKey.size;
  }

  /** The string store used for string keys (set by `Vocab`). */
  set strings(strings: StringStore | undefined) {
    this.#strings = strings;
  }

  /**
   * Add a key, with a new vector or pointing at an existing row.
   *
   * @param key a string (hashed with the store) or a 64-bit key
   * @param vector the vector for a new row
   * @param row an existing row to point at instead
   * @returns the key's row
   * @throws {RangeError} when the vector has the wrong width or the row is out of range
   */
  add(key: string | bigint, vector?: Float32Array, row?: number): number {
    const k = this.#key(key, true);
    let r = row;
    if (r === undefined) {
      if (vector === undefined) throw new RangeError("Vectors.add() needs a vector or a row");
      if (vector.length !== this.width) {
        throw new RangeError(
          `Vector of width ${vector.length} added to a table of width ${this.width}`,
        );
      }
      r = this.#rowOfKey.get(k) ?? this.#newRow();
      this.#data.set(vector, r * this.width);
    } else if (r < 0 || r >= this.#rows) {
      throw new RangeError(`Row ${r} is out of range for ${this.#rows} rows`);
    }
    this.#rowOfKey.set(k, r);
    const [lo] = keyWords(k);
    if (!this.#rowOfLow.has(lo)) this.#rowOfLow.set(lo, r);
    return r;
  }

  /**
   * The vector of a key.
   *
   * @param key a string or 64-bit key
   * @returns a view of its row, or undefined
   */
  get(key: string | bigint): Float32Array | undefined {
    const r = this.find(key);
    return r < 0 ? undefined : this.#data.subarray(r * this.width, (r + 1) * this.width);
  }

  /**
   * Whether a key has a vector.
   *
   * @param key a string or 64-bit key
   * @returns true when it has one
   */
  has(key: string | bigint): boolean {
    return this.find(key) >= 0;
  }

  /**
   * The row of a key, or -1.
   *
   * @param key a string or 64-bit key
   * @returns the row or -1
   */
  find(key: string | bigint): number {
    return this.#rowOfKey.get(this.#key(key, false)) ?? -1;
  }

  /**
   * The rows of keys given by their low 32 bits (as `DocLike.toArray` reports them).
   *
   * @param keys low words of keys
   * @returns each key's row, -1 where it has none
   */
  findRows(keys: Uint32Array): Int32Array {
    const out = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = this.#rowOfLow.get(keys[i]!) ?? -1;
    return out;
  }

  /**
   * A snapshot for serialization.
   *
   * @returns the table's data and keys
   */
  toData(): VectorsData {
    const n = this.#rowOfKey.size;
    const keysLo = new Uint32Array(n);
    const keysHi = new Uint32Array(n);
    const keyRows = new Int32Array(n);
    let i = 0;
    for (const [k, r] of this.#rowOfKey) {
      [keysLo[i], keysHi[i]] = keyWords(k);
      keyRows[i++] = r;
    }
    return {
      width: this.width,
      rows: this.#rows,
      attr: this.attr,
      data: this.data.slice(),
      keysLo,
      keysHi,
      keyRows,
    };
  }

  /**
   * Rebuild a table from {@linkcode Vectors.toData} output.
   *
   * @param data the snapshot
   * @param strings the store for string keys
   * @returns the table
   */
  static fromData(data: VectorsData, strings?: StringStore): Vectors {
    const v = new Vectors({
      width: data.width,
      data: data.data.slice(0, data.rows * data.width),
      rows: data.rows,
      attr: data.attr,
      ...(strings ? { strings } : {}),
    });
    for (let i = 0; i < data.keyRows.length; i++) {
      v.add(wordsKey(data.keysLo[i]!, data.keysHi[i]!), undefined, data.keyRows[i]!);
    }
    return v;
  }

  #key(key: string | bigint, add: boolean): bigint {
    if (typeof key === "bigint") return key;
    if (this.#strings) {
      return add ? this.#strings.add(key, { allowTransient: false }) : this.#strings.key(key);
    }
    return stringKey(key);
  }

  #newRow(): number {
    const r = this.#rows++;
    if (this.#rows * this.width > this.#data.length) {
      const grown = new Float32Array(
        Math.max(this.#rows, this.#data.length / Math.max(1, this.width) * 2) * this.width,
      );
      grown.set(this.#data);
      this.#data = grown;
    }
    return r;
  }
}
