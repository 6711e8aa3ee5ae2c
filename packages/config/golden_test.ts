// Golden tests: every config in testdata/configs is read by Weft and compared
// with what confection 1.3 (the version spaCy 3.8 uses) produced for it, as
// written by testdata/make_golden.py.
import assert from "node:assert/strict";
import { Config } from "./mod.ts";
import { loadJson } from "./json_value.ts";

const CONFIGS = new URL("./testdata/configs/", import.meta.url);
const GOLDEN = new URL("./testdata/golden/", import.meta.url);

interface Golden {
  interpolated?: unknown;
  interpolated_error?: string;
  raw?: unknown;
  raw_error?: string;
  to_str?: string;
  round_trip?: unknown;
  round_trip_error?: string;
  overrides?: Record<string, unknown>;
  with_overrides?: unknown;
  with_overrides_error?: string;
}

function readGolden(name: string): Golden {
  const text = Deno.readTextFileSync(new URL(`${name}.json`, GOLDEN));
  const parsed = loadJson(text);
  assert.ok(parsed.ok, `golden ${name}.json is not JSON`);
  return parsed.value as Golden;
}

/** Same values and the same key order (JSON.stringify keeps insertion order). */
function assertSameData(actual: unknown, expected: unknown, what: string): void {
  assert.deepStrictEqual(actual, expected, what);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${what}: key order`);
}

function assertConfigError(fn: () => unknown, expected: string, file: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `expected an error like confection's ${expected}`);
  assert.ok(
    thrown instanceof SyntaxError || thrown instanceof TypeError || thrown instanceof RangeError,
    `expected SyntaxError/TypeError/RangeError, got ${String(thrown)}`,
  );
  const message = (thrown as Error).message;
  assert.ok(!message.includes("\n    at "), "message has no stack trace");
  if (/line|section|not defined|Interpolation|Decode|Duplicate/.test(expected)) {
    assert.ok(message.includes(file) || /\[.*\]/.test(message), `message names where: ${message}`);
  }
}

function sectionHeaders(text: string): string[] {
  return text.split("\n").filter((line) => /^\[.*\]$/.test(line));
}

const names = [...Deno.readDirSync(CONFIGS)]
  .filter((e) => e.name.endsWith(".cfg"))
  .map((e) => e.name.slice(0, -4))
  .sort();

Deno.test("golden set has at least 20 valid configs and every error case", () => {
  const valid = names.filter((n) => readGolden(n).interpolated !== undefined);
  assert.ok(valid.length >= 20, `only ${valid.length} valid configs`);
  assert.ok(names.filter((n) => n.startsWith("err_")).length >= 12);
});

for (const name of names) {
  Deno.test(`Config.fromDisk() matches confection on ${name}.cfg`, async (t) => {
    const golden = readGolden(name);
    const path = new URL(`${name}.cfg`, CONFIGS);
    const file = `${name}.cfg`;
    await t.step("interpolated", () => {
      if (golden.interpolated_error !== undefined) {
        assertConfigError(() => Config.fromDisk(path, { file }), golden.interpolated_error, file);
      } else {
        assertSameData(Config.fromDisk(path).data, golden.interpolated, "interpolated");
      }
    });
    await t.step("not interpolated", () => {
      if (golden.raw_error !== undefined) {
        assertConfigError(
          () => Config.fromDisk(path, { interpolate: false, file }),
          golden.raw_error,
          file,
        );
      } else {
        const config = Config.fromDisk(path, { interpolate: false });
        assert.equal(config.isInterpolated, false);
        assertSameData(config.data, golden.raw, "raw");
      }
    });
    if (golden.to_str !== undefined) {
      await t.step("toStr() writes sections in confection's order and reads back", () => {
        const config = Config.fromDisk(path);
        const text = config.toStr();
        assert.deepEqual(sectionHeaders(text), sectionHeaders(golden.to_str!));
        if (golden.round_trip_error !== undefined) {
          assertConfigError(() => Config.fromStr(text), golden.round_trip_error, "");
          assertConfigError(() => Config.fromStr(golden.to_str!), golden.round_trip_error, "");
        } else {
          assertSameData(Config.fromStr(text).data, golden.round_trip, "round trip");
          assertSameData(
            Config.fromStr(golden.to_str!).data,
            golden.round_trip,
            "reads confection",
          );
        }
      });
    }
    if (golden.overrides !== undefined) {
      await t.step("with overrides", () => {
        const overrides = golden.overrides!;
        if (golden.with_overrides_error !== undefined) {
          assertConfigError(
            () => Config.fromDisk(path, { overrides, file }),
            golden.with_overrides_error,
            file,
          );
        } else {
          assertSameData(
            Config.fromDisk(path, { overrides }).data,
            golden.with_overrides,
            "with overrides",
          );
        }
      });
    }
  });
}

interface MergeCase {
  defaults: string;
  updates: string;
  remove_extra: boolean;
  merged: unknown;
  is_interpolated: boolean;
}

Deno.test("Config.merge() matches confection's merge of spaCy configs", () => {
  const text = Deno.readTextFileSync(new URL("merges.json", GOLDEN));
  const parsed = loadJson(text);
  assert.ok(parsed.ok);
  const cases = parsed.value as MergeCase[];
  assert.ok(cases.length >= 5);
  for (const c of cases) {
    const read = (name: string) =>
      Config.fromDisk(new URL(`${name}.cfg`, CONFIGS), { interpolate: false });
    const merged = read(c.defaults).merge(read(c.updates), { removeExtra: c.remove_extra });
    assertSameData(merged.data, c.merged, `${c.defaults} <- ${c.updates}`);
    assert.equal(merged.isInterpolated, c.is_interpolated);
  }
});
