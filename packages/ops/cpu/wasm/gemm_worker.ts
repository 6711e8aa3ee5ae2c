/**
 * The worker half of the two-thread gemm (`threaded_gemm.ts`): it instantiates
 * the gemm kernel on the shared memory it is sent once, then sleeps on the job
 * counter in that memory, claims chunks of C's rows (`runChunks`) for each job it
 * joins and raises the done counter. No message passes per product.
 *
 * @module
 */
import { CTRL, readJob, runChunks } from "./gemm_rows.ts";
import type { GemmExports } from "./wasm_gemm.ts";

interface Start {
  bytes: Uint8Array<ArrayBuffer>;
  memory: WebAssembly.Memory;
}

/** Serve jobs until asked to quit; each wait also ends on its own after a while. */
function serve(ex: GemmExports, ctrl: Int32Array): void {
  // Jobs count from 1; the first may be posted as soon as `ready` is raised.
  let seen = 0;
  for (;;) {
    if (Atomics.load(ctrl, CTRL.quit)) return;
    const seq = Atomics.load(ctrl, CTRL.seq);
    if (seq === seen) {
      Atomics.wait(ctrl, CTRL.seq, seen, 1000);
      continue;
    }
    seen = seq;
    // Join the job unless the main thread has already done all of it and closed it.
    if (Atomics.compareExchange(ctrl, CTRL.state, seq, -seq) !== seq) continue;
    try {
      runChunks(ex, ctrl, readJob(ctrl));
    } catch {
      Atomics.store(ctrl, CTRL.error, 1);
    }
    Atomics.store(ctrl, CTRL.done, seq);
    Atomics.notify(ctrl, CTRL.done);
  }
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Start>) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

scope.onmessage = (event: MessageEvent<Start>) => {
  scope.onmessage = null;
  const { bytes, memory } = event.data;
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const ctrl = new Int32Array(memory.buffer, 0, CTRL.params + 32);
  Atomics.store(ctrl, CTRL.ready, 1);
  scope.postMessage("ready");
  serve(instance.exports as unknown as GemmExports, ctrl);
  scope.close();
};
