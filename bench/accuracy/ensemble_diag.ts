/**
 * Diagnoses spaCy's TextCatEnsemble.v2 on CLINC150: trains the accuracy
 * config (smaller tok2vec, BOW table and train subset to fit a shared CPU)
 * and prints, every N steps, the tok2vec "loss" (sum of squared gradients the
 * listener sends back), the norms of the output layer's weights for the BOW
 * inputs and for the CNN inputs, the residual LayerNorm's gain, and dev
 * macro F. Usage:
 * `deno run -A bench/accuracy/ensemble_diag.ts CONFIG TRAIN DEV [steps] [every] [trainLimit] [--key value ...]`
 *
 * @module
 */
import { Config, parseCliOverrides } from "@weft/config";
import type { Model } from "@weft/layers";
import { createTrainBatches, initNlp, type Language } from "@weft/pipeline";

const [cfg, train, dev, steps = "600", every = "50", limit = "0", ...rest] = Deno.args;
const overrides = {
  "paths.train": train,
  "paths.dev": dev,
  "paths.vectors": null,
  // CLINC150's files are grouped by intent: a limit would drop whole intents.
  "corpora.train.limit": Number(limit),
  ...parseCliOverrides(rest),
};
const { nlp, training, trainCorpus, devCorpus } = await initNlp(
  Config.fromDisk(cfg!, { interpolate: false }),
  overrides,
);
const textcat = nlp.getPipe("textcat") as unknown as { model: Model; labels: readonly string[] };
const nO = textcat.labels.length;
const norm = (m: Model, name: string, from = 0, to?: number, rowLen?: number) => {
  const p = m.maybeGetParam(name);
  if (!p) return NaN;
  const a = m.ops.readSync!(p) as Float32Array;
  let s = 0;
  if (rowLen === undefined) { for (const v of a.subarray(from, to)) s += v * v; }
  else {
    for (let r = 0; r < a.length / rowLen; r++) {
      for (let c = from; c < (to ?? rowLen); c++) s += a[r * rowLen + c]! ** 2;
    }
  }
  return Math.sqrt(s);
};
const out = textcat.model.layers.at(-1)!; // the Softmax over [BOW | CNN]
const normLayer = textcat.model.getRef("norm_layer");
const opt = training.optimizer;
const examples = [...trainCorpus(nlp)];
let step = 0;
let t2v = 0;
let tc = 0;
const evaluate = (nlp: Language) => {
  const scores = nlp.evaluate([...devCorpus(nlp)]);
  return (scores.cats_macro_f as number) * 100;
};
console.log("step  t2v_sq_grad  textcat_loss  |W_bow|  |W_cnn|  |G_ln|  dev_macro_f");
for (const [, batch] of createTrainBatches(() => examples, training.batcher, 0, 0)) {
  const losses: Record<string, number> = {};
  nlp.update(batch, { drop: 0.1, sgd: opt, losses } as never);
  t2v += losses.tok2vec ?? 0;
  tc += losses.textcat ?? 0;
  step++;
  if (step % Number(every) === 0) {
    const nI = out.getDim("nI");
    console.log(
      [
        step,
        t2v.toExponential(3),
        tc.toFixed(3),
        norm(out, "W", 0, nO, nI).toFixed(2),
        norm(out, "W", nO, nI, nI).toFixed(2),
        norm(normLayer, "G").toFixed(2),
        evaluate(nlp).toFixed(2),
      ].join("  "),
    );
    t2v = 0;
    tc = 0;
  }
  if (step >= Number(steps)) break;
}
