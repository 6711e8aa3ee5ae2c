/**
 * Converts the accuracy corpora from ../shared into Weft corpus files:
 * UD English EWT (one sentence per doc, UPOS copied into the tag column, so
 * tags = UPOS) and CLINC150 (one doc per query, one-hot `cats` over all
 * intents). Usage: `deno run -A bench/accuracy/convert.ts [outDir]`
 * (default /tmp/weft-accuracy).
 *
 * @module
 */
import { convertFile, Doc, DocBin, Language, Vocab } from "@weft/pipeline";

const data = "/work/shared/data";
const out = Deno.args[0] ?? "/tmp/weft-accuracy";
await Deno.mkdir(out, { recursive: true });

for (const split of ["train", "dev"]) {
  const records = await convertFile(`${data}/ud-english-ewt/en_ewt-ud-${split}.conllu`, {
    converter: "conllu",
  });
  const vocab = new Vocab({ lang: "en" });
  const docs = records.map((r) =>
    new Doc(vocab, {
      words: r.words,
      spaces: r.spaces,
      ...(r.pos ? { tags: r.pos, pos: r.pos } : {}),
      ...(r.sent_starts ? { sentStarts: r.sent_starts } : {}),
    })
  );
  await new DocBin({ docs }).toDisk(`${out}/ewt-${split}.weftdocs`);
  console.log(`ewt ${split}: ${docs.length} docs, ${docs.reduce((n, d) => n + d.length, 0)} words`);
}

const nlp = Language.blank("en");
const lines = (s: string) =>
  Deno.readTextFileSync(`${data}/clinc150/${s}.jsonl`).split("\n").filter((l) => l.trim());
const labels = [
  ...new Set(lines("train").map((l) => (JSON.parse(l) as { label: string }).label)),
].sort();
for (const split of ["train", "dev"]) {
  const docs = lines(split).map((l) => {
    const { text, label } = JSON.parse(l) as { text: string; label: string };
    const doc = nlp.makeDoc(text);
    doc.cats = Object.fromEntries(labels.map((x) => [x, x === label ? 1 : 0]));
    return doc;
  });
  await new DocBin({ docs }).toDisk(`${out}/clinc-${split}.weftdocs`);
  console.log(`clinc ${split}: ${docs.length} docs, ${labels.length} labels`);
}
