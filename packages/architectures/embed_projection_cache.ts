/**
 * A faster prediction path for `MultiHashEmbed` (without static vectors) on the
 * CPU: the Maxout layer that mixes the concatenated embeddings is linear before
 * its maximum, so its pre-activations split into one term per table,
 * `Z = b + Σ_i e_i(v_i) · W_iᵀ`, where `e_i(v)` is table `i`'s embedding of the
 * attribute value `v` and `W_i` the columns of `W` that read it. Each term depends
 * on one attribute value only, so it is computed once per value (one small matrix
 * product for the values a batch sees first) and kept; a token then costs four
 * row additions instead of a `[4·width] × [width·nP]` product.
 *
 * The kept terms are dropped whenever a table or `W` changes (`paramVersion`, or a
 * new param array). Every prediction goes through the same arithmetic whether or
 * not the terms were cached, so results do not depend on what was predicted
 * before. They agree with the training-mode forward pass to float32 rounding (the
 * sums run in another order). Training (`isTrain`) never uses this path.
 *
 * @module
 */
import type { Model } from "@weft/layers";
import type { Ops } from "@weft/ops";
import { type Floats2d, hostArray, hostData, type Ints1d, type Ints2d } from "@weft/types";

/** Rows of every product that computes terms (see `#terms`). */
const TERM_ROWS = 64;

/**
 * The most values kept per table before its cache starts over: twice the
 * table's rows (at least 4096), so a cache holds at most about as many floats as
 * `2 · nP` copies of the table's projection.
 */
const maxValues = (nV: number) => Math.max(4096, 2 * nV);

/** One table's cached terms: value → slot, and the slots' rows of `e(v) · W_iᵀ`. */
interface TableCache {
  table: unknown;
  version: number;
  slots: Map<number, number>;
  rows: Float32Array;
  used: number;
}

/** The layers the fast path reads, found once in the `MultiHashEmbed` tree. */
export interface ProjectionParts {
  /** Each table's `hashembed` node (param `E`, dim `nV`, attr `seed`). */
  tables: readonly Model[];
  /** The `maxout` node (params `W [nO, nP, nI]`, `b [nO, nP]`). */
  maxout: Model;
}

/**
 * Cached per-value Maxout pre-activations for one `MultiHashEmbed`.
 *
 * @example Through `MultiHashEmbed`, which uses it for CPU predictions
 * ```ts
 * import assert from "node:assert/strict";
 * import { EmbedProjectionCache, MultiHashEmbed } from "@weft/architectures";
 * const model = MultiHashEmbed({
 *   width: 8, attrs: ["NORM", "SHAPE"], rows: [50, 20], includeStaticVectors: false,
 * });
 * const tables = [...model.walk()].filter((m) => m.name === "hashembed");
 * const maxout = [...model.walk()].find((m) => m.name === "maxout")!;
 * assert.ok(new EmbedProjectionCache({ tables, maxout }));
 * ```
 */
export class EmbedProjectionCache {
  #parts: ProjectionParts;
  #caches: TableCache[] = [];
  #W: unknown = null;
  #wVersion = -1;
  #blocks: Floats2d[] = [];

  /**
   * A cache over the given layers.
   *
   * @param parts the tables and the Maxout layer of one `MultiHashEmbed`
   */
  constructor(parts: ProjectionParts) {
    this.#parts = parts;
  }

  /**
   * Point the cache at (possibly new) layers; terms of layers whose params differ
   * are dropped on the next use, as after an update.
   *
   * @param parts the tables and the Maxout layer
   */
  use(parts: ProjectionParts): void {
    this.#parts = parts;
  }

  /**
   * The Maxout pre-activations `[N, nO·nP]` of tokens whose attribute values are
   * the rows of `ids` (`[N, tables]`).
   *
   * @param ops a CPU backend
   * @param ids the attribute values, one column per table
   * @returns the pre-activations, bias included
   */
  preActivations(ops: Ops, ids: Ints2d): Floats2d {
    const { tables, maxout } = this.#parts;
    const W = maxout.getParam("W");
    const [nO, nP, nI] = W.shape as readonly [number, number, number];
    const width = nI / tables.length;
    this.#refresh(ops, W, nO * nP, width);
    const [N, nCols] = ids.shape;
    const idData = hostData(ids);
    const out = hostArray([N, nO * nP] as const, "float32");
    const z = hostData(out);
    const b = hostData(maxout.getParam("b"));
    const nOP = nO * nP;
    for (let n = 0; n < N; n++) z.set(b, n * nOP);
    for (let t = 0; t < tables.length; t++) {
      const cache = this.#tableCache(t, nOP);
      const slotOf = this.#slots(ops, t, cache, idData, N, nCols, nOP);
      const rows = cache.rows;
      for (let n = 0; n < N; n++) {
        const src = slotOf[n]! * nOP;
        const dst = n * nOP;
        for (let c = 0; c < nOP; c++) z[dst + c] = z[dst + c]! + rows[src + c]!;
      }
    }
    return out;
  }

  /** Drop every cached term when `W` changed; keep `W`'s per-table column blocks. */
  #refresh(ops: Ops, W: unknown, nOP: number, width: number): void {
    const { tables, maxout } = this.#parts;
    if (this.#W === W && this.#wVersion === maxout.paramVersion) return;
    this.#W = W;
    this.#wVersion = maxout.paramVersion;
    this.#caches = [];
    const w = hostData(maxout.getParam("W"));
    const nI = width * tables.length;
    this.#blocks = tables.map((_, t) => {
      const block = ops.alloc2f(nOP, width);
      const dst = hostData(block);
      for (let r = 0; r < nOP; r++) {
        dst.set(w.subarray(r * nI + t * width, r * nI + (t + 1) * width), r * width);
      }
      return block;
    });
  }

  #tableCache(t: number, nOP: number): TableCache {
    const table = this.#parts.tables[t]!;
    const E = table.getParam("E");
    let cache = this.#caches[t];
    if (cache === undefined || cache.table !== E || cache.version !== table.paramVersion) {
      cache = {
        table: E,
        version: table.paramVersion,
        slots: new Map(),
        rows: cache?.rows ?? new Float32Array(0),
        used: 0,
      };
      this.#caches[t] = cache;
    }
    if (cache.rows.length === 0) cache.rows = new Float32Array(1024 * nOP);
    return cache;
  }

  /** Each token's slot in table `t`'s cache, computing the terms of new values. */
  #slots(
    ops: Ops,
    t: number,
    cache: TableCache,
    ids: Uint32Array | Int32Array | Float32Array,
    N: number,
    nCols: number,
    nOP: number,
  ): Int32Array {
    const slotOf = new Int32Array(N);
    const missing: number[] = [];
    const pending = new Map<number, number>();
    for (let n = 0; n < N; n++) {
      const v = ids[n * nCols + t]!;
      const slot = cache.slots.get(v);
      if (slot !== undefined) {
        slotOf[n] = slot;
        continue;
      }
      let k = pending.get(v);
      if (k === undefined) {
        k = missing.length;
        pending.set(v, k);
        missing.push(v);
      }
      slotOf[n] = -1 - k;
    }
    if (missing.length === 0) return slotOf;
    const limit = maxValues(this.#parts.tables[t]!.getDim("nV"));
    if (cache.used > 0 && cache.used + missing.length > limit) {
      cache.slots.clear();
      cache.used = 0;
      // Slots of this batch that pointed into the old entries are recomputed.
      return this.#slots(ops, t, cache, ids, N, nCols, nOP);
    }
    const first = cache.used;
    this.#grow(cache, first + missing.length, nOP);
    cache.rows.set(this.#terms(ops, t, missing, nOP), first * nOP);
    for (let k = 0; k < missing.length; k++) cache.slots.set(missing[k]!, first + k);
    cache.used += missing.length;
    for (let n = 0; n < N; n++) if (slotOf[n]! < 0) slotOf[n] = first + (-1 - slotOf[n]!);
    return slotOf;
  }

  #grow(cache: TableCache, slots: number, nOP: number): void {
    if (cache.rows.length >= slots * nOP) return;
    let capacity = cache.rows.length / nOP;
    while (capacity < slots) capacity *= 2;
    const rows = new Float32Array(capacity * nOP);
    rows.set(cache.rows.subarray(0, cache.used * nOP));
    cache.rows = rows;
  }

  /**
   * `e_t(v) · W_tᵀ` for each value: the table's hashed rows summed, then products
   * of exactly {@linkcode TERM_ROWS} rows (zero-padded), so that every value's
   * term comes from the same kernel with the same arithmetic however many values
   * a batch brings.
   */
  #terms(ops: Ops, t: number, values: number[], nOP: number): Float32Array {
    const table = this.#parts.tables[t]!;
    const ids: Ints1d = ops.asarray1i(values, "uint32");
    const rows = ops.remainder(ops.hash(ids, table.getAttr<number>("seed")), table.getDim("nV"));
    const embedded = hostData(ops.gatherAdd(table.getParam2d("E"), rows));
    const width = table.getDim("nO");
    const out = new Float32Array(values.length * nOP);
    const chunk = ops.alloc2f(TERM_ROWS, width);
    for (let first = 0; first < values.length; first += TERM_ROWS) {
      const m = Math.min(TERM_ROWS, values.length - first);
      const data = hostData(chunk);
      data.fill(0);
      data.set(embedded.subarray(first * width, (first + m) * width));
      const terms = ops.gemm(chunk, this.#blocks[t]!, { transB: true });
      out.set(hostData(terms).subarray(0, m * nOP), first * nOP);
      ops.release(terms);
    }
    return out;
  }
}
