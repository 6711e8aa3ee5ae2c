/**
 * The parity harness: run the same computation on the CPU backend (the reference)
 * and on WebGPU from the same host inputs, read both back and compare within a
 * stated tolerance.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { NdArray } from "@weft/types";
import type { Ops } from "../ops.ts";
import { CpuOps } from "../cpu/cpu_ops.ts";
import { testWebGpu } from "./test_backends.ts";
import type { WebGpuOps } from "./webgpu_ops.ts";

/** Absolute and relative tolerance: `|gpu - cpu| <= atol + rtol * |cpu|`. */
export interface Tolerance {
  /** Absolute part. */
  atol: number;
  /** Relative part. */
  rtol: number;
}

/** Float kernels without long reductions. */
export const TIGHT: Tolerance = { atol: 1e-6, rtol: 1e-5 };
/** Float kernels with sums over rows or inner products. */
export const LOOSE: Tolerance = { atol: 1e-4, rtol: 1e-4 };

/** A seeded generator of uniform floats in `[0, 1)` (xorshift32). */
export function rng(seed: number): () => number {
  let s = (seed >>> 0) || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** `n` uniform floats in `[lo, hi)`. */
export function floats(rand: () => number, n: number, lo = -2, hi = 2): Float32Array {
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

/** A random integer in `[lo, hi]`. */
export function int(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** Random sequence lengths summing to anything, zero lengths included. */
export function lengthsOf(rand: () => number, count: number, maxLen: number): Int32Array {
  return Int32Array.from({ length: count }, () => (rand() < 0.2 ? 0 : int(rand, 1, maxLen)));
}

/** What a parity computation returns: arrays, or host integer arrays (compared exactly). */
export type Outputs = readonly (NdArray | Int32Array)[];

/**
 * Compare two host arrays element-wise.
 *
 * @throws {AssertionError} naming the first element out of tolerance
 */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const ok = a === e || (Number.isNaN(a) && Number.isNaN(e)) ||
      Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
    if (!ok) assert.fail(`${what}: element ${i} is ${a} on webgpu, ${e} on cpu`);
  }
}

/**
 * Register `${name} [webgpu]`: `fn` runs on both backends (with `gpu` set on the
 * WebGPU run, so a test can use its device-only methods) and the outputs must agree.
 * Integer outputs must agree exactly.
 */
export function parity(
  name: string,
  tol: Tolerance,
  fn: (ops: Ops, gpu: WebGpuOps | undefined) => Outputs,
): void {
  testWebGpu(name, async (gpuOps) => {
    const cpu = new CpuOps();
    const expected = fn(cpu, undefined);
    const actual = fn(gpuOps, gpuOps);
    assert.equal(actual.length, expected.length);
    for (let k = 0; k < expected.length; k++) {
      const e = expected[k]!, a = actual[k]!;
      const ev = e instanceof Int32Array ? e : await cpu.read(e);
      const av = a instanceof Int32Array ? a : await gpuOps.read(a);
      if (!(e instanceof Int32Array)) {
        assert.deepEqual(a instanceof Int32Array ? undefined : a.shape, e.shape);
      }
      const exact = e instanceof Int32Array || e.dtype !== "float32";
      assertClose(av, ev, exact ? { atol: 0, rtol: 0 } : tol, `${name}: output ${k}`);
    }
  });
}
