/**
 * The WebGPU runtime: device, buffer pool, pipeline cache, and the pending command
 * batch. Kernels are recorded into one open compute pass and submitted only when
 * something must reach the queue (a read, an upload into a busy buffer, a full
 * parameter arena), so a training step becomes a handful of submissions. The batch
 * itself (pass, arena, submission, uploads, reads) is the base class `GpuBatch`
 * (gpu_batch.ts); `GpuRuntime` adds kernel launches over binding windows.
 *
 * Work larger than the device's limits is split, not refused. A buffer larger than
 * `maxStorageBufferBindingSize` (up to `maxBufferSize`) is bound as a window that
 * starts at the aligned offset at or before the view a kernel gets (`at()` gives the
 * view's offset inside it); kernels hand `split()` pieces small enough that any view
 * of one fits a window: element-wise ops by elements, row ops by rows, sequence ops
 * by whole sequences, gemm by rows, columns and the inner dimension (accumulating), and
 * table lookups by windows of the table's rows. 1-D dispatches spread over x and y
 * below `maxComputeWorkgroupsPerDimension`. `GpuLimitOverrides` lowers the limits
 * for tests.
 *
 * Each view is bound as the range from the aligned offset at or before it to its
 * end, so views of one buffer bind side by side. Where two bindings of a dispatch
 * still overlap (`mul(x, x)`, in-place updates, neighbouring rows), which WebGPU
 * forbids for writable bindings, one is copied to a pooled temporary that keeps the
 * view's offset (and copied back if the kernel writes it). `checkBindings` validates
 * every dispatch against the rules (the test suite runs with it on).
 *
 * @module
 */
import { BufferPool } from "./pool.ts";
import type { GpuStorage } from "./storage.ts";
import type { KernelSpec } from "./kernel.ts";
import { aliasPlan, checkEntries } from "./bindings.ts";
import { bindingBase, bindingLimits, bindingWindow } from "./binding_windows.ts";
import { GpuBatch, SLOT } from "./gpu_batch.ts";
import { compileKernel } from "./pipelines.ts";
import { checkBindingsFromEnv, type GpuRuntimeOptions } from "./runtime_options.ts";

/** Host data up to this size travels in the arena; larger arrays get a pooled buffer. */
const HOST_INLINE_BYTES = 1 << 16;
/** Threads per workgroup of the 1-D kernels. */
export const WG = 256;

export type { GpuLimitOverrides, GpuRuntimeOptions } from "./runtime_options.ts";
export { GpuBatch } from "./gpu_batch.ts";

/** A buffer binding: device storage, or host integers copied into the arena. */
export type Binding = GpuStorage | Int32Array | Uint32Array;

/** A binding's temporary copy: the pooled root, the view bound, and whether it is copied back. */
interface AliasCopy {
  tmp: GpuStorage;
  view: GpuStorage;
  back: boolean;
  binding: GPUBufferBinding;
}

function isHost(b: Binding): b is Int32Array | Uint32Array {
  return b instanceof Int32Array || b instanceof Uint32Array;
}

/** Bytes of arena a host binding takes (0 for device storage or large host data). */
function arenaBytes(b: Binding): number {
  if (!isHost(b) || b.byteLength > HOST_INLINE_BYTES) return 0;
  return Math.ceil(Math.max(4, b.byteLength) / SLOT) * SLOT;
}

/**
 * Owns the device and records work for it.
 *
 * @example Run a kernel and read the result
 * ```ts
 * import assert from "node:assert/strict";
 * import { GpuRuntime } from "./runtime.ts";
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) {
 *   const rt = new GpuRuntime(await adapter.requestDevice());
 *   const out = rt.pool.take(3);
 *   rt.dispatch1d({ name: "doc_iota", params: ["n:u32"], buffers: ["o:array<u32>"],
 *     body: "if (i < P.n) { o[i] = i * 2u; }" }, 3, [3], [out]);
 *   assert.deepEqual([...await rt.read(out, "uint32")], [0, 2, 4]);
 *   rt.destroy();
 * }
 * ```
 */
export class GpuRuntime extends GpuBatch {
  /** Number of kernel launches recorded so far (for tests). */
  dispatches = 0;
  /**
   * Number of bindings copied to a temporary because they shared bytes of a buffer
   * with another binding of their dispatch (for tests).
   */
  aliasCopies = 0;
  /** Whether every dispatch's bindings are validated (see `GpuRuntimeOptions`). */
  readonly checkBindings: boolean;
  /** Bytes one storage binding may see: a multiple of `align`. */
  readonly maxBinding: number;
  /** Workgroups per dispatch dimension. */
  readonly maxGroups: number;
  /** Byte alignment of a binding's offset (`minStorageBufferOffsetAlignment`). */
  readonly align: number;
  /**
   * Elements per piece when work is split: a view of this many elements anywhere in
   * any buffer fits one binding window.
   */
  readonly chunk: number;
  readonly #pipelines = new Map<string, GPUComputePipeline>();
  #spare: GpuStorage | null = null;

  /**
   * Take over a device.
   *
   * @param device a device from `adapter.requestDevice()`
   * @param limits lower limits to work within (tests of the splitting), and checks
   */
  constructor(device: GPUDevice, limits: GpuRuntimeOptions = {}) {
    const checkBindings = limits.checkBindings ?? checkBindingsFromEnv();
    const { align, maxBinding, maxGroups } = bindingLimits(device.limits, limits);
    super(device, new BufferPool(device, maxBinding, device.limits.maxBufferSize));
    this.checkBindings = checkBindings;
    this.align = align;
    this.maxBinding = maxBinding;
    this.maxGroups = maxGroups;
    this.chunk = (this.maxBinding - this.align) / 4;
  }

  /**
   * A binding for a buffer that a kernel declares but does not touch in this launch
   * (an absent bias, the argmax of a reduction that has none): slot `k` (0 to 3) of
   * a buffer that no array shares, so it aliases no other binding.
   */
  unused(k = 0): GpuStorage {
    const slot = this.align / 4;
    this.#spare ??= this.pool.take(4 * slot);
    return this.#spare.view(k * slot, k * slot + 1);
  }

  #pipeline(spec: KernelSpec): GPUComputePipeline {
    let p = this.#pipelines.get(spec.name);
    if (p === undefined) {
      p = compileKernel(this.device, spec);
      this.#pipelines.set(spec.name, p);
    }
    return p;
  }

  /**
   * Record one kernel launch over `groups` workgroups.
   *
   * @param spec the kernel
   * @param params values of `spec.params`, in order
   * @param bindings one per `spec.buffers`, then one per `spec.host`
   * @param groups workgroup counts (x, y)
   */
  dispatch(
    spec: KernelSpec,
    params: readonly number[],
    bindings: readonly Binding[],
    groups: readonly [number, number],
  ): void {
    if (groups[0] === 0 || groups[1] === 0) return;
    if (groups[0] > this.maxGroups || groups[1] > this.maxGroups) {
      throw new RangeError(
        `Kernel ${spec.name}: ${groups[0]}×${groups[1]} workgroups exceed the limit of ` +
          `${this.maxGroups} per dimension`,
      );
    }
    const pipeline = this.#pipeline(spec);
    // Large host data goes to a pooled buffer first: its upload may flush, which must
    // not happen after this dispatch has taken arena space.
    const staged = bindings.map((b) => {
      if (!isHost(b) || b.byteLength <= HOST_INLINE_BYTES) return undefined;
      const tmp = this.pool.take(b.length);
      this.upload(tmp, b);
      return tmp;
    });
    // Reserve every arena slot of this dispatch at once, flushing before, never between.
    let at = this.reserveArena(SLOT + bindings.reduce((sum, b) => sum + arenaBytes(b), 0));
    const entries: GPUBindGroupEntry[] = [{
      binding: 0,
      resource: this.writeParams(at, spec.params, params),
    }];
    const copies = this.#aliasCopies(spec, bindings);
    at += SLOT;
    bindings.forEach((b, k) => {
      const tmp = staged[k];
      if (isHost(b) && tmp === undefined) {
        entries.push({ binding: k + 1, resource: this.writeHost(at, b) });
        at += arenaBytes(b);
      } else {
        const st = tmp ?? (b as GpuStorage);
        st.block.epoch = this.epoch;
        const copy = copies.get(k);
        entries.push({ binding: k + 1, resource: copy?.binding ?? this.#window(spec, st) });
      }
    });
    if (this.checkBindings) checkEntries(spec.name, spec.buffers.length, entries);
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries,
    });
    const pass = this.openPass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groups[0], groups[1]);
    this.dispatches++;
    for (const tmp of staged) if (tmp !== undefined) this.pool.give(tmp);
    for (const [k, { tmp, view, back }] of copies) {
      if (back) this.copy(view, bindings[k] as GpuStorage);
      this.pool.give(tmp);
    }
  }

  /**
   * Temporaries for the bindings that `aliasPlan` picks, filled from the views they
   * replace; each keeps its view's offset inside the binding, so kernel parameters
   * hold.
   */
  #aliasCopies(spec: KernelSpec, bindings: readonly Binding[]): Map<number, AliasCopy> {
    const copies = new Map<number, AliasCopy>();
    const views = bindings.map((b) => isHost(b) ? null : b);
    for (const [k, back] of aliasPlan(spec, views, (st) => this.#window(spec, st))) {
      const st = views[k]!;
      const inside = this.at(st);
      const tmp = this.pool.take(inside + st.length);
      tmp.block.epoch = this.epoch;
      const view = tmp.view(inside, inside + st.length);
      this.copy(st, view);
      this.aliasCopies++;
      copies.set(k, {
        tmp,
        view,
        back,
        binding: { buffer: tmp.block.buffer, offset: 0, size: Math.max(4, tmp.length * 4) },
      });
    }
    return copies;
  }

  /**
   * The element offset of `st` within its binding: what kernels add to their indices.
   * Every view is bound from the aligned offset at or just before it to its end, so
   * that distinct views of one buffer rarely overlap as bindings.
   */
  at(st: GpuStorage): number {
    return st.offset - bindingBase(st, this.align) / 4;
  }

  #window(spec: KernelSpec, st: GpuStorage): GPUBufferBinding {
    return bindingWindow(spec, st, this.align, this.maxBinding);
  }

  /**
   * Call `launch(start, end)` over consecutive pieces of `[0, n)` items of `unit`
   * elements each, so that a view of one piece of any array fits one binding.
   *
   * @throws {RangeError} when a single item is larger than a binding
   */
  split(op: string, n: number, unit: number, launch: (start: number, end: number) => void): void {
    if (unit > this.chunk) {
      throw new RangeError(
        `${op}(): one item of ${unit} elements exceeds a storage binding of ` +
          `${this.maxBinding} bytes`,
      );
    }
    const step = Math.floor(this.chunk / Math.max(unit, 1));
    for (let start = 0; start < n; start += step) launch(start, Math.min(n, start + step));
  }

  /** Launch a 1-D kernel over `n` threads (index `i` in the body), split across x and y. */
  dispatch1d(
    spec: KernelSpec,
    n: number,
    params: readonly number[],
    bindings: readonly Binding[],
  ): void {
    if (n === 0) return;
    const groups = Math.ceil(n / WG);
    const x = Math.min(groups, this.maxGroups);
    this.dispatch(spec, params, bindings, [x, Math.ceil(groups / x)]);
  }
}
