/**
 * Device storage for the WebGPU backend: a pooled `GPUBuffer` (a block) and an
 * element offset into it. Views share the block; only the root storage (the one the
 * allocator handed out) may give its block back to the pool.
 *
 * @module
 */
import type { Storage } from "@weft/types";

/** One pooled GPU buffer; `epoch` is the last command batch that used it. */
export interface GpuBlock {
  /** The buffer (usage STORAGE | COPY_SRC | COPY_DST). */
  readonly buffer: GPUBuffer;
  /** Its size in bytes (a pool bucket size). */
  readonly bytes: number;
  /** The pending command batch that last bound this block, or -1. */
  epoch: number;
  /** True while the block sits in the pool. */
  free: boolean;
}

/**
 * Elements `[offset, offset + length)` of a pooled GPU buffer, 4 bytes each.
 *
 * @example A view shares its block
 * ```ts
 * import assert from "node:assert/strict";
 * import { GpuStorage } from "./storage.ts";
 * const block = { buffer: {} as GPUBuffer, bytes: 64, epoch: -1, free: false };
 * const s = new GpuStorage(block, 0, 16);
 * const v = s.view(4, 8);
 * assert.equal(v.offset, 4);
 * assert.equal(v.length, 4);
 * assert.equal(v.root, s);
 * ```
 */
export class GpuStorage implements Storage {
  /** Always `"webgpu"`. */
  readonly backend = "webgpu";
  /** The pooled buffer holding the elements. */
  readonly block: GpuBlock;
  /** Offset of the first element, in elements (not bytes). */
  readonly offset: number;
  /** Number of elements. */
  readonly length: number;
  /** The storage that owns the block (itself for a root); keeps the owner alive. */
  readonly root: GpuStorage;

  /**
   * Wrap part of a block.
   *
   * @param block the pooled buffer
   * @param offset first element
   * @param length number of elements
   * @param root the owning storage, when this is a view
   */
  constructor(block: GpuBlock, offset: number, length: number, root?: GpuStorage) {
    this.block = block;
    this.offset = offset;
    this.length = length;
    this.root = root ?? this;
  }

  /**
   * Elements `[start, end)` as a view sharing the block.
   *
   * @throws {RangeError} when the range falls outside this storage
   */
  view(start: number, end: number): GpuStorage {
    if (start < 0 || end < start || end > this.length) {
      throw new RangeError(
        `View [${start}, ${end}) is outside GPU storage of ${this.length} elements`,
      );
    }
    return new GpuStorage(this.block, this.offset + start, end - start, this.root);
  }
}
