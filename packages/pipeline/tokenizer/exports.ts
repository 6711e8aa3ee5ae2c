/**
 * Public API of the tokenizer (re-exported by `@weft/pipeline`).
 *
 * @module
 */

export { Tokenizer } from "./tokenizer.ts";
export { createTokenizer, rulesFor, TOKENIZER_LANGUAGES } from "./create.ts";
export type { ExplainStep, SpecialToken, TokenizerOutput, TokenizerRules } from "./types.ts";
