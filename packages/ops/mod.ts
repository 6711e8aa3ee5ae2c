/**
 * `@weft/ops`: the `Ops` interface that every backend implements. The CPU and
 * WebGPU backends are being built.
 *
 * @module
 */
export type * from "./ops.ts";
