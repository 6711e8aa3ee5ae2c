/**
 * Kernel descriptions and the WGSL boilerplate around them: a uniform `P` of scalar
 * parameters at binding 0, read-write storage buffers from binding 1, then read-only
 * host index data (copied into the per-batch arena).
 *
 * Every storage buffer is declared `read_write`, even inputs: WebGPU forbids binding one
 * buffer as read-only and read-write in the same dispatch, and views (parameters packed
 * in one buffer, rows of a Ragged) routinely share buffers. Writable bindings of one
 * buffer must not overlap either; the runtime binds each view from its aligned start
 * and copies the rare binding that still overlaps another (see `bindings.ts`).
 *
 * @module
 */

/** One compute kernel: its parameters, buffers and the body of `main`. */
export interface KernelSpec {
  /** Unique name; the pipeline cache key. */
  readonly name: string;
  /** Scalar parameters as `"name:type"` (`u32`, `i32` or `f32`), fields of `P`. */
  readonly params: readonly string[];
  /** Device buffers as `"name:array<T>"`. */
  readonly buffers: readonly string[];
  /** Host integer arrays as names (`array<i32>`), bound after the buffers. */
  readonly host?: readonly string[];
  /** Workgroup size; 256 (1-D) unless given. */
  readonly workgroup?: readonly [number, number];
  /** WGSL functions and `var<workgroup>` declarations placed before `main`. */
  readonly helpers?: string;
  /**
   * The body of `main`. In scope: `gid`, `lid`, `wid`, `nwg` (vec3<u32> builtins) and,
   * for 1-D kernels, `i`: the flat thread index.
   */
  readonly body: string;
}

/**
 * The full WGSL source of a kernel.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelSource } from "./kernel.ts";
 * const src = kernelSource({ name: "k", params: ["n:u32"], buffers: ["x:array<f32>"], body: "x[i] = 0.0;" });
 * assert.match(src, /var<storage, read_write> x: array<f32>;/);
 * ```
 */
export function kernelSource(spec: KernelSpec): string {
  const [wx, wy] = spec.workgroup ?? [256, 1];
  const fields = spec.params.length > 0
    ? spec.params.map((p) => `  ${p},`).join("\n")
    : "  _unused: u32,";
  const lines = [`struct Params {\n${fields}\n}`, "@group(0) @binding(0) var<uniform> P: Params;"];
  spec.buffers.forEach((b, k) => {
    const [name, type] = splitDecl(b);
    lines.push(`@group(0) @binding(${k + 1}) var<storage, read_write> ${name}: ${type};`);
  });
  (spec.host ?? []).forEach((name, k) => {
    lines.push(
      `@group(0) @binding(${spec.buffers.length + k + 1}) var<storage, read> ${name}: array<i32>;`,
    );
  });
  lines.push(spec.helpers ?? "");
  lines.push(
    `@compute @workgroup_size(${wx}, ${wy})`,
    "fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,",
    "        @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {",
    `  let i = gid.x + gid.y * nwg.x * ${wx * wy}u;`,
    spec.body,
    "}",
  );
  return lines.join("\n");
}

function splitDecl(decl: string): [string, string] {
  const at = decl.indexOf(":");
  return [decl.slice(0, at), decl.slice(at + 1)];
}
