/**
 * `Alignment`: the token-to-token mapping between two tokenizations of one text.
 *
 * @module
 */

/**
 * A ragged list of indices: `lengths[i]` entries of `data` belong to item `i`.
 *
 * @example A ragged list
 * ```ts
 * import assert from "node:assert/strict";
 * import { AlignmentArray } from "@weft/pipeline";
 * const a = new AlignmentArray([[0], [], [1, 2]]);
 * assert.deepEqual([...a.get(2)], [1, 2]);
 * assert.deepEqual([...a.lengths], [1, 0, 2]);
 * ```
 */
export class AlignmentArray {
  /** The number of indices of each item. */
  readonly lengths: Int32Array;
  /** All indices, concatenated. */
  readonly data: Int32Array;
  #starts: Int32Array;

  /**
   * Build from one index list per item.
   *
   * @param lists the indices of each item
   */
  constructor(lists: readonly (readonly number[])[]) {
    this.lengths = Int32Array.from(lists, (l) => l.length);
    this.data = Int32Array.from(lists.flat());
    this.#starts = new Int32Array(lists.length);
    let s = 0;
    lists.forEach((l, i) => {
      this.#starts[i] = s;
      s += l.length;
    });
  }

  /** The number of items. */
  get length(): number {
    return this.lengths.length;
  }

  /**
   * The indices of one item.
   *
   * @param i the item
   * @returns its indices (a view)
   */
  get(i: number): Int32Array {
    const s = this.#starts[i]!;
    return this.data.subarray(s, s + this.lengths[i]!);
  }
}

/**
 * How the tokens of two tokenizations of the same text (whitespace and case
 * aside) overlap: `x2y` lists for each token of `x` the tokens of `y` sharing a
 * character with it, `y2x` the reverse.
 *
 * @example A contraction split in two
 * ```ts
 * import assert from "node:assert/strict";
 * import { Alignment } from "@weft/pipeline";
 * const a = Alignment.fromStrings(["I", "can't", "go"], ["I", "ca", "n't", "go"]);
 * assert.deepEqual([...a.x2y.get(1)], [1, 2]);
 * assert.deepEqual([...a.y2x.get(2)], [1]);
 * ```
 */
export class Alignment {
  /**
   * Create an alignment from both directions.
   *
   * @param x2y for each `x` token, the `y` tokens
   * @param y2x for each `y` token, the `x` tokens
   */
  constructor(readonly x2y: AlignmentArray, readonly y2x: AlignmentArray) {}

  /**
   * Align two tokenizations.
   *
   * @param x the first token texts
   * @param y the second token texts
   * @returns the alignment
   * @throws {RangeError} when the texts differ beyond whitespace and case
   */
  static fromStrings(x: readonly string[], y: readonly string[]): Alignment {
    if (x.length === y.length && x.every((w, i) => w === y[i])) {
      const identity = x.map((_, i) => [i]);
      return new Alignment(new AlignmentArray(identity), new AlignmentArray(identity));
    }
    const [xChars, xOwner] = charOwners(x);
    const [yChars, yOwner] = charOwners(y);
    if (xChars !== yChars) {
      throw new RangeError(
        `Cannot align tokenizations of different texts: "${x.join(" ").slice(0, 80)}" vs "${
          y.join(" ").slice(0, 80)
        }"`,
      );
    }
    return new Alignment(
      new AlignmentArray(overlaps(x.length, xOwner, yOwner)),
      new AlignmentArray(overlaps(y.length, yOwner, xOwner)),
    );
  }
}

// The non-whitespace characters of the tokens, lower-cased, and the token owning each.
function charOwners(words: readonly string[]): [string, number[]] {
  let chars = "";
  const owner: number[] = [];
  words.forEach((w, i) => {
    for (const ch of w.toLowerCase()) {
      if (/\s/u.test(ch)) continue;
      chars += ch;
      for (let k = 0; k < ch.length; k++) owner.push(i);
    }
  });
  return [chars, owner];
}

function overlaps(n: number, from: number[], to: number[]): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < from.length; c++) {
    const list = out[from[c]!]!;
    const t = to[c]!;
    if (list.at(-1) !== t) list.push(t);
  }
  return out;
}
