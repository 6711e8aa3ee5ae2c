/**
 * A pool of GPU buffers bucketed by power-of-two size, so freed arrays are reused
 * instead of reallocated (buffer creation is slow on every WebGPU implementation).
 *
 * @module
 */
import { type GpuBlock, GpuStorage } from "./storage.ts";

/** Usage of every pooled buffer: bindable as storage, copyable both ways. */
const POOL_USAGE = 0x80 | 0x4 | 0x8; // STORAGE | COPY_SRC | COPY_DST

/** Buffers larger than one binding are sized in steps of this many bytes. */
const LARGE_STEP = 1 << 16;

/** The smallest bucket: one storage-binding alignment unit. */
const MIN_BYTES = 256;

/**
 * Hands out `GpuStorage` roots over pooled buffers and takes them back.
 *
 * @example Freed blocks are reused
 * ```ts
 * import assert from "node:assert/strict";
 * import { BufferPool } from "./pool.ts";
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) {
 *   const device = await adapter.requestDevice();
 *   const pool = new BufferPool(device, 1 << 20);
 *   const a = pool.take(10);
 *   pool.give(a);
 *   assert.equal(pool.take(20).block, a.block);
 *   device.destroy();
 * }
 * ```
 */
export class BufferPool {
  readonly #device: GPUDevice;
  readonly #maxBinding: number;
  readonly #maxBytes: number;
  readonly #free = new Map<number, GpuBlock[]>();
  readonly #registry: FinalizationRegistry<GpuBlock>;
  /** Blocks created so far (for tests and diagnostics). */
  created = 0;

  /**
   * Make an empty pool.
   *
   * @param device the device that creates buffers
   * @param maxBinding the largest buffer a storage binding can see whole; larger
   *   buffers are bound in windows
   * @param maxBytes the largest buffer the device can create (`maxBinding` by default)
   */
  constructor(device: GPUDevice, maxBinding: number, maxBytes: number = maxBinding) {
    this.#device = device;
    this.#maxBinding = maxBinding;
    this.#maxBytes = Math.max(maxBinding, Math.floor(maxBytes / 4) * 4);
    // Safety net: a root dropped without release() still returns its block.
    this.#registry = new FinalizationRegistry((block) => this.#put(block));
  }

  /**
   * A root storage of `length` 4-byte elements (contents undefined).
   *
   * Arrays up to one binding get a power-of-two bucket; larger ones a multiple of
   * `LARGE_STEP` bytes (bound in windows by the kernels that split their work).
   *
   * @throws {RangeError} when the array exceeds the device's maxBufferSize
   */
  take(length: number): GpuStorage {
    const need = Math.max(MIN_BYTES, length * 4);
    if (need > this.#maxBytes) {
      throw new RangeError(
        `WebGPU array of ${length} elements (${need} bytes) exceeds the device's ` +
          `maxBufferSize of ${this.#maxBytes} bytes`,
      );
    }
    const bytes = need <= this.#maxBinding
      ? Math.min(this.#maxBinding, 2 ** Math.ceil(Math.log2(need)))
      : Math.min(this.#maxBytes, Math.ceil(need / LARGE_STEP) * LARGE_STEP);
    const list = this.#free.get(bytes);
    let block = list?.pop();
    if (block === undefined) {
      const buffer = this.#device.createBuffer({ size: bytes, usage: POOL_USAGE });
      block = { buffer, bytes, epoch: -1, free: false };
      this.created++;
    }
    block.free = false;
    const storage = new GpuStorage(block, 0, length);
    this.#registry.register(storage, block, storage);
    return storage;
  }

  /** Return a root's block to the pool; views and double releases are ignored. */
  give(storage: GpuStorage): void {
    if (storage.root !== storage || storage.block.free) return;
    this.#registry.unregister(storage);
    this.#put(storage.block);
  }

  /**
   * Destroy every pooled (free) buffer, giving its memory back to the device.
   * Recorded work must be submitted first (`GpuRuntime.trim` does): a command buffer
   * that uses a destroyed buffer fails at submit, while submitted work completes.
   *
   * @returns the number of bytes released
   */
  trim(): number {
    let bytes = 0;
    for (const list of this.#free.values()) {
      for (const block of list) {
        bytes += block.bytes;
        block.buffer.destroy();
      }
    }
    this.#free.clear();
    return bytes;
  }

  /** Bytes held by free buffers waiting for reuse. */
  get freeBytes(): number {
    let bytes = 0;
    for (const list of this.#free.values()) for (const block of list) bytes += block.bytes;
    return bytes;
  }

  #put(block: GpuBlock): void {
    if (block.free) return;
    block.free = true;
    const list = this.#free.get(block.bytes);
    if (list === undefined) this.#free.set(block.bytes, [block]);
    else list.push(block);
  }
}
