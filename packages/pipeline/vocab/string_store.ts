/**
 * `StringStore`: a two-way map between strings and 64-bit keys.
 *
 * @module
 */
import { hashString, keyWords, wordsKey } from "./hash.ts";
import { SYMBOL_NAMES } from "./symbols.ts";

const SYMBOL_IDS = new Map(SYMBOL_NAMES.map((name, i) => [name, BigInt(i)]));

/**
 * The key of a string as spaCy computes it: its symbol id for spaCy's symbol
 * names (`"NOUN"` is 92), otherwise its 64-bit hash.
 *
 * @param text the string
 * @returns the key
 * @example Symbols and hashes
 * ```ts
 * import assert from "node:assert/strict";
 * import { stringKey } from "@weft/pipeline";
 * assert.equal(stringKey("NOUN"), 92n);
 * assert.equal(stringKey("coffee"), 3197928453018144401n);
 * ```
 */
export function stringKey(text: string): bigint {
  return SYMBOL_IDS.get(text) ?? hashString(text);
}

/** Options of {@linkcode StringStore.add}. */
export interface AddStringOptions {
  /**
   * Whether the string may be dropped when the current memory zone ends. Defaults
   * to true inside a zone; pass false for labels and other strings that must stay.
   */
  allowTransient?: boolean;
}

/**
 * Maps strings to 64-bit keys (two uint32 words) and back; keys are spaCy's
 * (symbol ids for its symbol names, else hashes). Each string also has a
 * dense slot index, which documents store in their columns; the empty string is
 * slot 0 with key 0. `DocLike.toArray` reports the low 32 bits of keys.
 *
 * Strings added inside {@linkcode StringStore.beginZone} / `endZone` are transient:
 * they are removed when the zone ends, so long-running processes do not grow
 * without bound (spaCy's `memory_zone`).
 *
 * @example Keys, slots and lookups
 * ```ts
 * import assert from "node:assert/strict";
 * import { StringStore } from "@weft/pipeline";
 * const strings = new StringStore(["apple"]);
 * assert.equal(strings.key("coffee"), 3197928453018144401n);
 * assert.equal(strings.get(strings.add("coffee")), "coffee");
 * assert.equal(strings.has("tea"), false);
 * assert.deepEqual(strings.toJSON(), ["apple", "coffee"]);
 * ```
 */
export class StringStore {
  #strings: (string | undefined)[] = [""];
  #lo: Uint32Array = new Uint32Array(64);
  #hi: Uint32Array = new Uint32Array(64);
  #bySlot = new Map<string, number>([["", 0]]);
  #byKey = new Map<bigint, number>([[0n, 0]]);
  #byLow = new Map<number, number>([[0, 0]]);
  #free: number[] = [];
  #zones: number[][] = [];
  #count = 1;

  /**
   * Create a store, optionally filled with strings.
   *
   * @param strings strings to add (permanently)
   */
  constructor(strings: Iterable<string> = []) {
    for (const s of strings) this.add(s, { allowTransient: false });
  }

  /** The number of strings, not counting the empty string. */
  get size(): number {
    return this.#count - 1;
  }

  /**
   * Add a string (if new) and return its 64-bit key.
   *
   * @param text the string
   * @param options whether the string may be transient
   * @returns its key
   */
  add(text: string, options: AddStringOptions = {}): bigint {
    return this.keyOfSlot(this.intern(text, options));
  }

  /**
   * Add a string (if new) and return its slot index.
   *
   * @param text the string
   * @param options whether the string may be transient
   * @returns its slot, a small dense integer (0 for the empty string)
   */
  intern(text: string, options: AddStringOptions = {}): number {
    const known = this.#bySlot.get(text);
    if (known !== undefined) {
      if (options.allowTransient === false) this.#makePermanent(known);
      return known;
    }
    const key = stringKey(text);
    const [lo, hi] = keyWords(key);
    const slot = this.#free.pop() ?? this.#strings.length;
    if (slot >= this.#lo.length) this.#grow(slot + 1);
    this.#strings[slot] = text;
    this.#lo[slot] = lo;
    this.#hi[slot] = hi;
    this.#bySlot.set(text, slot);
    this.#byKey.set(key, slot);
    if (!this.#byLow.has(lo)) this.#byLow.set(lo, slot);
    this.#count++;
    const zone = this.#zones.at(-1);
    if (zone !== undefined && options.allowTransient !== false) zone.push(slot);
    return slot;
  }

  /**
   * Whether the store holds a string, or a 64-bit key.
   *
   * @param value a string or key
   * @returns true when known
   */
  has(value: string | bigint): boolean {
    return typeof value === "string" ? this.#bySlot.has(value) : this.#byKey.has(value);
  }

  /**
   * The string of a 64-bit key.
   *
   * @param key a key from {@linkcode StringStore.add}
   * @returns the string
   * @throws {RangeError} when the key is unknown
   */
  get(key: bigint): string {
    const slot = this.#byKey.get(key);
    if (slot === undefined) throw new RangeError(`Unknown string key ${key}`);
    return this.#strings[slot]!;
  }

  /**
   * The key a string has (or would have), without adding it.
   *
   * @param text the string
   * @returns its 64-bit key (0 for the empty string)
   */
  key(text: string): bigint {
    const slot = this.#bySlot.get(text);
    return slot === undefined ? stringKey(text) : this.keyOfSlot(slot);
  }

  /**
   * The slot of a known string, or -1.
   *
   * @param text the string
   * @returns its slot or -1
   */
  slotOf(text: string): number {
    return this.#bySlot.get(text) ?? -1;
  }

  /**
   * The string in a slot.
   *
   * @param slot a slot index
   * @returns the string
   * @throws {RangeError} when the slot is empty
   */
  atSlot(slot: number): string {
    const s = this.#strings[slot];
    if (s === undefined) throw new RangeError(`String slot ${slot} is empty`);
    return s;
  }

  /**
   * The 64-bit key of a slot.
   *
   * @param slot a slot index
   * @returns the key
   */
  keyOfSlot(slot: number): bigint {
    return wordsKey(this.#lo[slot]!, this.#hi[slot]!);
  }

  /**
   * The low 32 bits of a slot's key (the id `DocLike.toArray` reports).
   *
   * @param slot a slot index
   * @returns the low word
   */
  lowOfSlot(slot: number): number {
    return this.#lo[slot]!;
  }

  /**
   * The slot whose key has these low 32 bits (the first one added, should two
   * strings share them), or -1.
   *
   * @param low the low word of a key
   * @returns the slot or -1
   */
  slotOfLow(low: number): number {
    return this.#byLow.get(low >>> 0) ?? -1;
  }

  /**
   * Start a zone: strings added from now on are transient until `endZone`.
   * Zones nest; end them in reverse order.
   */
  beginZone(): void {
    this.#zones.push([]);
  }

  /**
   * End the innermost zone, removing the transient strings it added.
   *
   * @returns the slots removed
   * @throws {RangeError} when no zone is open
   */
  endZone(): number[] {
    const zone = this.#zones.pop();
    if (zone === undefined) throw new RangeError("endZone() called with no open memory zone");
    for (const slot of zone) this.#remove(slot);
    return zone;
  }

  /** Whether a memory zone is open. */
  get inZone(): boolean {
    return this.#zones.length > 0;
  }

  /** Iterate over the strings (without the empty string), in slot order. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 1; i < this.#strings.length; i++) {
      const s = this.#strings[i];
      if (s !== undefined) yield s;
    }
  }

  /**
   * The strings as a plain array, for serialization.
   *
   * @returns the strings, in slot order
   */
  toJSON(): string[] {
    return [...this];
  }

  /**
   * Rebuild a store from {@linkcode StringStore.toJSON} output.
   *
   * @param strings the strings
   * @returns a new store
   * @throws {TypeError} when an entry is not a string
   */
  static fromJSON(strings: unknown): StringStore {
    if (!Array.isArray(strings) || strings.some((s) => typeof s !== "string")) {
      throw new TypeError("StringStore.fromJSON() expects an array of strings");
    }
    return new StringStore(strings as string[]);
  }

  #makePermanent(slot: number): void {
    for (const zone of this.#zones) {
      const at = zone.indexOf(slot);
      if (at >= 0) zone.splice(at, 1);
    }
  }

  #remove(slot: number): void {
    const text = this.#strings[slot];
    if (text === undefined) return;
    const key = this.keyOfSlot(slot);
    this.#bySlot.delete(text);
    this.#byKey.delete(key);
    if (this.#byLow.get(this.#lo[slot]!) === slot) this.#byLow.delete(this.#lo[slot]!);
    this.#strings[slot] = undefined;
    this.#free.push(slot);
    this.#count--;
  }

  #grow(min: number): void {
    const size = Math.max(min, this.#lo.length * 2);
    const lo = new Uint32Array(size);
    const hi = new Uint32Array(size);
    lo.set(this.#lo);
    hi.set(this.#hi);
    this.#lo = lo;
    this.#hi = hi;
  }
}
