/**
 * Deriving sentence starts from a dependency parse.
 *
 * @module
 */

/**
 * Sentence starts implied by heads: every token is a non-start (-1) except the
 * first token and the leftmost token of each annotated tree. Tokens whose
 * `depMissing` flag is set (no head annotation) are not roots of their own.
 *
 * @param heads relative head offsets (0 for roots)
 * @param depMissing 1 where the token has no dependency annotation
 * @returns sentence starts: 1 start, -1 inside
 * @example Two trees, two sentences
 * ```ts
 * import assert from "node:assert/strict";
 * import { sentStartsFromHeads } from "@weft/pipeline";
 * // "A b . C d": roots at 1 and 4
 * const starts = sentStartsFromHeads(new Int32Array([1, 0, -1, 1, 0]), new Uint8Array(5));
 * assert.deepEqual([...starts], [1, -1, -1, 1, -1]);
 * ```
 */
export function sentStartsFromHeads(heads: Int32Array, depMissing: Uint8Array): Int8Array {
  const n = heads.length;
  const leftEdge = new Int32Array(n);
  for (let i = 0; i < n; i++) leftEdge[i] = i;
  for (let i = 0; i < n; i++) {
    // Walk up from each token, lowering its ancestors' left edges; the step
    // bound guards against cycles in malformed annotation.
    let j = i;
    for (let steps = 0; steps < n; steps++) {
      const h = j + heads[j]!;
      if (h === j || h < 0 || h >= n) break;
      if (leftEdge[h]! > i) leftEdge[h] = i;
      j = h;
    }
  }
  const starts = new Int8Array(n).fill(-1);
  if (n > 0) starts[0] = 1;
  for (let i = 0; i < n; i++) {
    if (heads[i] === 0 && depMissing[i] === 0) starts[leftEdge[i]!] = 1;
  }
  return starts;
}
