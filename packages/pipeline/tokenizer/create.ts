/**
 * Rule sets per language and `createTokenizer`.
 *
 * @module
 */

import { baseSpecialCases } from "./base_exceptions.ts";
import { englishSpecialCases } from "./en_exceptions.ts";
import { FR_INFIXES, FR_PREFIXES, FR_SUFFIXES, frenchSpecialCases } from "./fr_rules.ts";
import { ALPHA, HYPHENS } from "./char_classes.ts";
import { WORD_PLURAL } from "./punctuation.ts";
import { BASE_INFIXES, BASE_PREFIXES, BASE_SUFFIXES } from "./punctuation.ts";
import { Tokenizer } from "./tokenizer.ts";
import type { TokenizerRules } from "./types.ts";
import { URL_PATTERN } from "./url.ts";

/**
 * Languages with their own rules; every other code gets the multilingual base rules.
 *
 * @example Checking for dedicated rules
 * ```ts
 * import assert from "node:assert/strict";
 * import { TOKENIZER_LANGUAGES } from "@weft/pipeline";
 * assert.ok(TOKENIZER_LANGUAGES.includes("fr"));
 * assert.ok(!TOKENIZER_LANGUAGES.includes("de"));
 * ```
 */
export const TOKENIZER_LANGUAGES: readonly string[] = ["en", "fr"];

// Bound English prefixes that keep their hyphen ("e-mail", "non-human", "co-workers").
const EN_BOUND = [
  "e",
  "non",
  "pre",
  "post",
  "co",
  "re",
  "semi",
  "multi",
  "mid",
  "anti",
  "pro",
  "ex",
  "counter",
  "mis",
];

/** Phone numbers ("713-853-3989", "646-8420", "3-5213") and dates ("11-20-2000") stay whole. */
const EN_TOKEN_MATCH = "\\d{3}-\\d{3}-\\d{4}|\\d{1,3}-\\d{4}|\\d{1,2}-\\d{1,2}-(?:\\d{4}|\\d{2})";

/** Times glued to AM/PM ("7:30PM" -> "7:30", "PM"). */
const EN_SUFFIXES = [...BASE_SUFFIXES, "(?<=[0-9])(?:[ap]m|[ap]\\.m\\.|[AP]M|[AP]\\.M\\.)"];

function englishInfixes(): string[] {
  const hyphen = `(?<=[${ALPHA}])(?:${HYPHENS})(?=[${ALPHA}])`;
  const bound = `(?<!(?:^|[^${ALPHA}])(?:${
    EN_BOUND.map((p) => `[${p[0]}${p[0]?.toUpperCase()}]${p.slice(1)}`).join("|")
  }))`;
  const english = `${bound}(?<=[${ALPHA}0-9])(?:${HYPHENS})(?=[${ALPHA}])`;
  // "friend(s)" -> "friend", "(", "s", ")" as in EWT; the suffix rule takes the ")".
  const plural = `(?<=[${ALPHA}])\\((?=[${ALPHA}]{1,3}(?:\\)|$))`;
  return [plural, ...BASE_INFIXES.map((p) => (p === hyphen ? english : p))];
}

/**
 * Returns the rules for a language code as plain data.
 *
 * @param lang A language code such as `"en"` or `"fr"`; others get the base rules.
 * @returns Fresh rules (safe to modify).
 * @example Adding a special case to the English rules
 * ```ts
 * import assert from "node:assert/strict";
 * import { rulesFor, Tokenizer } from "@weft/pipeline";
 * const rules = rulesFor("en");
 * rules.specialCases["gimme"] = [{ orth: "gim" }, { orth: "me" }];
 * assert.deepEqual(new Tokenizer(rules).call("gimme that").words, ["gim", "me", "that"]);
 * ```
 */
export function rulesFor(lang: string): TokenizerRules {
  const base = baseSpecialCases();
  if (lang === "en") {
    return {
      prefixes: [...BASE_PREFIXES],
      suffixes: [...EN_SUFFIXES],
      infixes: englishInfixes(),
      specialCases: { ...base, ...englishSpecialCases() },
      tokenMatch: EN_TOKEN_MATCH,
      urlMatch: URL_PATTERN,
    };
  }
  if (lang === "fr") {
    return {
      prefixes: [...FR_PREFIXES],
      suffixes: [...FR_SUFFIXES],
      infixes: [...FR_INFIXES],
      specialCases: { ...base, ...frenchSpecialCases() },
      tokenMatch: WORD_PLURAL,
      urlMatch: URL_PATTERN,
    };
  }
  return {
    prefixes: [...BASE_PREFIXES],
    suffixes: [...BASE_SUFFIXES],
    infixes: [...BASE_INFIXES],
    specialCases: base,
    urlMatch: URL_PATTERN,
  };
}

/**
 * Creates the rule-based tokenizer for a language (`"en"`, `"fr"`, or the multilingual
 * fallback for any other code).
 *
 * @param lang A language code.
 * @returns A new tokenizer.
 * @example English and French
 * ```ts
 * import assert from "node:assert/strict";
 * import { createTokenizer } from "@weft/pipeline";
 * assert.deepEqual(createTokenizer("en").call("I don't know.").words, ["I", "do", "n't", "know", "."]);
 * assert.deepEqual(createTokenizer("fr").call("L'homme qu'il voit").words, ["L'", "homme", "qu'", "il", "voit"]);
 * assert.deepEqual(createTokenizer("de").call("Hallo, Welt!").words, ["Hallo", ",", "Welt", "!"]);
 * ```
 */
export function createTokenizer(lang: string): Tokenizer {
  return new Tokenizer(rulesFor(lang));
}
