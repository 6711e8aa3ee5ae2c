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
import type { GpuStorage } from "./storage.ts";

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

/**
 * Which device bindings of one dispatch go through a temporary copy, each with
 * whether to copy it back: those whose binding range shares bytes of a buffer with
 * an earlier binding (every device binding is declared writable, and WebGPU rejects
 * overlapping writable bindings). Of such a pair the one the kernel only reads is
 * copied; where the kernel writes both, the later one, and back after the dispatch.
 *
 * @param spec the kernel
 * @param views the device storage of each binding (`null` for host data)
 * @param range the byte range a storage binds
 * @throws {RangeError} where two written bindings share elements
 * @example Reading one array twice
 * ```ts
 * import assert from "node:assert/strict";
 * import { aliasPlan } from "./bindings.ts";
 * import { GpuStorage } from "./storage.ts";
 * const x = new GpuStorage({ buffer: {} as GPUBuffer, bytes: 1024, epoch: -1, free: false }, 0, 3);
 * const spec = { name: "doc_mul", params: [], buffers: ["a:array<f32>", "b:array<f32>", "y:array<f32>"],
 *   body: "y[i] = a[i] * b[i];" };
 * const range = (s: GpuStorage) => ({ offset: 0, size: (s.offset + s.length) * 4 });
 * const y = new GpuStorage({ buffer: {} as GPUBuffer, bytes: 256, epoch: -1, free: false }, 0, 3);
 * assert.deepEqual([...aliasPlan(spec, [x, x, y], range)], [[1, false]]);
 * ```
 */
export function aliasPlan(
  spec: KernelSpec,
  views: readonly (GpuStorage | null)[],
  range: (st: GpuStorage) => { offset?: number | undefined; size?: number | undefined },
): Map<number, boolean> {
  const plan = new Map<number, boolean>();
  const ranges: ({ offset: number; size: number } | null)[] = [];
  const at = (k: number) => {
    for (let x = ranges.length; x <= k; x++) {
      const v = views[x];
      const r = v ? range(v) : null;
      ranges.push(r && { offset: r.offset ?? 0, size: r.size ?? 0 });
    }
    return ranges[k]!;
  };
  for (let j = 1; j < views.length; j++) {
    const b = views[j];
    if (!b) continue;
    for (let k = 0; k < j; k++) {
      const a = views[k];
      if (!a || a.block !== b.block || plan.has(k) || !overlaps(at(k), at(j))) continue;
      const writes = kernelWrites(spec);
      let c = j;
      if (writes[j]) {
        if (!writes[k]) c = k;
        else if (a.offset < b.offset + b.length && b.offset < a.offset + a.length) {
          throw new RangeError(
            `Kernel ${spec.name} writes bindings ${k + 1} and ${j + 1}, which share elements`,
          );
        }
      }
      plan.set(c, writes[c] ?? true);
      if (c === j) break;
    }
  }
  return plan;
}

/**
 * Throw if WebGPU would reject the bind group entries of one dispatch: binding 0 is
 * the uniform parameters, the next `writable` are device storage (declared
 * read-write), the rest read-only host data.
 *
 * @throws {Error} naming the kernel and the two bindings
 */
export function checkEntries(
  kernel: string,
  writable: number,
  entries: readonly GPUBindGroupEntry[],
): void {
  const ranges: BoundRange[] = entries.map((e) => {
    const r = e.resource as GPUBufferBinding;
    const offset = r.offset ?? 0;
    return {
      buffer: r.buffer,
      offset,
      size: r.size ?? r.buffer.size - offset,
      writable: e.binding > 0 && e.binding <= writable,
    };
  });
  const bad = bindingConflict(ranges);
  if (bad !== null) {
    throw new Error(
      `Kernel ${kernel}: bindings ${bad[0]} and ${bad[1]} share a buffer in a way ` +
        "WebGPU forbids (a writable binding overlapping another, or one buffer bound " +
        "writable and read-only)",
    );
  }
}
