// Differential test: 600 random config texts (testdata/make_fuzz_golden.py)
// read by confection 1.3 and by Weft must give the same dict, or both fail.
import assert from "node:assert/strict";
import { Config } from "./mod.ts";
import { loadJson } from "./json_value.ts";

interface Outcome {
  ok?: unknown;
  error?: string;
}
interface Case {
  text: string;
  interpolated: Outcome;
  raw: Outcome;
}

const parsed = loadJson(
  Deno.readTextFileSync(new URL("./testdata/golden/fuzz.json", import.meta.url)),
);
assert.ok(parsed.ok);
const cases = parsed.value as Case[];

function check(text: string, expected: Outcome, interpolate: boolean): void {
  const read = () => Config.fromStr(text, { interpolate }).data;
  if (expected.error === "KeyError") {
    // confection 1.3 crashes (KeyError) on a child section written before its
    // parent; Weft reads such a config as older confection versions did.
    return;
  }
  if (expected.error !== undefined) {
    assert.throws(
      read,
      (e: unknown) => e instanceof SyntaxError || e instanceof TypeError || e instanceof RangeError,
      `confection fails with ${expected.error}`,
    );
    return;
  }
  const data = read();
  assert.deepStrictEqual(data, expected.ok);
  assert.equal(JSON.stringify(data), JSON.stringify(expected.ok), "key order");
}

Deno.test("Weft reads random config texts as confection does", async (t) => {
  assert.ok(cases.length >= 500);
  for (const [mode, interpolate] of [["interpolated", true], ["raw", false]] as const) {
    await t.step(mode, () => {
      const failures: string[] = [];
      for (const [i, c] of cases.entries()) {
        try {
          check(c.text, c[mode], interpolate);
        } catch (e) {
          failures.push(`case ${i}: ${(e as Error).message.split("\n")[0]}\n${c.text}`);
        }
      }
      assert.deepEqual(failures.slice(0, 3), []);
    });
  }
});
