/**
 * The WebGPU rules on binding one buffer several times in a dispatch, and what a
 * kernel writes.
 *
 * In a compute pass each dispatch is one usage scope, and per buffer its usages must
 * be all read-only (uniform, read-only storage) or all writable storage; writable
 * storage bindings of one buffer must moreover cover disjoint byte ranges ("encoder
 * bind groups alias a writable resource"). Read-only bindings may overlap freely.
 * Deno's wgpu accepts violations that browsers (Dawn) reject, so the runtime plans
 * around them itself and, in its checking mode, validates every dispatch with
 * `bindingConflict`.
 *
 * @module
 */
import type { KernelSpec } from "./kernel.ts";

/** A byte range of a buffer bound to one dispatch, and how its binding is declared. */
export interface BoundRange {
  /** The buffer. */
  readonly buffer: GPUBuffer;
  /** First byte. */
  readonly offset: number;
  /** Bytes. */
  readonly size: number;
  /** Declared writable (`var<storage, read_write>`). */
  readonly writable: boolean;
}

/** Whether two byte ranges share a byte. */
export function overlaps(
  a: { offset: number; size: number },
  b: { offset: number; size: number },
): boolean {
  return a.offset < b.offset + b.size && b.offset < a.offset + a.size;
}

/**
 * The first pair of bindings of one dispatch that WebGPU rejects, or `null`: one
 * buffer bound writable and read-only, or two writable bindings of one buffer whose
 * ranges overlap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingConflict } from "./bindings.ts";
 * const buffer = {} as GPUBuffer;
 * const rw = (offset: number) => ({ buffer, offset, size: 256, writable: true });
 * const ro = (offset: number) => ({ buffer, offset, size: 256, writable: false });
 * assert.equal(bindingConflict([ro(0), ro(0)]), null);
 * assert.equal(bindingConflict([rw(0), rw(256)]), null);
 * assert.deepEqual(bindingConflict([rw(0), rw(128)]), [0, 1]);
 * assert.deepEqual(bindingConflict([rw(0), ro(512)]), [0, 1]);
 * ```
 */
export function bindingConflict(ranges: readonly BoundRange[]): [number, number] | null {
  for (let j = 1; j < ranges.length; j++) {
    const b = ranges[j]!;
    for (let k = 0; k < j; k++) {
      const a = ranges[k]!;
      if (a.buffer !== b.buffer || (!a.writable && !b.writable)) continue;
      if (a.writable !== b.writable || overlaps(a, b)) return [k, j];
    }
  }
  return null;
}

const ASSIGNMENT = /^\s*(?:=(?!=)|[-+*/%&|^]=|<<=|>>=|\+\+|--)/;
const written = new WeakMap<KernelSpec, readonly boolean[]>();

/** Index just past the accessors (`[...]`, `.field`) that start at `k` in `src`. */
function skipAccessors(src: string, k: number): number {
  for (;;) {
    while (src[k] === " " || src[k] === "\n") k++;
    if (src[k] === "[") {
      let depth = 0;
      do {
        if (src[k] === "[") depth++;
        else if (src[k] === "]") depth--;
        k++;
      } while (depth > 0 && k < src.length);
    } else if (src[k] === "." && /[A-Za-z_]/.test(src[k + 1] ?? "")) {
      k++;
      while (/\w/.test(src[k] ?? "")) k++;
    } else {
      return k;
    }
  }
}

function mayWrite(name: string, src: string): boolean {
  const use = new RegExp(`(?<!&)(&\\s*)?(?<![.\\w])${name}\\b`, "g");
  for (const m of src.matchAll(use)) {
    // A pointer (atomics, helper arguments) may write; so may an assignment.
    if (m[1] !== undefined) return true;
    const end = skipAccessors(src, m.index + m[0].length);
    if (ASSIGNMENT.test(src.slice(end, end + 4))) return true;
  }
  return false;
}

/**
 * For each of `spec.buffers`, whether the kernel may write it: it is assigned (also
 * compound or `++`) or its address is taken. Conservative: a local variable that
 * shares a buffer's name counts as the buffer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelWrites } from "./bindings.ts";
 * assert.deepEqual(kernelWrites({
 *   name: "doc_axpy", params: ["n:u32"], buffers: ["d:array<f32>", "s:array<f32>"],
 *   body: "if (i < P.n && s[i] == 0.0) { d[i] += s[i]; }",
 * }), [true, false]);
 * ```
 */
export function kernelWrites(spec: KernelSpec): readonly boolean[] {
  let flags = written.get(spec);
  if (flags === undefined) {
    const src = `${spec.helpers ?? ""}\n${spec.body}`;
    flags = spec.buffers.map((decl) => mayWrite(decl.slice(0, decl.indexOf(":")), src));
    written.set(spec, flags);
  }
  return flags;
}
