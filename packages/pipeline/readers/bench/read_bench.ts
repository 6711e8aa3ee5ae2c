/**
 * Reader benchmarks on the shared corpora (skipped when they are absent).
 *
 * Run: `deno bench -A packages/pipeline/readers/bench/read_bench.ts`.
 *
 * @module
 */

import { existsSync } from "node:fs";
import { parseConllu } from "../conllu.ts";
import { parseIob } from "../iob.ts";
import { parseJsonl } from "../jsonl.ts";

const data = new URL("../../../../../shared/data/", import.meta.url).pathname;

function text(file: string): string {
  return existsSync(data + file) ? Deno.readTextFileSync(data + file) : "";
}

const ewtTrain = text("ud-english-ewt/en_ewt-ud-train.conllu");
const wnutTrain = text("wnut17/wnut17train.conll");
const clincTrain = text("clinc150/train.jsonl");

Deno.bench({
  name: "parseConllu() EWT train (14 MB, 12,544 sentences)",
  ignore: !ewtTrain,
  fn: () => void parseConllu(ewtTrain),
});
Deno.bench({
  name: "parseIob() WNUT17 train (3,394 sentences)",
  ignore: !wnutTrain,
  fn: () => void parseIob(wnutTrain),
});
Deno.bench({
  name: "parseJsonl() CLINC150 train (15,100 texts, tokenized)",
  ignore: !clincTrain,
  fn: () => void parseJsonl(clincTrain),
});
