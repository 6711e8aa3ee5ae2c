/**
 * Element-wise kernels: one generated kernel per expression over up to three inputs
 * of the same size, plus the in-place updates and fills.
 *
 * @module
 */
import type { DType, NdArray, Shape } from "@weft/types";
import { empty, gpu, sameShape } from "./arrays.ts";
import type { KernelSpec } from "./kernel.ts";
import type { GpuRuntime } from "./runtime.ts";
import { WGSL_MATH } from "./wgsl_math.ts";

const MAP_PARAMS = ["n:u32", "o0:u32", "o1:u32", "o2:u32", "oy:u32", "s0:f32", "s1:f32"];
const specs = new Map<string, KernelSpec>();

function mapSpec(name: string, arity: number, expr: string): KernelSpec {
  let spec = specs.get(name);
  if (spec === undefined) {
    const names = ["a", "b", "c"].slice(0, arity);
    const loads = names.map((v, k) => `let ${v} = x${k}[P.o${k} + i];`).join(" ");
    spec = {
      name: `map_${name}`,
      params: MAP_PARAMS,
      buffers: [...names.map((_, k) => `x${k}:array<f32>`), "y:array<f32>"],
      helpers: WGSL_MATH,
      body: `if (i >= P.n) { return; } ${loads} y[P.oy + i] = ${expr};`,
    };
    specs.set(name, spec);
  }
  return spec;
}

/**
 * A new float array `y[i] = expr(a[i], b[i], c[i])`, where the expression may use
 * `P.s0`, `P.s1` (the scalars) and the helpers of `WGSL_MATH`.
 *
 * @throws {RangeError} when the inputs differ in shape
 */
export function mapFloats<S extends Shape>(
  rt: GpuRuntime,
  name: string,
  expr: string,
  inputs: readonly NdArray<S, "float32">[],
  scalars: readonly number[] = [],
): NdArray<S, "float32"> {
  const first = inputs[0]!;
  const st = inputs.map((x) => {
    sameShape(name, first, x);
    return gpu(x, name);
  });
  const y = empty(rt, first.shape, "float32");
  const out = gpu(y, name);
  const spec = mapSpec(name, inputs.length, expr);
  rt.split(name, first.size, 1, (start, end) => {
    const views = st.map((s) => s.view(start, end));
    const offsets = [0, 1, 2].map((k) => {
      const v = views[k];
      return v === undefined ? 0 : rt.at(v);
    });
    const o = out.view(start, end);
    rt.dispatch1d(spec, end - start, [
      end - start,
      ...offsets,
      rt.at(o),
      scalars[0] ?? 0,
      scalars[1] ?? 0,
    ], [...views, o]);
  });
  return y;
}

const AXPY: KernelSpec = {
  name: "axpy_inplace",
  params: ["n:u32", "od:u32", "os:u32", "f:f32"],
  buffers: ["d:array<f32>", "s:array<f32>"],
  body: "if (i >= P.n) { return; } d[P.od + i] = d[P.od + i] + P.f * s[P.os + i];",
};

/** In place: `dst += factor * src`. */
export function addInPlace(rt: GpuRuntime, dst: NdArray, src: NdArray, factor: number): void {
  sameShape("addInPlace", dst, src);
  const d = gpu(dst, "addInPlace");
  const s = gpu(src, "addInPlace");
  rt.split("addInPlace", dst.size, 1, (start, end) => {
    const dv = d.view(start, end), sv = s.view(start, end);
    rt.dispatch1d(AXPY, end - start, [end - start, rt.at(dv), rt.at(sv), factor], [dv, sv]);
  });
}

const SCALE_INPLACE: KernelSpec = {
  name: "scale_inplace",
  params: ["n:u32", "o:u32", "f:f32"],
  buffers: ["d:array<f32>"],
  body: "if (i >= P.n) { return; } d[P.o + i] = d[P.o + i] * P.f;",
};

/** In place: `x *= factor`. */
export function scaleInPlace(rt: GpuRuntime, x: NdArray, factor: number): void {
  const d = gpu(x, "scaleInPlace");
  rt.split("scaleInPlace", x.size, 1, (start, end) => {
    const dv = d.view(start, end);
    rt.dispatch1d(SCALE_INPLACE, end - start, [end - start, rt.at(dv), factor], [dv]);
  });
}

const FILL: KernelSpec = {
  name: "fill_bits",
  params: ["n:u32", "o:u32", "bits:u32"],
  buffers: ["d:array<u32>"],
  body: "if (i >= P.n) { return; } d[P.o + i] = P.bits;",
};

/** In place: set every element to `value`, converted to the array's dtype. */
export function fill(rt: GpuRuntime, x: NdArray, value: number): void {
  const d = gpu(x, "fill");
  const bits = new Uint32Array(1);
  if (x.dtype === "float32") new Float32Array(bits.buffer)[0] = value;
  else if (x.dtype === "int32") new Int32Array(bits.buffer)[0] = value;
  else bits[0] = value;
  rt.split("fill", x.size, 1, (start, end) => {
    const dv = d.view(start, end);
    rt.dispatch1d(FILL, end - start, [end - start, rt.at(dv), bits[0]!], [dv]);
  });
}

/** A zero-filled array. */
export function zeros<S extends Shape, D extends DType>(
  rt: GpuRuntime,
  shape: S,
  dtype: D,
): NdArray<S, D> {
  const x = empty(rt, shape, dtype);
  fill(rt, x, 0);
  return x;
}

const COPY: KernelSpec = {
  name: "copy_strided",
  // Copy `rows` rows of `cols` elements from stride `ss` to stride `ds`.
  params: ["rows:u32", "cols:u32", "os:u32", "ss:u32", "od:u32", "ds:u32"],
  buffers: ["s:array<u32>", "d:array<u32>"],
  body: "if (i >= P.rows * P.cols) { return; } let r = i / P.cols; let c = i % P.cols;" +
    " d[P.od + r * P.ds + c] = s[P.os + r * P.ss + c];",
};

/**
 * Copy a block of rows between arrays (any dtype): `rows` rows of `cols` elements,
 * from element `srcAt` with row stride `srcStride` to `dstAt` with `dstStride`.
 */
export function copyRows(
  rt: GpuRuntime,
  src: NdArray,
  srcAt: number,
  srcStride: number,
  dst: NdArray,
  dstAt: number,
  dstStride: number,
  rows: number,
  cols: number,
): void {
  const s = gpu(src, "copy");
  const d = gpu(dst, "copy");
  if (rows === 0 || cols === 0) return;
  if (rows === 1 || (srcStride === cols && dstStride === cols)) {
    // A contiguous block: pieces of any length.
    rt.split("copy", rows * cols, 1, (a, b) => {
      const sv = s.view(srcAt + a, srcAt + b), dv = d.view(dstAt + a, dstAt + b);
      rt.dispatch1d(COPY, b - a, [1, b - a, rt.at(sv), 0, rt.at(dv), 0], [sv, dv]);
    });
    return;
  }
  // Pieces of whole rows; a piece's views run from its first row to its last element.
  rt.split("copy", rows, Math.max(srcStride, dstStride, cols), (r0, r1) => {
    const sv = s.view(srcAt + r0 * srcStride, srcAt + (r1 - 1) * srcStride + cols);
    const dv = d.view(dstAt + r0 * dstStride, dstAt + (r1 - 1) * dstStride + cols);
    const n = r1 - r0;
    rt.dispatch1d(COPY, n * cols, [n, cols, rt.at(sv), srcStride, rt.at(dv), dstStride], [sv, dv]);
  });
}

const REMAINDER: KernelSpec = {
  name: "remainder_u32",
  params: ["n:u32", "ox:u32", "oy:u32", "m:u32"],
  buffers: ["x:array<u32>", "y:array<u32>"],
  body: "if (i >= P.n) { return; } y[P.oy + i] = x[P.ox + i] % P.m;",
};

/**
 * `x % divisor` of unsigned ids.
 *
 * @throws {RangeError} when the divisor is not a positive 32-bit integer
 */
export function remainder<S extends Shape>(
  rt: GpuRuntime,
  x: NdArray<S, "int32" | "uint32">,
  divisor: number,
): NdArray<S, "uint32"> {
  if (!Number.isInteger(divisor) || divisor <= 0 || divisor > 0xffffffff) {
    throw new RangeError(`remainder(): divisor must be a positive 32-bit integer, got ${divisor}`);
  }
  const s = gpu(x, "remainder");
  const y = empty(rt, x.shape, "uint32");
  const d = gpu(y, "remainder");
  rt.split("remainder", x.size, 1, (start, end) => {
    const sv = s.view(start, end), dv = d.view(start, end);
    rt.dispatch1d(REMAINDER, end - start, [end - start, rt.at(sv), rt.at(dv), divisor], [sv, dv]);
  });
  return y;
}
