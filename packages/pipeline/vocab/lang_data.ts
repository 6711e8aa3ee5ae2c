/**
 * Per-language lexical data used by `Vocab` to compute lexeme attributes.
 *
 * @module
 */
import { ENGLISH } from "./lang_en.ts";
import { likeNum } from "./lex_attrs.ts";

/** What a language contributes to lexeme attributes (spaCy's `Language.Defaults`). */
export interface LanguageData {
  /** The language code, e.g. `"en"`; `"xx"` for multi-language. */
  readonly lang: string;
  /** Lower-case stop words (`is_stop` checks the lower-cased text). */
  readonly stopWords: ReadonlySet<string>;
  /** The language's `like_num`. */
  readonly likeNum: (text: string) => boolean;
  /** NORM exceptions, looked up by the lower-cased text. */
  readonly normExceptions: Readonly<Record<string, string>>;
}

const languages = new Map<string, LanguageData>([["en", ENGLISH]]);

/**
 * Register lexical data for a language (replacing any previous entry).
 *
 * @param data the language's data
 * @example A custom language
 * ```ts
 * import assert from "node:assert/strict";
 * import { languageData, likeNum, registerLanguageData } from "@weft/pipeline";
 * registerLanguageData({ lang: "zz", stopWords: new Set(["zz"]), likeNum, normExceptions: {} });
 * assert.equal(languageData("zz").stopWords.has("zz"), true);
 * ```
 */
export function registerLanguageData(data: LanguageData): void {
  languages.set(data.lang, data);
}

/**
 * The lexical data of a language; languages without data get the generic
 * defaults (no stop words, the generic `like_num`).
 *
 * @param lang a language code
 * @returns its data
 * @example English and a language without data
 * ```ts
 * import assert from "node:assert/strict";
 * import { languageData } from "@weft/pipeline";
 * assert.equal(languageData("en").stopWords.has("the"), true);
 * assert.equal(languageData("xx").stopWords.size, 0);
 * ```
 */
export function languageData(lang: string): LanguageData {
  return languages.get(lang) ?? { lang, stopWords: new Set(), likeNum, normExceptions: {} };
}
