// Preloaded into every module of the parallel test run (scripts/run_tests.ts). That run
// must not touch WebGPU: Deno aborts at exit with heap corruption ("double free or
// corruption", "corrupted size vs. prev_size") in some runs where two test workers
// of one process have used WebGPU. A module that reaches for an adapter here is
// missing from the serial WebGPU run: this says so on stderr (scripts/run_tests.ts fails
// the run when it sees the line) and throws.
import { PARALLEL_WEBGPU_VIOLATION } from "./test_plan.ts";

const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
if (gpu) {
  Object.defineProperty(gpu, "requestAdapter", {
    configurable: true,
    value: (): Promise<GPUAdapter | null> => {
      const message = `${PARALLEL_WEBGPU_VIOLATION}: ${Deno.mainModule} requested a WebGPU ` +
        "adapter in the parallel test run; give it a WebGPU marker (see scripts/test_plan.ts) " +
        "so that it runs in the serial WebGPU run";
      console.error(message);
      return Promise.reject(new Error(message));
    },
  });
}
