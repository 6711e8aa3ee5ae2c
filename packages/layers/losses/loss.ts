/**
 * What every loss offers, and the helpers the losses share.
 *
 * Gradients are computed on the backend without reading values; the loss value is a
 * number on the host, so computing it reads the gradient back: `await getLoss()`
 * everywhere, `getLossSync()` on backends that read synchronously (the CPU).
 *
 * @module
 */
import { getCurrentOps, type Ops } from "@weft/ops";
import type { DType, FloatsXd, HostArray, NdArray, Shape } from "@weft/types";

/**
 * A loss over `Guess`es and `Truth`s with gradient `Grad`, as Thinc's `Loss`: the
 * gradient is with respect to the layer's output before its own backward pass (for
 * a softmax output, Thinc's categorical gradient `guess - truth` is the gradient of
 * cross-entropy with respect to the logits).
 */
export interface Loss<Guess, Truth, Grad> {
  /** The gradient, on the guesses' backend. */
  getGrad(guesses: Guess, truths: Truth): Grad;
  /** The loss value (reads values back from the backend). */
  getLoss(guesses: Guess, truths: Truth): Promise<number>;
  /** The loss value, read synchronously; only on backends with `readSync`. */
  getLossSync(guesses: Guess, truths: Truth): number;
  /** `[gradient, loss]`, as Thinc's `loss(guesses, truths)`. */
  call(guesses: Guess, truths: Truth): Promise<[Grad, number]>;
  /** `[gradient, loss]`, read synchronously; only on backends with `readSync`. */
  callSync(guesses: Guess, truths: Truth): [Grad, number];
}

/** The ops to use: the ones given, else the current ones; checked against an array. */
export function opsFor(
  ops: Ops | undefined,
  x: { readonly storage: { backend: string } },
  what: string,
): Ops {
  const resolved = ops ?? getCurrentOps();
  if (x.storage.backend !== resolved.name) {
    throw new TypeError(
      `${what}: the guesses live on the "${x.storage.backend}" backend but the loss uses "${resolved.name}"; pass { ops } when creating it`,
    );
  }
  return resolved;
}

/** The synchronous reader of `ops`, or a TypeError naming the caller. */
export function syncReader(
  ops: Ops,
  what: string,
): <D extends DType>(x: NdArray<Shape, D>) => HostArray<D> {
  const readSync = ops.readSync;
  if (readSync === undefined) {
    throw new TypeError(
      `${what} needs values on the host, but the "${ops.name}" backend cannot read synchronously; use the async variant`,
    );
  }
  return <D extends DType>(x: NdArray<Shape, D>): HostArray<D> =>
    readSync.call(ops, x) as HostArray<D>;
}

/** Sum of squares of host values, in double precision. */
export function sumOfSquares(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

/** Check that two arrays have the same shape. */
export function assertSameShape(a: FloatsXd, b: FloatsXd, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) {
    throw new RangeError(
      `Cannot calculate ${what}: mismatched shapes: [${a.shape.join(", ")}] vs [${
        b.shape.join(", ")
      }]`,
    );
  }
}
