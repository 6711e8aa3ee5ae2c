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
export { ModelNode, type NodeState } from "./model_node.ts";
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
export * from "./softmax_activation.ts";
export * from "./logistic.ts";
export * from "./layer_norm.ts";
export * from "./dropout.ts";
export * from "./reduce_sum.ts";
export * from "./reduce_mean.ts";
export * from "./reduce_max.ts";
export * from "./reduce_first.ts";
export * from "./reduce_last.ts";
export * from "./list2array.ts";
export * from "./list2ragged.ts";
export * from "./ragged2list.ts";
export * from "./list2padded.ts";
export * from "./padded2list.ts";
export * from "./with_array.ts";
export * from "./with_padded.ts";
export * from "./with_ragged.ts";
export * from "./with_list.ts";
export * from "./with_flatten.ts";
export * from "./with_cpu.ts";
export * from "./sparse_linear.ts";
export * from "./embed.ts";
export * from "./hash_embed.ts";
export * from "./ints_column.ts";
export * from "./remap_ids.ts";
export * from "./parametric_attention.ts";
export * from "./expand_window.ts";
export * from "./uniqued.ts";
export * from "./resizable.ts";
export * from "./bidirectional.ts";
export * from "./lstm.ts";
export * from "./training.ts";
// The types the public signatures speak in, so that the documentation is complete.
export type {
  AdamOptions as OpsAdamOptions,
  AdamStepOptions,
  CosineDistanceResult,
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
  LstmGradients,
  LstmResult,
  LstmState,
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
export * from "./registrations.ts";
