/**
 * The Universal POS tags that `pos` annotations may take.
 *
 * @module
 */
import { SYMBOL_NAMES } from "../vocab/symbols.ts";

// spaCy's symbol table lists the POS tags as one run, "ADJ" to "SPACE"; reading
// them from there keeps a single source of truth (symbols.ts is generated).
const FIRST_POS = SYMBOL_NAMES.indexOf("ADJ");
const LAST_POS = SYMBOL_NAMES.indexOf("SPACE");

/**
 * The coarse-grained part-of-speech tags spaCy accepts (Universal Dependencies
 * v2, plus spaCy's `CONJ`, `EOL` and `SPACE`), in symbol-table order.
 *
 * @example Checking a POS tag
 * ```ts
 * import assert from "node:assert/strict";
 * import { UNIVERSAL_POS } from "@weft/pipeline";
 * assert.ok(UNIVERSAL_POS.has("PROPN"));
 * assert.ok(!UNIVERSAL_POS.has("NN"));
 * assert.equal(UNIVERSAL_POS.size, 20);
 * ```
 */
export const UNIVERSAL_POS: ReadonlySet<string> = new Set(
  SYMBOL_NAMES.slice(FIRST_POS, LAST_POS + 1),
);
