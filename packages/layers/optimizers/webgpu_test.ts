/**
 * The optimizers on the WebGPU backend agree with Thinc's fixture (within float32
 * kernel tolerance), so that training on a GPU follows the CPU. Ignored where no
 * WebGPU adapter exists.
 */
import assert from "node:assert/strict";
import { getOps, type Ops } from "@weft/ops";
import type { FloatsXd } from "@weft/types";
import { Adam, RAdam, SGD } from "./factories.ts";
import type { Optimizer } from "./optimizer.ts";

interface Case {
  name: string;
  args: Record<string, number | boolean | object>;
  shapes: Record<string, number[]>;
  initial: Record<string, number[]>;
  steps: { grads: Record<string, number[]>; weights: Record<string, number[]> }[];
}

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/optimizers.json", import.meta.url)),
) as { cases: Case[] };

const hasAdapter = await (async () => {
  try {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
})();

function build(c: Case, ops: Ops): Optimizer {
  const a = c.args as Record<string, number | boolean | undefined>;
  const common = {
    ops,
    L2: a.L2 as number | undefined,
    gradClip: a.grad_clip as number | undefined,
    L2IsWeightDecay: a.L2_is_weight_decay as boolean | undefined,
    useAverages: a.use_averages as boolean | undefined,
  };
  const learnRate = a.learn_rate as number;
  if (c.name === "SGD.v1") return SGD({ ...common, learnRate });
  const options = {
    ...common,
    learnRate,
    beta1: a.beta1 as number | undefined,
    beta2: a.beta2 as number | undefined,
    eps: a.eps as number | undefined,
  };
  return c.name === "Adam.v1" ? Adam(options) : RAdam(options);
}

Deno.test({
  name: "Adam/RAdam/SGD on WebGPU follow Thinc's fixture within 1e-5 [webgpu]",
  ignore: !hasAdapter,
  fn: async (t) => {
    const ops = await getOps("webgpu");
    // Scheduled learning rates are covered on the CPU; here the kernels matter.
    for (const c of fixture.cases.filter((x) => typeof x.args.learn_rate === "number")) {
      await t.step(`${c.name} ${JSON.stringify(c.args)}`, async () => {
        const optimizer = build(c, ops);
        const names = Object.keys(c.shapes);
        const params = new Map<string, FloatsXd>(
          names.map((n) => [n, ops.asarray(c.initial[n]!, c.shapes[n]!, "float32")]),
        );
        for (const step of c.steps) {
          names.forEach((n, i) => {
            const grad = ops.asarray(step.grads[n]!, c.shapes[n]!, "float32");
            optimizer.update([i + 1, n], params.get(n)!, grad);
          });
          optimizer.stepSchedules();
        }
        const last = c.steps[c.steps.length - 1]!;
        for (const n of names) {
          const got = await ops.read(params.get(n)!);
          last.weights[n]!.forEach((e, i) => {
            const tol = 1e-5 * Math.max(Math.abs(e), 1e-2);
            assert.ok(Math.abs(got[i]! - e) <= tol, `${n}[${i}]: ${got[i]} vs ${e}`);
          });
        }
      });
    }
  },
});
