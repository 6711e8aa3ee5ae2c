/**
 * Turning categorical truths (class indices, label names with missing values and
 * negative labels, or one-hot arrays) into a target and a mask, as Thinc's
 * `CategoricalCrossentropy.convert_truths`, on the host.
 *
 * @module
 */
import type { Floats2d } from "@weft/types";

/**
 * Truths for a categorical loss: class indices (numbers, `Int32Array`), label names
 * (strings; `null`/`undefined` are missing when `missingValue` is unset), or a
 * `[N, nClasses]` float array of target distributions.
 */
export type CategoricalTruths =
  | readonly (number | null | undefined)[]
  | Int32Array
  | readonly (string | null | undefined)[]
  | Floats2d;

/** How truths are read: the options of a categorical loss that concern them. */
export interface TruthOptions {
  /** Label names, in column order; needed for string truths. */
  names?: readonly string[] | null | undefined;
  /** A truth equal to this is missing: its row gets no gradient. */
  missingValue?: string | number | null | undefined;
  /** A string truth starting with this is negative: "not this label". */
  negPrefix?: string | null | undefined;
  /** Move this much probability from the gold class to the others evenly; 0 by default. */
  labelSmoothing?: number | undefined;
}

/** A host target distribution and mask, both `[rows * cols]` row-major. */
export interface HostTargets {
  /** The target distribution of each row. */
  target: Float32Array;
  /** 1 where the gradient counts, 0 where it is masked. */
  mask: Float32Array;
}

/** Thinc's `to_categorical` checks for label smoothing, with its messages' content. */
export function smoothingProbabilities(nClasses: number, labelSmoothing: number): {
  gold: number;
  other: number;
} {
  if (labelSmoothing < 0) {
    throw new RangeError(`Label smoothing must be >= 0, got ${labelSmoothing}`);
  }
  if (labelSmoothing === 0) {
    if (nClasses === 0) throw new RangeError("Categorical truths need at least 1 class");
    return { gold: 1, other: 0 };
  }
  if (!(nClasses > 1)) {
    throw new RangeError(
      `Label smoothing needs more than 1 class, but ${nClasses} ${
        nClasses === 1 ? "was" : "were"
      } given`,
    );
  }
  const maxSmooth = (nClasses - 1) / nClasses;
  if (labelSmoothing >= maxSmooth) {
    throw new RangeError(
      `For ${nClasses} classes label smoothing must be less than ${maxSmooth}, got ${labelSmoothing}`,
    );
  }
  return { gold: 1 - labelSmoothing, other: labelSmoothing / (nClasses - 1) };
}

function isStringList(truths: readonly unknown[]): boolean {
  // Thinc decides by the first element; skip missing entries to find a real one.
  for (const value of truths) {
    if (value === null || value === undefined) continue;
    return typeof value === "string";
  }
  return true;
}

/**
 * Build the target and mask for host truths (indices or names) and `rows × cols` guesses.
 *
 * @throws {RangeError} for a wrong number of truths, an unknown label or an index out of range
 * @throws {TypeError} for string truths without names
 */
export function hostTargets(
  truths: Exclude<CategoricalTruths, Floats2d>,
  rows: number,
  cols: number,
  options: TruthOptions,
): HostTargets {
  if (truths.length !== rows) {
    throw new RangeError(
      `Cannot calculate the categorical loss: ${truths.length} truths for ${rows} guesses`,
    );
  }
  const names = options.names ?? null;
  if (names !== null && names.length !== cols) {
    throw new RangeError(
      `Cannot calculate the categorical loss: ${names.length} names for ${cols} columns of guesses`,
    );
  }
  const missingValue = options.missingValue ?? null;
  const { gold, other } = smoothingProbabilities(cols, options.labelSmoothing ?? 0);
  const target = new Float32Array(rows * cols);
  const mask = new Float32Array(rows * cols).fill(1);
  const setRow = (i: number, cls: number) => {
    if (other !== 0) target.fill(other, i * cols, (i + 1) * cols);
    target[i * cols + cls] = gold;
  };
  const list = truths as readonly unknown[];
  if (truths instanceof Int32Array || !isStringList(list)) {
    for (let i = 0; i < rows; i++) {
      const value = list[i];
      if (value === missingValue || value === null || value === undefined) {
        if (value !== missingValue) {
          throw new TypeError(`Missing truth at row ${i}, but no missing_value is set`);
        }
        mask.fill(0, i * cols, (i + 1) * cols);
        continue;
      }
      const cls = value as number;
      if (!Number.isInteger(cls) || cls < 0 || cls >= cols) {
        throw new RangeError(`Truth ${cls} at row ${i} is not a class index in [0, ${cols})`);
      }
      setRow(i, cls);
    }
    return { target, mask };
  }
  if (names === null) {
    throw new TypeError(
      "Cannot calculate the categorical loss from strings without names: pass { names: [...] } when creating the loss",
    );
  }
  const index = new Map(names.map((name, i) => [name, i]));
  const lookup = (label: string, row: number): number => {
    const cls = index.get(label);
    if (cls === undefined) {
      throw new RangeError(`Unknown label "${label}" at row ${row} (known: ${names.join(", ")})`);
    }
    return cls;
  };
  const negPrefix = options.negPrefix ?? null;
  for (let i = 0; i < rows; i++) {
    const value = list[i] as string | null | undefined;
    if (value === missingValue || (missingValue === null && value === undefined)) {
      // Missing: no gradient for the row (Thinc fills in the first name, then masks).
      setRow(i, 0);
      mask.fill(0, i * cols, (i + 1) * cols);
    } else if (value === null || value === undefined) {
      throw new TypeError(`Missing truth at row ${i}, but missing_value is "${missingValue}"`);
    } else if (value && negPrefix && value.startsWith(negPrefix)) {
      // "Not this label": only that column gets a gradient, pushing it towards 0.
      const cls = lookup(value.slice(negPrefix.length), i);
      if (other !== 0) {
        throw new RangeError(
          `Negative label "${value}" at row ${i} cannot be combined with label smoothing (its target would be negative)`,
        );
      }
      mask.fill(0, i * cols, (i + 1) * cols);
      mask[i * cols + cls] = 1;
    } else {
      setRow(i, lookup(value, i));
    }
  }
  return { target, mask };
}
