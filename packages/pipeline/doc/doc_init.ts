/**
 * Filling a new `Doc`'s columns from the annotations it was built with
 * (spaCy's `Doc.__init__` keyword arguments).
 *
 * @module
 */
import type { Doc } from "./doc.ts";
import type { Annotations, DocInit } from "./doc_columns.ts";
import { setEntsFromTags } from "./doc_ents.ts";
import { normalizeMorph } from "./morph.ts";
import { UNIVERSAL_POS } from "./pos.ts";

/**
 * Write the optional annotations of `init` into a doc's zeroed columns.
 *
 * @param doc a doc whose words and spaces are set
 * @param init the annotations
 * @throws {RangeError} when a POS is not a Universal POS tag, heads are out of
 *   range, or heads come without deps
 */
export function fillDocAnnotations(doc: Doc, init: DocInit): void {
  const n = doc.length;
  const cols = doc.cols;
  const strings = doc.vocab.strings;
  const fill = (col: Uint32Array, values: Annotations<string> | undefined, f = (s: string) => s) =>
    values?.forEach((v, i) => {
      if (v !== null && v !== undefined) col[i] = strings.intern(f(v));
    });
  fill(cols.tag, init.tags);
  fill(cols.pos, init.pos, (p) => {
    if (p !== "" && !UNIVERSAL_POS.has(p)) throw new RangeError(`Doc: unknown POS "${p}"`);
    return p;
  });
  // A given but empty analysis is stored as "_" (set, no features), as spaCy does;
  // slot 0 means "not annotated".
  fill(cols.morph, init.morphs, (m) => normalizeMorph(m) || "_");
  fill(cols.lemma, init.lemmas);
  fill(cols.norm, init.norms);
  init.sentStarts?.forEach((v, i) => {
    cols.sentStart[i] = v === true || v === 1 ? 1 : v === false || v === -1 ? -1 : 0;
  });
  if (init.heads || init.deps) {
    // Deps alone leave every head at the token itself, as in spaCy.
    if (!init.deps) throw new RangeError("Doc: heads need deps");
    init.heads?.forEach((h, i) => {
      if (h === null || h === undefined) return;
      if (!Number.isInteger(h) || h < 0 || h >= n) {
        throw new RangeError(`Doc: head ${h} of token ${i} is out of range for ${n} tokens`);
      }
      cols.head[i] = h - i;
    });
    fill(cols.dep, init.deps);
    doc.syncSentStartsFromHeads();
  }
  if (init.ents) setEntsFromTags(doc, init.ents);
}
