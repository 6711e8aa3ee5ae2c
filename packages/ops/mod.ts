/**
 * `@weft/ops`: the `Ops` interface that every backend implements. The CPU and
 * WebGPU backends are being built.
 *
 * @module
 */
export type * from "./ops.ts";
// The array types the interface speaks in, so that its documentation is complete.
export type {
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Floats4d,
  FloatsXd,
  HostArray,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
  Shape1d,
  Shape2d,
  Shape3d,
  Shape4d,
  Storage,
} from "@weft/types";
