/**
 * Precision/recall/F and ROC AUC accumulators (spaCy's `PRFScore`, `ROCAUCScore`).
 *
 * @module
 */

/** Precision, recall and F-score. */
export interface PRF {
  /** Precision. */
  p: number;
  /** Recall. */
  r: number;
  /** F-score. */
  f: number;
}

/**
 * Counts of true positives, false positives and false negatives. The tiny
 * 1e-100 in denominators makes empty counts score 0, as in spaCy.
 *
 * @example Counting a set
 * ```ts
 * import assert from "node:assert/strict";
 * import { PRFScore } from "@weft/pipeline";
 * const s = new PRFScore();
 * s.scoreSet(new Set(["a", "b"]), new Set(["b", "c", "d"]));
 * assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 2]);
 * assert.equal(s.precision, 0.5);
 * ```
 */
export class PRFScore {
  /**
   * Create counts.
   *
   * @param tp true positives
   * @param fp false positives
   * @param fn false negatives
   */
  constructor(public tp = 0, public fp = 0, public fn = 0) {}

  /** The number of counted decisions. */
  get length(): number {
    return this.tp + this.fp + this.fn;
  }

  /**
   * Count a candidate set against a gold set.
   *
   * @param cand predicted items
   * @param gold reference items
   */
  scoreSet<T>(cand: ReadonlySet<T>, gold: ReadonlySet<T>): void {
    for (const c of cand) {
      if (gold.has(c)) this.tp++;
      else this.fp++;
    }
    for (const g of gold) if (!cand.has(g)) this.fn++;
  }

  /** tp / (tp + fp). */
  get precision(): number {
    return this.tp / (this.tp + this.fp + 1e-100);
  }
  /** tp / (tp + fn). */
  get recall(): number {
    return this.tp / (this.tp + this.fn + 1e-100);
  }
  /** The harmonic mean of precision and recall. */
  get fscore(): number {
    const p = this.precision;
    const r = this.recall;
    return 2 * ((p * r) / (p + r + 1e-100));
  }

  /**
   * The scores as `{p, r, f}`.
   *
   * @returns the scores
   */
  toDict(): PRF {
    return { p: this.precision, r: this.recall, f: this.fscore };
  }
}

/**
 * Area under the ROC curve of binary gold labels against scores.
 *
 * @example Three of four pairs ordered
 * ```ts
 * import assert from "node:assert/strict";
 * import { ROCAUCScore } from "@weft/pipeline";
 * const s = new ROCAUCScore();
 * const pairs: [number, number][] = [[0.9, 1], [0.4, 0], [0.6, 1], [0.7, 0]];
 * for (const [c, g] of pairs) s.scoreSet(c, g);
 * assert.equal(s.score, 0.75);
 * ```
 */
export class ROCAUCScore {
  /** The gold labels. */
  readonly golds: number[] = [];
  /** The candidate scores. */
  readonly cands: number[] = [];

  /**
   * Add one decision.
   *
   * @param cand the predicted score
   * @param gold the gold label (0 or 1)
   */
  scoreSet(cand: number, gold: number): void {
    this.cands.push(cand);
    this.golds.push(gold);
  }

  /** Whether exactly two distinct gold values were seen. */
  isBinary(): boolean {
    return new Set(this.golds).size === 2;
  }

  /**
   * The AUC: the chance that a positive outscores a negative, ties counting half
   * (equal to the trapezoidal area under the ROC curve).
   *
   * @throws {RangeError} unless the golds are binary
   */
  get score(): number {
    if (!this.isBinary()) {
      throw new RangeError(
        `ROC AUC needs two gold classes, got {${[...new Set(this.golds)].join(", ")}}`,
      );
    }
    const positive = Math.max(...this.golds);
    const order = this.cands.map((c, i) => [c, this.golds[i] === positive] as const).sort((a, b) =>
      a[0] - b[0]
    );
    // Mann-Whitney U over ranks, with tied scores sharing their average rank.
    let rankSum = 0;
    let nPos = 0;
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j < order.length && order[j]![0] === order[i]![0]) j++;
      const avgRank = (i + 1 + j) / 2;
      for (let k = i; k < j; k++) {
        if (order[k]![1]) {
          rankSum += avgRank;
          nPos++;
        }
      }
      i = j;
    }
    const nNeg = order.length - nPos;
    return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
  }
}
