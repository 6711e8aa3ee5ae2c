/**
 * The small layer kernels of `nn_wat.ts` behind a class that pages JavaScript
 * arrays through the module's memory in chunks (copies run at memory speed; the
 * kernels then run four lanes at a time).
 *
 * @module
 */

import { growMemory } from "./wasm_gemm.ts";

/** Below this many elements the kernels' copies cost more than they save. */
export const NN_WASM_MIN = 256;

/** Outputs per chunk: 8192 (the three pieces of Maxout then take 96 KiB). */
export const NN_CHUNK = 8192;

interface NnExports {
  memory: WebAssembly.Memory;
  maxout3(x: number, y: number, which: number, n: number): void;
  add(x: number, y: number, out: number, n: number): void;
}

// Byte offsets of the chunk buffers: input (three pieces per output), two outputs.
const IN = 0, OUT1 = 3 * NN_CHUNK * 4, OUT2 = OUT1 + NN_CHUNK * 4, END = OUT2 + NN_CHUNK * 4;

/** The instantiated layer kernels with their own memory. */
export class WasmNn {
  readonly #ex: NnExports;
  readonly #f32: Float32Array;
  readonly #i32: Int32Array;

  /**
   * Instantiate the compiled module and size its memory for one chunk.
   *
   * @param module the compiled `nn_wat.ts` module
   */
  constructor(module: WebAssembly.Module) {
    this.#ex = new WebAssembly.Instance(module).exports as unknown as NnExports;
    const memory = this.#ex.memory;
    growMemory(memory, END, "maxout/add kernels");
    this.#f32 = new Float32Array(memory.buffer);
    this.#i32 = new Int32Array(memory.buffer);
  }

  /**
   * Maxout over three pieces: `y[i] = max(x[3i], x[3i+1], x[3i+2])`, `which[i]` the
   * first winning piece, exactly as `maxoutK`.
   */
  maxout3(x: Float32Array, n: number, y: Float32Array, which: Int32Array): void {
    const heap = this.#f32;
    for (let off = 0; off < n; off += NN_CHUNK) {
      const len = Math.min(NN_CHUNK, n - off);
      heap.set(x.subarray(off * 3, (off + len) * 3), IN / 4);
      const padded = (len + 3) & ~3;
      heap.fill(0, IN / 4 + len * 3, IN / 4 + padded * 3);
      this.#ex.maxout3(IN, OUT1, OUT2, padded);
      y.set(heap.subarray(OUT1 / 4, OUT1 / 4 + len), off);
      which.set(this.#i32.subarray(OUT2 / 4, OUT2 / 4 + len), off);
    }
  }

  /** `out = a + b` elementwise in float32 (`out` may be `a` or `b`). */
  add(a: Float32Array, b: Float32Array, out: Float32Array): void {
    const heap = this.#f32;
    const n = a.length;
    // Operands in the first two output-sized slots of the input area, result in OUT1.
    const A = IN / 4, B = IN / 4 + NN_CHUNK;
    for (let off = 0; off < n; off += NN_CHUNK) {
      const len = Math.min(NN_CHUNK, n - off);
      heap.set(a.subarray(off, off + len), A);
      heap.set(b.subarray(off, off + len), B);
      const padded = (len + 3) & ~3;
      this.#ex.add(A * 4, B * 4, OUT1, padded);
      out.set(heap.subarray(OUT1 / 4, OUT1 / 4 + len), off);
    }
  }
}
