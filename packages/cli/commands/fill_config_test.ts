import assert from "node:assert/strict";
import { Config } from "@weft/config";
import { fillConfigText } from "./init_fill_config.ts";
import "@weft/pipeline";

const dir = new URL("../testdata/fill_config/", import.meta.url);
const names = [...Deno.readDirSync(dir)].map((e) => e.name)
  .filter((n) => n.endsWith(".base.cfg")).map((n) => n.slice(0, -".base.cfg".length)).sort();

// Weft's corpus readers take two more settings than spaCy's.
const WEFT_ONLY = new Set([
  "corpora.train.shuffle",
  "corpora.train.seed",
  "corpora.dev.shuffle",
  "corpora.dev.seed",
]);

/** Section headers in file order, each with its keys in file order (Weft-only keys left out). */
function layout(text: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const line of text.split("\n")) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) out.push([header[1]!, []]);
    else if (line.includes(" = ") && out.length > 0) {
      const [section, keys] = out.at(-1)!;
      const key = line.slice(0, line.indexOf(" = "));
      if (!WEFT_ONLY.has(`${section}.${key}`)) keys.push(key);
    }
  }
  return out;
}

function withoutWeftOnly(data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data) as Record<string, Record<string, Record<string, unknown>>>;
  for (const key of WEFT_ONLY) {
    const [a, b, c] = key.split(".") as [string, string, string];
    delete copy[a]?.[b]?.[c];
  }
  return copy;
}

Deno.test("init fill-config writes spaCy's sections, keys and values in spaCy's order (fixtures)", async (t) => {
  assert.ok(names.length >= 3);
  for (const name of names) {
    await t.step(name, async () => {
      const base = await Deno.readTextFile(new URL(`${name}.base.cfg`, dir));
      const spacy = await Deno.readTextFile(new URL(`${name}.spacy.cfg`, dir));
      const weft = fillConfigText(base);
      assert.deepEqual(layout(weft), layout(spacy));
      const parse = (s: string) =>
        Config.fromStr(s, { interpolate: false }).toJSON() as Record<string, unknown>;
      assert.deepEqual(withoutWeftOnly(parse(weft)), parse(spacy));
    });
  }
});
