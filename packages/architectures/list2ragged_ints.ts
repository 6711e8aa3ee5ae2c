/**
 * PRIVATE STAND-IN, to be replaced by `@weft/layers`' `list2ragged` once it takes
 * integer arrays (its `ops.flatten` is float32-only today).
 *
 * @module
 */
import type { Ops } from "@weft/ops";
import { Model } from "@weft/layers";
import { type Ints2d, Ragged } from "@weft/types";

/**
 * Concatenate `Ints2d` arrays by rows, reading the ids on the host.
 *
 * @throws {TypeError} when the backend cannot read synchronously
 * @throws {RangeError} when the arrays differ in width
 */
export function stackInts(ops: Ops, Xs: readonly Ints2d[], what: string): Ragged<"uint32"> {
  if (ops.readSync === undefined) {
    throw new TypeError(`Layer "${what}" needs a backend with synchronous reads`);
  }
  const width = Xs[0]?.shape[1] ?? 0;
  let rows = 0;
  for (const X of Xs) {
    if (X.shape[1] !== width) {
      throw new RangeError(`Layer "${what}": arrays have ${X.shape[1]} and ${width} columns`);
    }
    rows += X.shape[0];
  }
  const data = new Uint32Array(rows * width);
  let offset = 0;
  for (const X of Xs) {
    data.set(ops.readSync(X), offset);
    offset += X.size;
  }
  const lengths = Int32Array.from(Xs, (X) => X.shape[0]);
  return new Ragged(ops.asarray2i(data, rows, width, "uint32"), lengths) as Ragged<"uint32">;
}

/**
 * Concatenate a list of `Ints2d` feature arrays into a `Ragged` (Thinc's
 * `list2ragged` on integer data). Reads the ids on the host, so it needs a
 * backend with synchronous reads; the input gets no gradient.
 *
 * @returns a `List[Ints2d] -> Ragged[Ints2d]` model named `"list2ragged"`
 */
export function list2raggedInts(): Model<Ints2d[], Ragged<"uint32">> {
  return new Model<Ints2d[], Ragged<"uint32">>("list2ragged", forward, {
    inputType: "List[Ints2d]",
    outputType: "Ragged[Ints2d]",
  });
}

function forward(model: Model<Ints2d[], Ragged<"uint32">>, Xs: Ints2d[], _isTrain: boolean) {
  const Y = stackInts(model.ops, Xs, model.name);
  const backprop = (_dY: Ragged<"uint32">): Ints2d[] => Xs;
  return [Y, backprop] as const;
}
