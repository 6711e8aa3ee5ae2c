/**
 * The pending command batch of a WebGPU device: one open compute pass, the
 * per-batch arena of kernel parameters and small host data, submission, uploads
 * ordered after recorded work, and reads. `GpuRuntime` records kernels into it.
 *
 * @module
 */
import type { DType } from "@weft/types";
import type { BufferPool } from "./pool.ts";
import type { GpuStorage } from "./storage.ts";

/** Bytes per parameter slot: the uniform and storage offset alignment. */
export const SLOT = 256;
/** Size of the per-batch arena holding kernel parameters and small host index data. */
const ARENA_BYTES = 1 << 20;

/**
 * A device's pending work: what is recorded goes into one compute pass and is
 * submitted only by `flush()` (called by a read, by an upload into a buffer that
 * recorded work uses, and when the arena is full). The base of `GpuRuntime`.
 *
 * @example Nothing recorded, nothing submitted
 * ```ts
 * import assert from "node:assert/strict";
 * import { GpuRuntime } from "./runtime.ts";
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) {
 *   const rt = new GpuRuntime(await adapter.requestDevice());
 *   const x = rt.pool.take(2);
 *   rt.upload(x, Float32Array.of(1.5, -2));
 *   assert.deepEqual([...await rt.read(x, "float32")], [1.5, -2]);
 *   const epoch = rt.epoch;
 *   rt.flush();
 *   assert.equal(rt.epoch, epoch);
 *   rt.destroy();
 * }
 * ```
 */
export class GpuBatch {
  /** The device. */
  readonly device: GPUDevice;
  /** The buffer pool. */
  readonly pool: BufferPool;
  /** Number of command buffers submitted so far (for tests). */
  submits = 0;
  readonly #arena: GPUBuffer;
  readonly #arenaHost = new ArrayBuffer(ARENA_BYTES);
  #arenaUsed = 0;
  #encoder: GPUCommandEncoder | null = null;
  #pass: GPUComputePassEncoder | null = null;
  #epoch = 0;
  #error: string | null = null;

  /**
   * Take over a device and its buffer pool.
   *
   * @param device a device from `adapter.requestDevice()`
   * @param pool the pool of buffers on that device
   */
  constructor(device: GPUDevice, pool: BufferPool) {
    this.device = device;
    this.pool = pool;
    this.#arena = device.createBuffer({
      size: ARENA_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    device.lost.then((info) => {
      if (info.reason !== "destroyed") this.#error ??= `device lost: ${info.message}`;
    });
    device.addEventListener("uncapturederror", (event) => {
      const e = event as GPUUncapturedErrorEvent;
      this.#error ??= e.error.message;
    });
  }

  /** The current batch number; a block bound in this batch has `epoch === this`. */
  get epoch(): number {
    return this.#epoch;
  }

  /**
   * Reserve `bytes` of the arena for one dispatch, submitting the batch first when
   * they do not fit (so a dispatch's slots never span two batches).
   *
   * @param bytes a multiple of `SLOT`
   * @returns the byte offset of the reservation
   */
  protected reserveArena(bytes: number): number {
    if (this.#arenaUsed + bytes > ARENA_BYTES) this.flush();
    const at = this.#arenaUsed;
    this.#arenaUsed += bytes;
    return at;
  }

  /**
   * Write a kernel's parameters into the arena slot at `at`, typed by their
   * declarations (`name:f32`, `name:i32`, else u32).
   *
   * @returns the slot as a buffer binding
   */
  protected writeParams(
    at: number,
    decls: readonly string[],
    values: readonly number[],
  ): GPUBufferBinding {
    const view = new DataView(this.#arenaHost, at, SLOT);
    decls.forEach((decl, k) => {
      const value = values[k] ?? 0;
      if (decl.endsWith(":f32")) view.setFloat32(k * 4, value, true);
      else if (decl.endsWith(":i32")) view.setInt32(k * 4, value, true);
      else view.setUint32(k * 4, value >>> 0, true);
    });
    return { buffer: this.#arena, offset: at, size: SLOT };
  }

  /**
   * Copy host integers into the arena at `at`.
   *
   * @returns their range as a buffer binding (at least 4 bytes)
   */
  protected writeHost(at: number, data: Int32Array | Uint32Array): GPUBufferBinding {
    new Uint8Array(this.#arenaHost, at, data.byteLength).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    const size = Math.ceil(Math.max(4, data.byteLength) / 4) * 4;
    return { buffer: this.#arena, offset: at, size };
  }

  /** The open compute pass of this batch (begun when needed). */
  protected openPass(): GPUComputePassEncoder {
    this.#encoder ??= this.device.createCommandEncoder();
    this.#pass ??= this.#encoder.beginComputePass();
    return this.#pass;
  }

  #closePass(): GPUCommandEncoder {
    this.#encoder ??= this.device.createCommandEncoder();
    this.#pass?.end();
    this.#pass = null;
    return this.#encoder;
  }

  /** Record a copy of `src` into `dst` (same length) between compute passes. */
  protected copy(src: GpuStorage, dst: GpuStorage): void {
    if (src.length === 0) return;
    src.block.epoch = dst.block.epoch = this.#epoch;
    this.#closePass().copyBufferToBuffer(
      src.block.buffer,
      src.offset * 4,
      dst.block.buffer,
      dst.offset * 4,
      src.length * 4,
    );
  }

  /** Submit everything recorded so far (without waiting for it). */
  flush(): void {
    if (this.#encoder === null) {
      this.#arenaUsed = 0;
      return;
    }
    const encoder = this.#closePass();
    if (this.#arenaUsed > 0) {
      this.device.queue.writeBuffer(this.#arena, 0, this.#arenaHost, 0, this.#arenaUsed);
    }
    this.device.queue.submit([encoder.finish()]);
    this.submits++;
    this.#encoder = null;
    this.#arenaUsed = 0;
    this.#epoch++;
  }

  /** Copy host values into a storage, after any recorded work that touches its buffer. */
  upload(dst: GpuStorage, data: Float32Array | Int32Array | Uint32Array): void {
    if (data.length === 0) return;
    if (dst.block.epoch === this.#epoch) this.flush();
    this.device.queue.writeBuffer(
      dst.block.buffer,
      dst.offset * 4,
      data.buffer as ArrayBuffer,
      data.byteOffset,
      data.byteLength,
    );
  }

  /**
   * Read a storage back to the host once all recorded work has run.
   *
   * @throws {Error} with the first WebGPU validation error seen, if any
   */
  async read(src: GpuStorage, dtype: DType): Promise<Float32Array | Int32Array | Uint32Array> {
    this.#throwIfFailed();
    const ctor = dtype === "float32" ? Float32Array : dtype === "int32" ? Int32Array : Uint32Array;
    if (src.length === 0) {
      this.flush();
      return new ctor(0);
    }
    const bytes = src.length * 4;
    const staging = this.device.createBuffer({
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    this.#closePass().copyBufferToBuffer(src.block.buffer, src.offset * 4, staging, 0, bytes);
    this.flush();
    await staging.mapAsync(GPUMapMode.READ);
    const out = new ctor(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    this.#throwIfFailed();
    return out;
  }

  #throwIfFailed(): void {
    if (this.#error !== null) {
      const message = this.#error;
      this.#error = null;
      throw new Error(`WebGPU error: ${message}`);
    }
  }

  /**
   * Submit recorded work, then destroy the pool's free buffers.
   *
   * @returns the number of bytes released
   */
  trim(): number {
    this.flush();
    return this.pool.trim();
  }

  /** Release the device; the runtime is unusable afterwards. */
  destroy(): void {
    this.flush();
    this.device.destroy();
  }
}
