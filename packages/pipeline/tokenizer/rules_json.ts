/**
 * Checking the shape of tokenizer rules read from JSON.
 *
 * @module
 */

import type { TokenizerRules } from "./types.ts";

/**
 * Checks that parsed JSON has the shape of {@linkcode TokenizerRules}.
 *
 * @param value Parsed JSON.
 * @param source Names the data in error messages.
 * @returns The same value, typed.
 * @throws {TypeError} When a field has the wrong type, naming the field.
 */
export function checkRules(value: unknown, source: string): TokenizerRules {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`Invalid ${source}: expected an object`);
  }
  const bad = (field: string, want: string) =>
    new TypeError(`Invalid ${source}: "${field}" must be ${want}`);
  const v = value as Record<string, unknown>;
  const strings = (x: unknown) => Array.isArray(x) && x.every((p) => typeof p === "string");
  for (const field of ["prefixes", "suffixes", "infixes"]) {
    if (!strings(v[field])) throw bad(field, "a list of strings");
  }
  for (const field of ["tokenMatch", "urlMatch"]) {
    if (v[field] !== undefined && typeof v[field] !== "string") throw bad(field, "a string");
  }
  const specials = v.specialCases;
  if (specials === null || typeof specials !== "object" || Array.isArray(specials)) {
    throw bad("specialCases", "an object");
  }
  for (const [key, tokens] of Object.entries(specials)) {
    const ok = Array.isArray(tokens) &&
      tokens.every((t) =>
        t !== null && typeof t === "object" && typeof t.orth === "string" &&
        (t.norm === undefined || typeof t.norm === "string")
      );
    if (!ok) throw bad(`specialCases["${key}"]`, "a list of {orth, norm?} objects");
  }
  return value as TokenizerRules;
}
