/**
 * The first part of the WebGPU backend: allocation, transfer, element-wise
 * arithmetic, matrix products and activations. `SequenceOps` adds the sequence
 * and list methods, `WebGpuOps` the rest.
 *
 * @module
 */
import {
  type DType,
  type Floats1d,
  type Floats2d,
  type Floats3d,
  type Floats4d,
  type FloatsXd,
  type HostArray,
  type Ints1d,
  type Ints2d,
  NdArray,
  type Shape,
  shapeSize,
} from "@weft/types";
import type { GemmOptions } from "../ops.ts";
import { empty, gpu } from "./arrays.ts";
import { DeviceOps } from "./device_ops.ts";
import * as ew from "./elementwise.ts";
import { affine, gemm } from "./gemm.ts";
import * as rows from "./rows.ts";

/**
 * Allocation, transfer, arithmetic, gemm and activations on a WebGPU device (the
 * base of `WebGpuOps`; see there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createWebGpuOps } from "./webgpu_ops.ts";
 * const ops = await createWebGpuOps().catch(() => undefined);
 * if (ops) {
 *   assert.deepEqual([...await ops.read(ops.add(ops.asarray1f([1]), ops.asarray1f([2])))], [3]);
 *   ops.destroy();
 * }
 * ```
 */
export class ArrayOps extends DeviceOps {
  /** A zero-filled array. */
  alloc<S extends Shape, D extends DType = "float32">(shape: S, dtype?: D): NdArray<S, D> {
    return ew.zeros(this.rt, shape, dtype ?? ("float32" as D));
  }
  /** A zero-filled `[n]` float array. */
  alloc1f(n: number): Floats1d {
    return this.alloc([n] as const);
  }
  /** A zero-filled `[a, b]` float array. */
  alloc2f(a: number, b: number): Floats2d {
    return this.alloc([a, b] as const);
  }
  /** A zero-filled `[a, b, c]` float array. */
  alloc3f(a: number, b: number, c: number): Floats3d {
    return this.alloc([a, b, c] as const);
  }
  /** A zero-filled `[a, b, c, d]` float array. */
  alloc4f(a: number, b: number, c: number, d: number): Floats4d {
    return this.alloc([a, b, c, d] as const);
  }
  /** A zero-filled `[n]` integer array. */
  alloc1i(n: number, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return this.alloc([n] as const, dtype);
  }
  /** A zero-filled `[a, b]` integer array. */
  alloc2i(a: number, b: number, dtype: "int32" | "uint32" = "int32"): Ints2d {
    return this.alloc([a, b] as const, dtype);
  }
  /** Upload host values (one queued write). */
  asarray<S extends Shape, D extends DType>(
    data: ArrayLike<number>,
    shape: S,
    dtype: D,
  ): NdArray<S, D> {
    if (data.length !== shapeSize(shape)) {
      throw new RangeError(
        `asarray(): ${data.length} values do not fit shape [${shape.join(", ")}] (${
          shapeSize(shape)
        })`,
      );
    }
    const ctor = dtype === "float32" ? Float32Array : dtype === "int32" ? Int32Array : Uint32Array;
    const host = data instanceof ctor ? data : ctor.from(data);
    const x = empty(this.rt, shape, dtype);
    this.rt.upload(gpu(x, "asarray"), host);
    return x;
  }
  /** Upload a `[n]` float array. */
  asarray1f(data: ArrayLike<number>): Floats1d {
    return this.asarray(data, [data.length] as const, "float32");
  }
  /** Upload a `[rows, cols]` float array. */
  asarray2f(data: ArrayLike<number>, rows: number, cols: number): Floats2d {
    return this.asarray(data, [rows, cols] as const, "float32");
  }
  /** Upload a `[n]` integer array. */
  asarray1i(data: ArrayLike<number>, dtype: "int32" | "uint32" = "int32"): Ints1d {
    return this.asarray(data, [data.length] as const, dtype);
  }
  /** Upload a `[rows, cols]` integer array. */
  asarray2i(
    data: ArrayLike<number>,
    rows: number,
    cols: number,
    dtype: "int32" | "uint32" = "int32",
  ): Ints2d {
    return this.asarray(data, [rows, cols] as const, dtype);
  }
  /** The same storage under another shape. */
  reshape<S extends Shape, D extends DType>(x: NdArray<Shape, D>, shape: S): NdArray<S, D> {
    if (shapeSize(shape) !== x.size || shape.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new RangeError(
        `reshape(): cannot view shape [${x.shape.join(", ")}] as [${shape.join(", ")}]`,
      );
    }
    return new NdArray(shape, x.dtype, x.storage);
  }
  /** A copy in a new buffer. */
  copy<S extends Shape, D extends DType>(x: NdArray<S, D>): NdArray<S, D> {
    const y = empty(this.rt, x.shape, x.dtype);
    ew.copyRows(this.rt, x, 0, 0, y, 0, 0, 1, x.size);
    return y;
  }
  /** Read back to the host once the recorded work has run (the only await). */
  read<D extends DType>(x: NdArray<Shape, D>): Promise<HostArray<D>> {
    return this.rt.read(gpu(x, "read"), x.dtype) as Promise<HostArray<D>>;
  }
  /** Return the array's buffer to the pool (views and repeated calls are ignored). */
  release(x: NdArray): void {
    this.rt.pool.give(gpu(x, "release"));
  }

  /** `a + b`. */
  add<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "add", "a + b", [a, b]);
  }
  /** `a - b`. */
  sub<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "sub", "a - b", [a, b]);
  }
  /** `a * b`. */
  mul<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "mul", "a * b", [a, b]);
  }
  /** `x * factor`. */
  scale<S extends Shape>(x: NdArray<S, "float32">, factor: number): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "scale", "a * P.s0", [x], [factor]);
  }
  /** In place: `dst += factor * src`. */
  addInPlace(dst: FloatsXd, src: FloatsXd, factor = 1): void {
    ew.addInPlace(this.rt, dst, src, factor);
  }
  /** In place: `x *= factor`. */
  scaleInPlace(x: FloatsXd, factor: number): void {
    ew.scaleInPlace(this.rt, x, factor);
  }
  /** In place: set every element to `value`. */
  fill(x: NdArray, value: number): void {
    ew.fill(this.rt, x, value);
  }
  /** Column sums. */
  sumRows(X: Floats2d): Floats1d {
    return rows.sumRows(this.rt, X);
  }
  /** `X * v[:, None]`. */
  mulRows(X: Floats2d, v: Floats1d): Floats2d {
    return rows.mulRows(this.rt, X, v);
  }
  /** Row-wise dot products. */
  rowDots(A: Floats2d, B: Floats2d): Floats1d {
    return rows.rowDots(this.rt, A, B);
  }
  /** `X * g[None, :] + b[None, :]`. */
  scaleColumns(X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d {
    return rows.scaleColumns(this.rt, X, g, b);
  }
  /** `x % divisor` of unsigned ids. */
  remainder<S extends Shape>(
    x: NdArray<S, "int32" | "uint32">,
    divisor: number,
  ): NdArray<S, "uint32"> {
    return ew.remainder(this.rt, x, divisor);
  }

  /** `op(A) @ op(B)` (tiled kernel). */
  gemm(A: Floats2d, B: Floats2d, options?: GemmOptions): Floats2d {
    return gemm(this.rt, A, B, options);
  }
  /** `X @ W.T + b` (one fused kernel). */
  affine(X: Floats2d, W: Floats2d, b: Floats1d): Floats2d {
    return affine(this.rt, X, W, b);
  }

  /** `max(0, x)`. */
  relu<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "relu", "select(0.0, a, a > 0.0)", [X]);
  }
  /** Gradient of relu given its output. */
  backpropRelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropRelu", "select(0.0, a, b > 0.0)", [dY, Y]);
  }
  /** Logistic sigmoid. */
  sigmoid<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "sigmoid", "sigm(a)", [X]);
  }
  /** Gradient of sigmoid given its output. */
  backpropSigmoid<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropSigmoid", "a * b * (1.0 - b)", [dY, Y]);
  }
  /** Hyperbolic tangent. */
  tanh<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "tanh", "tanh_s(a)", [X]);
  }
  /** Gradient of tanh given its output. */
  backpropTanh<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropTanh", "a * (1.0 - b * b)", [dY, Y]);
  }
  /** Mish, linear at or above `threshold`. */
  mish<S extends Shape>(X: NdArray<S, "float32">, threshold = 20): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "mish", "mish_f(a, P.s0)", [X], [threshold]);
  }
  /** Gradient of mish given its input. */
  backpropMish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold = 20,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropMish", "dmish(a, b, P.s0)", [dY, X], [threshold]);
  }
  /** GELU (erf form) with thresholds. */
  gelu<S extends Shape>(X: NdArray<S, "float32">, threshold = 6): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "gelu", "gelu_f(a, P.s0)", [X], [threshold]);
  }
  /** Gradient of gelu given its input. */
  backpropGelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold = 6,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropGelu", "dgelu(a, b, P.s0)", [dY, X], [threshold]);
  }
  /** Swish with thresholds. */
  swish<S extends Shape>(X: NdArray<S, "float32">, threshold = 17): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "swish", "swish_f(a, P.s0)", [X], [threshold]);
  }
  /** Gradient of swish given its input and output. */
  backpropSwish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
    threshold = 17,
  ): NdArray<S, "float32"> {
    return ew.mapFloats(this.rt, "backpropSwish", "dswish(a, b, c, P.s0)", [dY, X, Y], [threshold]);
  }
}
