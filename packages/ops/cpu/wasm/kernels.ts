/**
 * Pick and load the best gemm kernel the runtime validates: relaxed SIMD (fused
 * multiply-add), else SIMD128, else none (the caller falls back to JavaScript).
 *
 * @module
 */
import { ThreadedGemm, threadsAvailable } from "./threaded_gemm.ts";
import {
  GEMM_RELAXED_SHARED_WASM,
  GEMM_RELAXED_WASM,
  GEMM_SIMD128_SHARED_WASM,
  GEMM_SIMD128_WASM,
  LAYER_NORM_SIMD128_WASM,
  NN_SIMD128_WASM,
  OPTIM_SIMD128_WASM,
  RELAXED_PROBE_WASM,
} from "./wasm_bytes.ts";
import { WasmGemm } from "./wasm_gemm.ts";
import { WasmLayerNorm } from "./wasm_layer_norm.ts";
import { WasmNn } from "./wasm_nn.ts";
import { WasmOptim } from "./wasm_optim.ts";

/** Which gemm implementation a backend uses. */
export type GemmKernelName = "wasm-relaxed-simd" | "wasm-simd128" | "js";

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

let loaded: { name: GemmKernelName; kernel: WasmGemm | undefined } | undefined;

/** The best available kernel, compiled once per process (synchronously: it is small). */
export function gemmKernel(): { name: GemmKernelName; kernel: WasmGemm | undefined } {
  if (loaded !== undefined) return loaded;
  loaded = { name: "js", kernel: undefined };
  const candidates: [GemmKernelName, string][] = [];
  if (validates(decode(RELAXED_PROBE_WASM))) {
    candidates.push(["wasm-relaxed-simd", GEMM_RELAXED_WASM]);
  }
  candidates.push(["wasm-simd128", GEMM_SIMD128_WASM]);
  for (const [name, base64] of candidates) {
    const bytes = decode(base64);
    if (!validates(bytes)) continue;
    try {
      loaded = { name, kernel: new WasmGemm(new WebAssembly.Module(bytes)) };
      break;
    } catch {
      // Compilation refused (e.g. a browser's main-thread size limit): try the next.
    }
  }
  return loaded;
}

/** Load a specific kernel, for tests and benchmarks; undefined where it does not validate. */
export function loadGemmKernel(name: Exclude<GemmKernelName, "js">): WasmGemm | undefined {
  const bytes = decode(name === "wasm-relaxed-simd" ? GEMM_RELAXED_WASM : GEMM_SIMD128_WASM);
  return validates(bytes) ? new WasmGemm(new WebAssembly.Module(bytes)) : undefined;
}

/**
 * A two-thread gemm running the same kernel as `gemmKernel()` (or `name`), with
 * its own worker; undefined where the runtime lacks shared WebAssembly memory,
 * workers or SIMD. Call `dispose()` when done with it.
 */
export function threadedGemmKernel(
  name?: Exclude<GemmKernelName, "js">,
  minWork?: number,
): ThreadedGemm | undefined {
  if (!threadsAvailable()) return undefined;
  const which = name ?? gemmKernel().name;
  if (which === "js") return undefined;
  const single = name === undefined ? gemmKernel().kernel : loadGemmKernel(name);
  if (single === undefined) return undefined;
  const bytes = decode(
    which === "wasm-relaxed-simd" ? GEMM_RELAXED_SHARED_WASM : GEMM_SIMD128_SHARED_WASM,
  );
  if (!validates(bytes)) return undefined;
  try {
    return new ThreadedGemm(bytes, single, minWork);
  } catch {
    // Shared memory or the worker refused (e.g. a browser without isolation).
    return undefined;
  }
}

/**
 * A loader that compiles `base64`'s module once per process, on first call, and
 * wraps it with `make`; it returns undefined where the module does not validate or
 * compilation is refused (the JavaScript kernels then serve).
 */
function lazyKernel<K>(
  base64: string,
  make: (module: WebAssembly.Module) => K,
): () => K | undefined {
  let loaded: { kernel: K | undefined } | undefined;
  return () => {
    if (loaded !== undefined) return loaded.kernel;
    loaded = { kernel: undefined };
    const bytes = decode(base64);
    if (validates(bytes)) {
      try {
        loaded.kernel = make(new WebAssembly.Module(bytes));
      } catch {
        // Compilation refused (e.g. a browser's main-thread size limit).
      }
    }
    return loaded.kernel;
  };
}

/** The fused optimizer kernel (SIMD128), compiled once per process; undefined without SIMD. */
export const optimKernel: () => WasmOptim | undefined = lazyKernel(
  OPTIM_SIMD128_WASM,
  (module) => new WasmOptim(module),
);

/** The small layer kernels (SIMD128), compiled once per process; undefined without SIMD. */
export const nnKernel: () => WasmNn | undefined = lazyKernel(
  NN_SIMD128_WASM,
  (module) => new WasmNn(module),
);

/** The fused LayerNorm kernels (SIMD128), compiled once per process; undefined without SIMD. */
export const layerNormKernel: () => WasmLayerNorm | undefined = lazyKernel(
  LAYER_NORM_SIMD128_WASM,
  (module) => new WasmLayerNorm(module),
);
