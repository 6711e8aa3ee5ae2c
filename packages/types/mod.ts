/**
 * `@weft/types`: array handles typed by rank (`Floats1d`..`Floats4d`, `Ints1d`,
 * `Ints2d`), the sequence containers `Ragged` and `Padded`, and the read-only
 * document interfaces (`DocLike`, `VectorsLike`, attribute ids) that architectures
 * see. No math lives here: backends in `@weft/ops` own storage and compute.
 *
 * @example A Ragged batch over host memory
 * ```ts
 * import assert from "node:assert/strict";
 * import { hostArray, Ragged } from "@weft/types";
 * const r = new Ragged(hostArray([3, 4] as const, "float32"), new Int32Array([1, 2]));
 * assert.deepEqual(r.seq(1).shape, [2, 4]);
 * ```
 *
 * @module
 */
export * from "./arrays.ts";
export * from "./ragged.ts";
export * from "./padded.ts";
export * from "./host.ts";
export * from "./host_pool.ts";
export * from "./doc_like.ts";
