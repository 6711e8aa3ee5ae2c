/**
 * The typed columns behind a `Doc` and what a `Doc` is built from.
 *
 * @module
 */

/**
 * Allocate the columns of a doc of `n` tokens, all zero.
 *
 * @param n the number of tokens
 * @returns the columns
 */
export function allocColumns(n: number): DocColumns {
  // All columns of a doc share one buffer: thousands of small docs would otherwise
  // cost thirteen ArrayBuffers each, and the garbage collector pays for every one.
  const buf = new ArrayBuffer(44 * n);
  const u32 = (k: number) => new Uint32Array(buf, 4 * n * k, n);
  return {
    idx: new Int32Array(buf, 0, n),
    head: new Int32Array(buf, 4 * n, n),
    tag: u32(2),
    pos: u32(3),
    morph: u32(4),
    lemma: u32(5),
    norm: u32(6),
    dep: u32(7),
    entType: u32(8),
    entKbId: u32(9),
    spaces: new Uint8Array(buf, 40 * n, n),
    sentStart: new Int8Array(buf, 41 * n, n),
    entIob: new Uint8Array(buf, 42 * n, n),
  };
}

/** Optional per-token values: `null`/`undefined` mean "not annotated". */
export type Annotations<T> = readonly (T | null | undefined)[];

/** What a `Doc` is built from (spaCy's `Doc.__init__` arguments). */
export interface DocInit {
  /** The token texts. */
  words: readonly string[];
  /** Whether each token is followed by a space (default: all true). */
  spaces?: readonly boolean[];
  /** Fine-grained tags. */
  tags?: Annotations<string>;
  /** Universal POS tags. */
  pos?: Annotations<string>;
  /** Morphological analyses (`Feat=Val|...`). */
  morphs?: Annotations<string>;
  /** Lemmas. */
  lemmas?: Annotations<string>;
  /** Token-level norms, overriding the lexeme's. */
  norms?: Annotations<string>;
  /** Absolute head indices (requires `deps`). */
  heads?: Annotations<number>;
  /** Dependency labels. */
  deps?: Annotations<string>;
  /** Sentence starts: `true`/1 start, `false`/-1 inside, `null`/0 unknown. */
  sentStarts?: Annotations<boolean | number>;
  /** Entity tags in IOB or BILUO form (`"B-PER"`, `"O"`, `""` for missing). */
  ents?: Annotations<string>;
}

/** The typed columns behind a `Doc`: string columns hold string-store slots. */
export interface DocColumns {
  /** Trailing-space flags. */
  readonly spaces: Uint8Array;
  /** Start offsets of tokens in `text` (UTF-16 code units). */
  readonly idx: Int32Array;
  /** Tag slots. */
  readonly tag: Uint32Array;
  /** POS slots. */
  readonly pos: Uint32Array;
  /** Morph slots. */
  readonly morph: Uint32Array;
  /** Lemma slots. */
  readonly lemma: Uint32Array;
  /** Token-level norm slots (0: use the lexeme's). */
  readonly norm: Uint32Array;
  /** Dependency label slots (0: no annotation). */
  readonly dep: Uint32Array;
  /** Relative head offsets. */
  readonly head: Int32Array;
  /** Sentence starts: 1, -1, or 0 for unknown. */
  readonly sentStart: Int8Array;
  /** Entity IOB codes: 0 missing, 1 I, 2 O, 3 B (spaCy's numbering). */
  readonly entIob: Uint8Array;
  /** Entity label slots. */
  readonly entType: Uint32Array;
  /** Entity knowledge-base id slots. */
  readonly entKbId: Uint32Array;
}
