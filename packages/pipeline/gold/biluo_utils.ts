/**
 * Conversions between entity offsets, BILUO tags and spans (spaCy's
 * `spacy.training.iob_utils`). `iobToBiluo` lives with the readers.
 *
 * @module
 */
import type { Doc } from "../doc/doc.ts";
import { Span } from "../doc/span.ts";

/** An entity as character offsets and a label: `[start, end, label]`. */
export type EntityOffsets = readonly [number, number, string];

/**
 * BILUO tags for entities given as character offsets. Tokens of an entity whose
 * bounds do not fall on token boundaries get `"-"` (missing); tokens outside all
 * entities get `missing`; an entity with an empty label marks its tokens `"O"`.
 *
 * @param doc the tokenized text
 * @param entities `[start, end, label]` character offsets
 * @param missing the tag for tokens outside entities (default `"O"`)
 * @returns one tag per token
 * @throws {RangeError} when entities overlap
 * @example Aligned and misaligned entities
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, offsetsToBiluoTags, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["I", "like", "London", "."], spaces: [true, true, false, false] });
 * assert.deepEqual(offsetsToBiluoTags(doc, [[7, 13, "LOC"]]), ["O", "O", "U-LOC", "O"]);
 * assert.deepEqual(offsetsToBiluoTags(doc, [[8, 13, "LOC"]]), ["O", "O", "-", "O"]);
 * ```
 */
export function offsetsToBiluoTags<M extends string | null = string>(
  doc: Doc,
  entities: readonly EntityOffsets[],
  missing: M = "O" as M,
): (string | M)[] {
  const tags: (string | M)[] = Array.from({ length: doc.length }, () => "-");
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  for (const t of doc) {
    starts.set(t.idx, t.i);
    ends.set(t.idx + t.text.length, t.i);
  }
  const covered = new Map<number, EntityOffsets>();
  for (const ent of entities) {
    const [s, e, label] = ent;
    if (label === "") {
      for (const [at, i] of starts) if (at >= s && at < e) tags[i] = "O";
      continue;
    }
    for (let c = s; c < e; c++) {
      const other = covered.get(c);
      if (other) {
        throw new RangeError(
          `Overlapping entities [${other[0]}, ${other[1]}, "${
            other[2]
          }"] and [${s}, ${e}, "${label}"]`,
        );
      }
      covered.set(c, ent);
    }
    const first = starts.get(s);
    const last = ends.get(e);
    if (first === undefined || last === undefined) continue;
    if (first === last) tags[first] = `U-${label}`;
    else {
      tags[first] = `B-${label}`;
      for (let i = first + 1; i < last; i++) tags[i] = `I-${label}`;
      tags[last] = `L-${label}`;
    }
  }
  const entityChars = new Set<number>();
  for (const [s, e] of entities) for (let c = s; c < e; c++) entityChars.add(c);
  for (const t of doc) {
    let inside = false;
    for (let c = t.idx; c < t.idx + t.text.length && !inside; c++) inside = entityChars.has(c);
    if (!inside) tags[t.i] = missing;
  }
  return tags;
}

/**
 * Token-index entities from BILUO tags (spaCy's `tags_to_entities`): `[label,
 * first, last]`, with `["", i, i]` for each missing (`"-"`/null) token outside
 * an entity.
 *
 * @param tags BILUO tags
 * @returns entities with inclusive token bounds
 * @throws {SyntaxError} for an `I`/`L` without a `B`, or an unknown tag
 * @example Missing tokens outside entities
 * ```ts
 * import assert from "node:assert/strict";
 * import { tagsToEntities } from "@weft/pipeline";
 * assert.deepEqual(tagsToEntities(["B-A", "L-A", "-", "U-B"]), [["A", 0, 1], ["", 2, 2], ["B", 3, 3]]);
 * ```
 */
export function tagsToEntities(
  tags: readonly (string | null | undefined)[],
): [string, number, number][] {
  const out: [string, number, number][] = [];
  let start: number | null = null;
  tags.forEach((tag, i) => {
    if (tag === null || tag === undefined || tag.startsWith("-")) {
      if (start !== null) start = null;
      else out.push(["", i, i]);
    } else if (tag === "O") {
      // outside
    } else if (tag.startsWith("I-")) {
      if (start === null) {
        throw new SyntaxError(`Invalid BILUO sequence: "${tag}" at ${i} has no "B-" before it`);
      }
    } else if (tag.startsWith("U-")) out.push([tag.slice(2), i, i]);
    else if (tag.startsWith("B-")) start = i;
    else if (tag.startsWith("L-")) {
      if (start === null) {
        throw new SyntaxError(`Invalid BILUO sequence: "${tag}" at ${i} has no "B-" before it`);
      }
      out.push([tag.slice(2), start, i]);
      start = null;
    } else throw new SyntaxError(`Invalid BILUO tag "${tag}" at ${i}`);
  });
  return out;
}

/**
 * Entity spans from BILUO tags (missing tokens give no span).
 *
 * @param doc the document the tags belong to
 * @param tags one BILUO tag per token
 * @returns labelled spans
 * @example A two-token entity
 * ```ts
 * import assert from "node:assert/strict";
 * import { biluoTagsToSpans, Doc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["New", "York", "rocks"] });
 * assert.deepEqual(biluoTagsToSpans(doc, ["B-GPE", "L-GPE", "O"]).map((s) => s.text), ["New York"]);
 * ```
 */
export function biluoTagsToSpans(doc: Doc, tags: readonly (string | null | undefined)[]): Span[] {
  return tagsToEntities(tags)
    .filter(([label]) => label !== "")
    .map(([label, s, e]) => new Span(doc, s, e + 1, label));
}

/**
 * Character offsets of the entities in BILUO tags.
 *
 * @param doc the document the tags belong to
 * @param tags one BILUO tag per token
 * @returns `[start, end, label]` offsets
 * @example Character offsets
 * ```ts
 * import assert from "node:assert/strict";
 * import { biluoTagsToOffsets, Doc, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["Hi", "Ann"] });
 * assert.deepEqual(biluoTagsToOffsets(doc, ["O", "U-PER"]), [[3, 6, "PER"]]);
 * ```
 */
export function biluoTagsToOffsets(
  doc: Doc,
  tags: readonly (string | null | undefined)[],
): [number, number, string][] {
  return biluoTagsToSpans(doc, tags).map((s) => [s.startChar, s.endChar, s.label]);
}

/**
 * A doc's entity annotation as BILUO tags; unannotated tokens get `missing`.
 *
 * @param doc the document
 * @param missing the tag for tokens without entity annotation (default `"-"`)
 * @returns one tag per token
 * @example IOB columns as BILUO tags
 * ```ts
 * import assert from "node:assert/strict";
 * import { Doc, docToBiluoTags, Vocab } from "@weft/pipeline";
 * const doc = new Doc(new Vocab(), { words: ["a", "b", "c", "d"], ents: ["B-X", "I-X", "I-X", ""] });
 * assert.deepEqual(docToBiluoTags(doc), ["B-X", "I-X", "L-X", "-"]);
 * ```
 */
export function docToBiluoTags(doc: Doc, missing = "-"): string[] {
  const tags = [...doc].map((t) => (t.entIob === "" ? missing : "O"));
  for (const e of doc.ents) {
    if (e.length === 1) tags[e.start] = `U-${e.label}`;
    else {
      tags[e.start] = `B-${e.label}`;
      for (let i = e.start + 1; i < e.end - 1; i++) tags[i] = `I-${e.label}`;
      tags[e.end - 1] = `L-${e.label}`;
    }
  }
  return tags;
}

/**
 * BILUO tags as IOB2 tags (`L` → `I`, `U` → `B`).
 *
 * @param tags BILUO tags
 * @returns IOB tags
 * @example L and U tags
 * ```ts
 * import assert from "node:assert/strict";
 * import { biluoToIob } from "@weft/pipeline";
 * assert.deepEqual(biluoToIob(["B-A", "L-A", "U-B", "O"]), ["B-A", "I-A", "B-B", "O"]);
 * ```
 */
export function biluoToIob(tags: readonly string[]): string[] {
  return tags.map((t) => t.replace(/^L-/, "I-").replace(/^U-/, "B-"));
}
