/**
 * The fused LayerNorm kernels of `layer_norm_wat.ts` behind a class that pages
 * the rows through the module's memory, as many whole rows at a time as fit
 * {@linkcode LN_CHUNK} floats (copies run at memory speed; three chunk arrays
 * stay in the L2 cache).
 *
 * @module
 */
import { LN_CHUNK, LN_LAYOUT as L } from "./layer_norm_wat.ts";

export { LN_CHUNK };

interface LayerNormExports {
  memory: WebAssembly.Memory;
  forward(rows: number, n: number, eps: number): void;
  backward(rows: number, n: number): void;
}

/** The instantiated LayerNorm kernels with their own memory. */
export class WasmLayerNorm {
  readonly #ex: LayerNormExports;
  readonly #f32: Float32Array;
  readonly #f64: Float64Array;
  readonly #u32: Uint32Array;

  /**
   * Instantiate the compiled module (its memory is declared at full size).
   *
   * @param module the compiled `layer_norm_wat.ts` module
   */
  constructor(module: WebAssembly.Module) {
    this.#ex = new WebAssembly.Instance(module).exports as unknown as LayerNormExports;
    const { buffer } = this.#ex.memory;
    this.#f32 = new Float32Array(buffer);
    this.#f64 = new Float64Array(buffer);
    this.#u32 = new Uint32Array(buffer);
  }

  /** Whether rows of `n` columns fit a chunk (else the caller runs JavaScript). */
  fits(n: number): boolean {
    return n >= 1 && n <= LN_CHUNK;
  }

  /**
   * The forward pass over `N` rows of `n` columns of `x`: writes `xhat`, `y` and
   * `inv` bit for bit as `layerNormH`'s JavaScript loop does.
   */
  forward(
    x: Float32Array,
    g: Float32Array,
    b: Float32Array,
    eps: number,
    N: number,
    n: number,
    xhat: Float32Array,
    y: Float32Array,
    inv: Float32Array,
  ): void {
    const heap = this.#f32;
    const f64 = this.#f64;
    for (let j = 0, G = L.g64 / 8, B = L.b64 / 8; j < n; j++) {
      f64[G + 2 * j] = f64[G + 2 * j + 1] = g[j]!;
      f64[B + 2 * j] = f64[B + 2 * j + 1] = b[j]!;
    }
    const step = Math.floor(LN_CHUNK / n);
    for (let r = 0; r < N; r += step) {
      const rows = Math.min(step, N - r);
      const off = r * n, len = rows * n;
      heap.set(x.subarray(off, off + len), L.x / 4);
      this.#ex.forward(rows, n, eps);
      xhat.set(heap.subarray(L.h / 4, L.h / 4 + len), off);
      y.set(heap.subarray(L.y / 4, L.y / 4 + len), off);
      inv.set(heap.subarray(L.inv / 4, L.inv / 4 + rows), r);
    }
  }

  /**
   * The backward pass over `N` rows of `n` columns: writes `dX`, `dG` and `db`
   * bit for bit as `backpropLayerNormH`'s JavaScript loop does.
   */
  backward(
    dY: Float32Array,
    xhat: Float32Array,
    inv: Float32Array,
    g: Float32Array,
    N: number,
    n: number,
    dX: Float32Array,
    dG: Float32Array,
    db: Float32Array,
  ): void {
    const heap = this.#f32;
    heap.set(g, L.g / 4);
    // +0 where G is zero (its product is zero and `+ 0` clears the sign), else -0.
    for (let j = 0; j < n; j++) this.#u32[L.zg / 4 + j] = g[j] === 0 ? 0 : 0x80000000;
    heap.fill(0, L.db / 4, L.db / 4 + n);
    heap.fill(0, L.dG / 4, L.dG / 4 + n);
    const step = Math.floor(LN_CHUNK / n);
    for (let r = 0; r < N; r += step) {
      const rows = Math.min(step, N - r);
      const off = r * n, len = rows * n;
      heap.set(dY.subarray(off, off + len), L.x / 4);
      heap.set(xhat.subarray(off, off + len), L.h / 4);
      heap.set(inv.subarray(r, r + rows), L.inv / 4);
      this.#ex.backward(rows, n);
      dX.set(heap.subarray(L.y / 4, L.y / 4 + len), off);
    }
    dG.set(heap.subarray(L.dG / 4, L.dG / 4 + n));
    db.set(heap.subarray(L.db / 4, L.db / 4 + n));
  }
}
