/**
 * Weft's counterpart of `spacy_ensemble_diag.py`: trains a TextCatEnsemble
 * config with `sgd: false` so that, before each `finishUpdate`, the gradients
 * are still there, and prints every N steps the gradient norm of the BOW
 * table, the BOW table's weight norm, how far apart the output Softmax's
 * columns for the BOW inputs are (0 when they are all equal: then the BOW's
 * softmax receives a gradient that is constant over classes, which it maps to
 * zero), and dev cats_score every EVAL steps. Usage:
 * `deno run -A bench/accuracy/weft_ensemble_diag.ts CONFIG TRAIN DEV STEPS EVERY EVAL [--key value ...]`
 *
 * @module
 */
import { Config, parseCliOverrides } from "@weft/config";
import type { Model, OptimizerProtocol } from "@weft/layers";
import { createTrainBatches, initNlp } from "@weft/pipeline";

const [cfg, train, dev, steps = "600", every = "50", evalEvery = "200", ...rest] = Deno.args;
const { nlp, training, trainCorpus, devCorpus } = await initNlp(
  Config.fromDisk(cfg!, { interpolate: false }),
  { "paths.train": train, "paths.dev": dev, ...parseCliOverrides(rest) },
);
const textcat = nlp.getPipe("textcat") as unknown as {
  model: Model;
  labels: readonly string[];
  finishUpdate(sgd: OptimizerProtocol): void;
};
const nO = textcat.labels.length;
const read = (m: Model, a: unknown) => m.ops.readSync!(a as never) as Float32Array;
const l2 = (a: Float32Array | null) => {
  if (a === null) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
};
const sparse = textcat.model.getRef("output_layer");
const out = textcat.model.layers.at(-1)!;
/** Largest spread, over output rows, of the weights on the BOW inputs. */
const bowColumnSpread = () => {
  const W = read(out, out.getParam("W"));
  const nI = out.getDim("nI");
  let worst = 0;
  for (let r = 0; r < nO; r++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let c = 0; c < nO; c++) {
      const v = W[r * nI + c]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    worst = Math.max(worst, hi - lo);
  }
  return worst;
};
const opt = training.optimizer as OptimizerProtocol;
const examples = [...trainCorpus(nlp)];
let step = 0;
for (const [, batch] of createTrainBatches(() => examples, training.batcher, 0, 0)) {
  const losses: Record<string, number> = {};
  nlp.update(batch, { drop: training.dropout as number, sgd: false, losses } as never);
  if (step % Number(every) === 0) {
    const g = sparse.maybeGetGrad("W");
    const row: Record<string, number> = {
      step,
      loss: losses.textcat ?? 0,
      bow_grad: l2(g === null ? null : read(sparse, g)),
      bow_W: l2(read(sparse, sparse.getParam("W"))),
      out_bow_column_spread: bowColumnSpread(),
    };
    if (step % Number(evalEvery) === 0) {
      row.cats_score = nlp.evaluate([...devCorpus(nlp)]).cats_score as number;
    }
    console.log(JSON.stringify(row));
  }
  textcat.finishUpdate(opt);
  step++;
  if (step > Number(steps)) break;
}
