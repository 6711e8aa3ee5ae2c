/**
 * Errors of the config system: the validation error that lists every problem
 * as a table, and the "did you mean" helper for unknown names.
 *
 * @module
 */

/** One problem found while validating a config: where (`loc`) and what (`msg`). */
export interface ConfigErrorEntry {
  /** Path of the offending value, e.g. `["components", "tagger", "model", "nO"]`. */
  readonly loc: readonly string[];
  /** What is wrong with it, in sentence case. */
  readonly msg: string;
  /** Where it was read from (`file, line N`), when known. */
  readonly where?: string | undefined;
}

/**
 * A config that does not fit the schemas of its registered functions: unknown
 * argument, missing required argument, wrong type. All problems found are
 * reported together, one per line as `section.path → message`, like
 * confection's `ConfigValidationError`.
 *
 * @example Reading the table of problems
 * ```ts
 * import { ConfigValidationError } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * const err = new ConfigValidationError([
 *   { loc: ["model", "nO"], msg: "value is not a valid int" },
 *   { loc: ["model", "width"], msg: "missing required argument" },
 * ]);
 * assert.ok(err instanceof TypeError);
 * assert.match(err.message, /model\.nO → value is not a valid int/);
 * assert.equal(err.errors.length, 2);
 * ```
 */
export class ConfigValidationError extends TypeError {
  /** Every problem found, in the order found. */
  readonly errors: readonly ConfigErrorEntry[];

  /**
   * Creates the error from its problems; `title` is the first line of the message.
   *
   * @param errors The problems found.
   * @param title The message's first line.
   */
  constructor(errors: readonly ConfigErrorEntry[], title = "Config validation error") {
    const rows = errors.map((e) =>
      `  ${e.loc.join(".") || "(top level)"} → ${e.msg}${e.where ? ` (${e.where})` : ""}`
    );
    super(`${title}\n${rows.join("\n")}`);
    this.name = "ConfigValidationError";
    this.errors = errors;
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * Returns up to `n` of `candidates` closest to `name` by edit distance
 * (case-insensitive), best first, leaving out those too far to be a typo.
 *
 * @param name The unknown name.
 * @param candidates The known names.
 * @param n How many suggestions at most.
 * @returns The suggestions.
 *
 * @example Suggesting a registered name
 * ```ts
 * import { closestNames } from "@weft/config";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(closestNames("Relu.v3", ["Relu.v1", "Maxout.v1", "chain.v1"]), ["Relu.v1"]);
 * ```
 */
export function closestNames(name: string, candidates: Iterable<string>, n = 3): string[] {
  const lower = name.toLowerCase();
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    const limit = Math.max(2, Math.floor(Math.max(name.length, candidate.length) * 0.4));
    const contains = candidate.toLowerCase().includes(lower) ||
      lower.includes(candidate.toLowerCase());
    if (d <= limit || contains) scored.push([d, candidate]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
  return scored.slice(0, n).map(([, c]) => c);
}

/** Formats ` (did you mean "a", "b"?)`, or the empty string when there is nothing to suggest. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestNames(name, candidates);
  return best.length ? ` (did you mean ${best.map((b) => `"${b}"`).join(", ")}?)` : "";
}
