/**
 * The losses on the WebGPU backend give Thinc's fixture values through the async
 * API (the sync one needs `readSync`, which device backends lack). Ignored where no
 * WebGPU adapter exists.
 */
import assert from "node:assert/strict";
import { getOps } from "@weft/ops";
import { CategoricalCrossentropy } from "./categorical_crossentropy.ts";
import type { CategoricalTruths } from "./categorical_truths.ts";
import { CosineDistance } from "./cosine_distance.ts";
import { L2Distance } from "./l2_distance.ts";

interface CategoricalCase {
  args: Record<string, unknown>;
  truth_kind: string;
  truths: unknown[];
  guesses: number[];
  shape: [number, number];
  grad: number[];
  loss: number;
}

interface DistanceCase {
  name: string;
  args: Record<string, unknown>;
  guesses: number[];
  truths: number[];
  shape: [number, number];
  grad: number[];
  loss: number;
}

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/losses.json", import.meta.url)),
) as { categorical: CategoricalCase[]; distance: DistanceCase[] };

const hasAdapter = await (async () => {
  try {
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
})();

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-5 * Math.max(Math.abs(expected[i]!), 1e-3);
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]}`);
  }
}

Deno.test({
  name: "losses on WebGPU match Thinc's fixture through the async API [webgpu]",
  ignore: !hasAdapter,
  fn: async (t) => {
    const ops = await getOps("webgpu");
    const categorical = fixture.categorical.filter((c) =>
      // Array truths with a missing value need a synchronous read (CPU only).
      !(c.truth_kind === "floats" && c.args.missing_value !== undefined)
    );
    for (const c of categorical) {
      await t.step(
        `CategoricalCrossentropy.v3 ${c.truth_kind} ${JSON.stringify(c.args)}`,
        async () => {
          const a = c.args;
          const loss = new CategoricalCrossentropy({
            ops,
            normalize: a.normalize as boolean | undefined,
            names: a.names as string[] | undefined,
            missingValue: a.missing_value as string | number | null | undefined,
            negPrefix: a.neg_prefix as string | undefined,
            labelSmoothing: a.label_smoothing as number | undefined,
          });
          const truths: CategoricalTruths = c.truth_kind === "int_array"
            ? Int32Array.from(c.truths as number[])
            : c.truth_kind === "floats"
            ? ops.asarray2f(c.truths as number[], ...c.shape)
            : (c.truths as CategoricalTruths);
          const [d, value] = await loss.call(ops.asarray2f(c.guesses, ...c.shape), truths);
          assertClose(await ops.read(d), c.grad, "grad");
          assertClose([value], [c.loss], "loss");
          assert.throws(
            () => loss.callSync(ops.asarray2f(c.guesses, ...c.shape), truths),
            TypeError,
          );
        },
      );
    }
    for (const c of fixture.distance) {
      await t.step(`${c.name} ${JSON.stringify(c.args)}`, async () => {
        const loss = c.name === "L2Distance.v1"
          ? new L2Distance({ ops, normalize: c.args.normalize as boolean | undefined })
          : new CosineDistance({
            ops,
            normalize: c.args.normalize as boolean | undefined,
            ignoreZeros: c.args.ignore_zeros as boolean | undefined,
          });
        const [d, value] = await loss.call(
          ops.asarray2f(c.guesses, ...c.shape),
          ops.asarray2f(c.truths, ...c.shape),
        );
        assertClose(await ops.read(d), c.grad, "grad");
        assertClose([value], [c.loss], "loss");
      });
    }
  },
});
