/**
 * Loads a saved pipeline and scores it on a corpus (checks that what
 * `train()` saved predicts as it did during training). Usage:
 * `deno run -A bench/accuracy/eval_saved.ts MODEL_DIR CORPUS`
 *
 * @module
 */
import { Corpus, load } from "@weft/pipeline";

const [dir, corpus] = Deno.args;
const nlp = await load(dir!);
const scores = nlp.evaluate([...new Corpus(corpus!).call(nlp)]);
const meta = nlp.meta.performance as Record<string, number>;
const shown = Object.fromEntries(Object.keys(meta).map((k) => [k, scores[k] ?? null]));
console.log(JSON.stringify({ saved: meta, now: shown }));
