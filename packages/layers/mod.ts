/**
 * `@weft/layers`: Thinc's `Model` and layer library in TypeScript: combinators,
 * dense layers, embeddings, reductions, transforms, serialization, and (from
 * `training.ts`) optimizers, schedules, losses, initializers and the seeded generator.
 *
 * @example A Relu → Softmax classifier, with shapes inferred from samples
 * ```ts
 * import assert from "node:assert/strict";
 * import { getOps } from "@weft/ops";
 * import { chain, Relu, Softmax } from "@weft/layers";
 * const ops = getOps("cpu");
 * const model = chain(Relu({ nO: 8 }), Softmax());
 * model.initialize({ X: ops.alloc2f(4, 3), Y: ops.alloc2f(4, 2) });
 * assert.deepEqual(model.predict(ops.alloc2f(5, 3)).shape, [5, 2]);
 * ```
 *
 * @module
 */
export * from "./optimizer_protocol.ts";
export * from "./model.ts";
export * from "./util.ts";
export * from "./gradcheck.ts";
export * from "./chain.ts";
export * from "./add.ts";
export * from "./concatenate.ts";
export * from "./clone.ts";
export * from "./residual.ts";
export * from "./noop.ts";
export type { DenseOptions } from "./dense.ts";
export * from "./linear.ts";
export * from "./relu.ts";
export * from "./maxout.ts";
export * from "./mish.ts";
export * from "./gelu.ts";
export * from "./swish.ts";
export * from "./sigmoid.ts";
export * from "./softmax.ts";
export * from "./logistic.ts";
export * from "./layer_norm.ts";
export * from "./dropout.ts";
export * from "./training.ts";
// The types the public signatures speak in, so that the documentation is complete.
export type {
  AdamOptions as OpsAdamOptions,
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Floats4d,
  FloatsXd,
  GemmOptions,
  HostArray,
  Ints1d,
  Ints2d,
  MaxoutResult,
  NdArray,
  NormalizeRowsResult,
  Ops,
  Padded,
  Ragged,
  ReduceMaxResult,
  Shape,
  Shape1d,
  Shape2d,
  Shape3d,
  Shape4d,
  SoftmaxOptions as OpsSoftmaxOptions,
  Storage,
} from "@weft/ops";
