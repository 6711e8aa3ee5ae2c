/**
 * Morphological feature strings in Universal Dependencies' `Feat=Val|Feat=Val`
 * form, normalized as spaCy's `MorphAnalysis` normalizes them.
 *
 * @module
 */

/**
 * Normalize a morphological analysis: features sorted by name, `"_"` and empty
 * strings become `""`.
 *
 * @param morph a `Feat=Val|...` string
 * @returns the normalized string
 * @throws {SyntaxError} when a feature has no `=`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeMorph } from "@weft/pipeline";
 * assert.equal(normalizeMorph("Number=Sing|Case=Nom"), "Case=Nom|Number=Sing");
 * assert.equal(normalizeMorph("_"), "");
 * ```
 */
export function normalizeMorph(morph: string): string {
  if (morph === "" || morph === "_") return "";
  const feats = morph.split("|").filter((f) => f !== "");
  for (const f of feats) {
    if (!f.includes("=")) {
      throw new SyntaxError(`Invalid morphological feature "${f}" in "${morph}"`);
    }
  }
  return feats.sort((a, b) => {
    const ka = a.slice(0, a.indexOf("="));
    const kb = b.slice(0, b.indexOf("="));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }).join("|");
}

/**
 * Parse a morphological analysis into a feature → value map.
 *
 * @param morph a `Feat=Val|...` string
 * @returns the features
 * @example
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
