/**
 * The shape of a weight initializer and the helpers the concrete ones share.
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import type { NdArray, Shape } from "@weft/types";
import { getRandom, type Random } from "../random.ts";

/**
 * A function that creates a float array of the given shape, as Thinc's
 * `init_W`/`init_b` callables (`partial(glorot_uniform_init)` and friends).
 */
export type Initializer = <S extends Shape>(ops: Ops, shape: S) => NdArray<S, "float32">;

/** Options every initializer accepts. */
export interface InitOptions {
  /** Draw from this generator instead of the global one (see `setSeed`). */
  rng?: Random | undefined;
}

/** The number of elements of `shape`, checking the extents. */
export function sizeOf(shape: Shape, name: string): number {
  let size = 1;
  for (const extent of shape) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new RangeError(
        `Invalid shape [${shape.join(", ")}] for ${name}: extents must be non-negative integers`,
      );
    }
    size *= extent;
  }
  return size;
}

/**
 * Thinc's fans: `shape[0]` and `shape[1]` (for `W [nO, nI]`: fan-out, fan-in). Higher
 * ranks use the first two axes too, as Thinc does (Maxout's `[nO, nP, nI]`).
 */
export function fans(shape: Shape, name: string): { fanOut: number; fanIn: number } {
  if (shape.length < 2) {
    throw new RangeError(
      `${name} needs a shape of rank 2 or more, got [${shape.join(", ")}]`,
    );
  }
  return { fanOut: shape[0] as number, fanIn: shape[1] as number };
}

/** Fill a new float array of `shape` with draws, in row-major order, and upload it. */
export function fromDraws<S extends Shape>(
  ops: Ops,
  shape: S,
  name: string,
  draw: () => number,
): NdArray<S, "float32"> {
  const data = new Float32Array(sizeOf(shape, name));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return ops.asarray(data, shape, "float32");
}

/** The generator to draw from: the explicit one or the global one. */
export function rngOf(options: InitOptions): Random {
  return options.rng ?? getRandom();
}
