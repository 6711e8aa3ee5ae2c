/**
 * Entity tag schemes: IOB1, IOB2 and BILUO, with strict validation.
 *
 * @module
 */

/** How `I-` tags that start an entity are treated: IOB1 allows them, IOB2 rejects them. */
export type IobScheme = "iob1" | "iob2";

/** Describes where tag `i` came from, for error messages (e.g. `"train.iob:12"`). */
export type Locate = (i: number) => string;

const defaultLocate: Locate = (i) => `token ${i}`;

function splitTag(tag: string, where: string): [string, string] {
  if (tag === "O") return ["O", ""];
  const dash = tag.indexOf("-");
  if (dash !== 1 || tag.length < 3) {
    throw new SyntaxError(`Invalid entity tag "${tag}" at ${where}: expected "O" or "X-LABEL"`);
  }
  return [tag[0] as string, tag.slice(2)];
}

/**
 * Converts IOB tags (IOB1 or IOB2; also accepts IOBES `E-`/`S-`) to BILUO tags.
 *
 * @param tags The IOB tags of one sentence.
 * @param scheme `"iob2"` rejects an `I-X` that does not continue an `X` entity; `"iob1"`
 *   starts a new entity there.
 * @param locate Names the source of tag `i` in error messages.
 * @returns The BILUO tags.
 * @throws {SyntaxError} A tag that is not `O` or `B-`, `I-`, `E-`, `S-` plus a label.
 * @throws {RangeError} An `I-X` that does not continue an `X` entity under IOB2.
 * @example IOB1 and IOB2
 * ```ts
 * import assert from "node:assert/strict";
 * import { iobToBiluo } from "@weft/pipeline";
 * assert.deepEqual(iobToBiluo(["I-PER", "I-PER", "O", "I-LOC"], "iob1"), ["B-PER", "L-PER", "O", "U-LOC"]);
 * assert.deepEqual(iobToBiluo(["B-ORG", "B-ORG", "I-ORG"], "iob2"), ["U-ORG", "B-ORG", "L-ORG"]);
 * assert.throws(() => iobToBiluo(["O", "I-LOC"], "iob2"), RangeError);
 * ```
 */
export function iobToBiluo(
  tags: string[],
  scheme: IobScheme,
  locate: Locate = defaultLocate,
): string[] {
  const n = tags.length;
  const out = new Array<string>(n);
  let prevLabel = "";
  let open = false;
  for (let i = 0; i < n; i++) {
    const [prefix, label] = splitTag(tags[i] as string, locate(i));
    if (prefix === "O") {
      out[i] = "O";
      open = false;
      continue;
    }
    let begins: boolean;
    if (prefix === "B" || prefix === "S") begins = true;
    else if (prefix === "I" || prefix === "E") {
      const continues = open && prevLabel === label;
      if (!continues && scheme === "iob2") {
        throw new RangeError(
          `Unbalanced IOB tags at ${locate(i)}: "${
            tags[i]
          }" does not continue an entity of type ${label}`,
        );
      }
      begins = !continues;
    } else {
      throw new SyntaxError(
        `Invalid entity tag "${tags[i]}" at ${locate(i)}: unknown prefix ${prefix}`,
      );
    }
    const next = i + 1 < n ? tags[i + 1] as string : "O";
    const nextContinues = prefix !== "E" && prefix !== "S" &&
      (next === `I-${label}` || next === `E-${label}`);
    if (begins) out[i] = nextContinues ? `B-${label}` : `U-${label}`;
    else out[i] = nextContinues ? `I-${label}` : `L-${label}`;
    open = prefix !== "E" && prefix !== "S";
    prevLabel = label;
  }
  return out;
}

/**
 * Checks that BILUO tags are well formed and balanced.
 *
 * @param tags The BILUO tags of one document.
 * @param locate Names the source of tag `i` in error messages.
 * @throws {SyntaxError} A tag that is not `O` or `B-`, `I-`, `L-`, `U-` plus a label.
 * @throws {RangeError} An entity that is not opened or not closed properly.
 * @example Valid and unbalanced tags
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkBiluo } from "@weft/pipeline";
 * checkBiluo(["B-PER", "I-PER", "L-PER", "U-LOC", "O"]);
 * assert.throws(() => checkBiluo(["B-PER", "O"]), RangeError);
 * assert.throws(() => checkBiluo(["L-PER"]), RangeError);
 * ```
 */
export function checkBiluo(tags: string[], locate: Locate = defaultLocate): void {
  let open = "";
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as string;
    // spaCy uses "-" for missing annotation and "" for unknown; both are outside entities.
    if (tag === "-" || tag === "") {
      if (open) throw unbalanced(tag, i, locate, `entity ${open} is not closed`);
      continue;
    }
    const [prefix, label] = splitTag(tag, locate(i));
    if (prefix === "B" || prefix === "U" || prefix === "O") {
      if (open) throw unbalanced(tag, i, locate, `entity ${open} is not closed`);
      if (prefix === "B") open = label;
    } else if (prefix === "I" || prefix === "L") {
      if (open !== label) throw unbalanced(tag, i, locate, `no open entity of type ${label}`);
      if (prefix === "L") open = "";
    } else {
      throw new SyntaxError(`Invalid BILUO tag "${tag}" at ${locate(i)}: unknown prefix ${prefix}`);
    }
  }
  if (open) {
    throw unbalanced("end", tags.length, locate, `entity ${open} is not closed`);
  }
}

function unbalanced(tag: string, i: number, locate: Locate, why: string): RangeError {
  return new RangeError(`Unbalanced BILUO tags at ${locate(i)} ("${tag}"): ${why}`);
}
