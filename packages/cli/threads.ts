/**
 * `--threads N` (or the `WEFT_THREADS` environment variable) for `train`,
 * `evaluate` and `apply`: with 2, the CPU backend runs large matrix products on
 * a second core (a gemm worker sharing the kernel's WebAssembly memory), and the
 * command stops the worker when it ends.
 *
 * @module
 */
import { CpuOps, useOps } from "@weft/ops";
import type { OptionSpec } from "./args.ts";
import { UsageError } from "./errors.ts";

/** The `--threads` option. */
export const THREADS_OPTION: OptionSpec = { type: "int" };

/** The gemm threads a command runs with; disposing restores the previous backend. */
export interface GemmThreads extends Disposable {
  /** Threads in use: 2 only where asked for and the runtime shares memory with workers. */
  readonly threads: number;
}

function fromEnv(): string | undefined {
  try {
    return Deno.env.get("WEFT_THREADS");
  } catch {
    return undefined; // no env permission
  }
}

/**
 * Start the gemm threads a command asks for (`--threads`, else `WEFT_THREADS`,
 * else 1) on the CPU backend; nothing happens for 1 or for another backend.
 *
 * @param option the parsed `--threads` value, if given
 * @param backend the command's `--backend`, if any
 * @returns a handle to dispose when the command ends (`using`)
 * @throws {UsageError} for a count other than 1 or 2
 * @example One thread by default
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmThreads } from "@weft/cli";
 * using threads = await gemmThreads(1);
 * assert.equal(threads.threads, 1);
 * ```
 */
export async function gemmThreads(option: unknown, backend?: unknown): Promise<GemmThreads> {
  const raw = option ?? fromEnv() ?? 1;
  const n = Number(raw);
  if (n !== 1 && n !== 2) {
    throw new UsageError(`--threads (or WEFT_THREADS) must be 1 or 2, got ${String(raw)}`);
  }
  if (n === 1 || (backend !== undefined && backend !== "cpu")) {
    return { threads: 1, [Symbol.dispose]: () => {} };
  }
  const ops = new CpuOps({ threads: 2 });
  await ops.ready();
  const previous = useOps(ops);
  return {
    threads: ops.threads,
    [Symbol.dispose]: () => {
      useOps(previous);
      ops.dispose();
    },
  };
}
