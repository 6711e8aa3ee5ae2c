import assert from "node:assert/strict";
import { Corpus, Language } from "@weft/pipeline";
import { captureContext, runCli } from "../mod.ts";

const CONLLU = [
  "# sent_id = 1",
  "# text = Dogs bark.",
  "1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_",
  "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No",
  "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
  "",
  "# sent_id = 2",
  "# text = Cats sleep",
  "1\tCats\tcat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_",
  "2\tsleep\tsleep\tVERB\tVBP\t_\t0\troot\t_\t_",
  "",
  "",
].join("\n");

async function convert(name: string, text: string, extra: string[] = []) {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/${name}`, text);
  const ctx = captureContext({ cwd: dir });
  const code = await runCli(["convert", name, "corpus", ...extra], ctx);
  const files = [...Deno.readDirSync(`${dir}/corpus`)].map((e) => e.name);
  const nlp = Language.blank("en");
  const examples = files.length ? [...new Corpus(`${dir}/corpus/${files[0]}`).call(nlp)] : [];
  await Deno.remove(dir, { recursive: true });
  return { code, files, examples, out: ctx.text() };
}

Deno.test("convert writes one corpus file that spacy.Corpus.v1 reads (CoNLL-U)", async () => {
  const r = await convert("ud.conllu", CONLLU);
  assert.equal(r.code, 0);
  assert.deepEqual(r.files, ["ud.weftdocs"]);
  assert.deepEqual(r.examples.map((e) => e.reference.words), [["Dogs", "bark", "."], [
    "Cats",
    "sleep",
  ]]);
  assert.deepEqual(r.examples[0]!.getAligned("TAG"), ["NNS", "VBP", "."]);
  assert.match(r.out, /2 documents, 5 words/);
});

Deno.test("convert --n-sents groups sentences into documents", async () => {
  const r = await convert("ud.conllu", CONLLU, ["--n-sents", "2"]);
  assert.equal(r.examples.length, 1);
  assert.deepEqual(r.examples[0]!.reference.words, ["Dogs", "bark", ".", "Cats", "sleep"]);
});

Deno.test("convert auto-detects token-per-line NER in .iob2 and keeps entities", async () => {
  const r = await convert("ner.iob2", "Anna\tB-PER\nlives\tO\nin\tO\nOslo\tB-LOC\n\n");
  assert.deepEqual(r.files, ["ner.weftdocs"]);
  assert.deepEqual(r.examples[0]!.reference.ents.map((s) => [s.text, s.label]), [
    ["Anna", "PER"],
    ["Oslo", "LOC"],
  ]);
});

Deno.test("convert gives JSONL single-label records every label", async () => {
  const r = await convert(
    "intents.jsonl",
    '{"text": "hi there", "label": "greet"}\n{"text": "bye now", "label": "bye"}\n',
  );
  assert.deepEqual(r.examples.map((e) => e.reference.cats), [
    { bye: 0, greet: 1 },
    { bye: 1, greet: 0 },
  ]);
  assert.match(r.out, /2 labels/);
});

Deno.test("convert names a missing input without a stack trace", async () => {
  const ctx = captureContext({ cwd: "/tmp" });
  assert.equal(await runCli(["convert", "nope.conllu", "out"], ctx), 1);
  assert.equal(ctx.err.join(""), "✘ Input file not found: nope.conllu\n");
});
