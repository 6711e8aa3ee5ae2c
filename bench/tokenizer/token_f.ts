/**
 * Token-level F of Weft's tokenizer against UD gold tokenization (spaCy's
 * `token_f` style), printed as JSON, optionally with the first mismatches.
 *
 * Run: `deno run -A bench/tokenizer/token_f.ts <file.conllu> <lang> [--errors N]`.
 * The scoring is `packages/pipeline/tokenizer/token_f.ts`; spaCy's side is
 * `packages/pipeline/tokenizer/testdata/spacy_token_f.py`.
 *
 * @module
 */
import { createTokenizer, parseConllu } from "@weft/pipeline";
import { tokenF } from "../../packages/pipeline/tokenizer/token_f.ts";

if (import.meta.main) {
  const [path, lang = "en", flag, count] = Deno.args;
  if (!path) throw new TypeError("Usage: token_f.ts <file.conllu> <lang> [--errors N]");
  const records = parseConllu(await Deno.readTextFile(path), { file: path });
  const errors: Array<{ text: string; gold: string[]; pred: string[] }> = [];
  const score = tokenF(createTokenizer(lang), records, errors);
  console.log(JSON.stringify(score));
  if (flag === "--errors") {
    for (const e of errors.slice(0, Number(count ?? 20))) {
      const g = new Set(e.gold), p = new Set(e.pred);
      console.log(
        e.text,
        "\n  gold-only:",
        e.gold.filter((t) => !p.has(t)).join(" | "),
        "\n  pred-only:",
        e.pred.filter((t) => !g.has(t)).join(" | "),
      );
    }
  }
}
