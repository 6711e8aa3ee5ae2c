// Rebuilds default_job/train.weftdocs and default_job/dev.weftdocs from UD English EWT
// (CC BY-SA 4.0): the first TRAIN_SENTS sentences of en_ewt-ud-train.conllu and the first
// DEV_SENTS of en_ewt-ud-dev.conllu, converted with `weft convert` (one sentence per doc).
//
//   deno run -A packages/cli/scripts/make_default_job.ts /work/shared/data/ud-english-ewt
import { captureContext, runCli } from "../mod.ts";

const TRAIN_SENTS = 4000;
const DEV_SENTS = 1000;
const source = Deno.args[0] ?? "/work/shared/data/ud-english-ewt";
const out = new URL("../default_job/", import.meta.url).pathname;

function firstSentences(text: string, n: number): string {
  const blocks = text.replace(/\r\n/g, "\n").split(/\n\s*\n/).filter((b) => b.trim() !== "");
  return blocks.slice(0, n).join("\n\n") + "\n\n";
}

const tmp = await Deno.makeTempDir();
try {
  for (const [split, n] of [["train", TRAIN_SENTS], ["dev", DEV_SENTS]] as const) {
    const text = await Deno.readTextFile(`${source}/en_ewt-ud-${split}.conllu`);
    await Deno.writeTextFile(`${tmp}/${split}.conllu`, firstSentences(text, n));
    const ctx = captureContext({ cwd: tmp });
    const code = await runCli(["convert", `${split}.conllu`, out], ctx);
    console.log(ctx.text().trim() || ctx.err.join(""));
    if (code !== 0) Deno.exit(code);
  }
} finally {
  await Deno.remove(tmp, { recursive: true });
}
