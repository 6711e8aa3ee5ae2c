/**
 * Morphological feature strings in Universal Dependencies' `Feat=Val|Feat=Val`
 * form, normalized as spaCy's `MorphAnalysis` normalizes them.
 *
 * @module
 */

/**
 * Normalize a morphological analysis as spaCy does: `Field=Value` pairs sorted
 * as strings, multiple values (`Field=A,B`) sorted, `"_"` and empty strings
 * become `""`.
 *
 * @param morph a `Feat=Val|...` string
 * @returns the normalized string
 * @throws {SyntaxError} when a feature has no `=`
 * @example spaCy's canonical order
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeMorph } from "@weft/pipeline";
 * assert.equal(normalizeMorph("Number=Sing|Case=Nom"), "Case=Nom|Number=Sing");
 * assert.equal(normalizeMorph("PronType=Prs,Int"), "PronType=Int,Prs");
 * assert.equal(normalizeMorph("_"), "");
 * ```
 */
export function normalizeMorph(morph: string): string {
  if (morph === "" || morph === "_") return "";
  const fields = new Map<string, string>();
  for (const f of morph.split("|")) {
    if (f === "") continue;
    const at = f.indexOf("=");
    if (at < 0) throw new SyntaxError(`Invalid morphological feature "${f}" in "${morph}"`);
    // A repeated field keeps its last value, as a dict would; multiple values are sorted.
    fields.set(f.slice(0, at), f.slice(at + 1).split(",").sort().join(","));
  }
  return [...fields].map(([k, v]) => `${k}=${v}`).sort().join("|");
}

/**
 * Parse a morphological analysis into a feature → value map.
 *
 * @param morph a `Feat=Val|...` string
 * @returns the features
 * @example Fields and values
 * ```ts
 * import assert from "node:assert/strict";
 * import { morphFeatures } from "@weft/pipeline";
 * assert.deepEqual(morphFeatures("Case=Nom|Number=Sing"), { Case: "Nom", Number: "Sing" });
 * ```
 */
export function morphFeatures(morph: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (morph === "" || morph === "_") return out;
  for (const f of morph.split("|")) {
    const at = f.indexOf("=");
    if (at > 0) out[f.slice(0, at)] = f.slice(at + 1);
  }
  return out;
}
