import assert from "node:assert/strict";
import { parseArgs, UsageError } from "./mod.ts";

const spec = {
  positional: ["model", "data", "output?"],
  options: {
    output: { type: "string", alias: "o" },
    "per-component": { type: "boolean" },
    "n-sents": { type: "int", alias: "n" },
    converter: { type: "string", choices: ["auto", "iob"] },
  },
  overrides: true,
} as const;

Deno.test("parseArgs() reads positionals, aliases, = values, flags and int options", () => {
  const a = parseArgs(["m", "-o", "x.json", "d", "--per_component", "--n-sents=3"], spec);
  assert.deepEqual(a.positional, { model: "m", data: "d" });
  assert.deepEqual(a.options, { output: "x.json", "per-component": true, "n-sents": 3 });
  assert.deepEqual(a.overrides, {});
});

Deno.test("parseArgs() hands dotted options to parseCliOverrides as JSON values", () => {
  const a = parseArgs(
    ["m", "d", "--training.max_steps", "5", "--paths.train=./t", "--nlp.flag", "--x.list", "[1,2]"],
    spec,
  );
  assert.deepEqual(a.overrides, {
    "training.max_steps": 5,
    "paths.train": "./t",
    "nlp.flag": true,
    "x.list": [1, 2],
  });
});

Deno.test("parseArgs() reports usage errors with what is wrong", () => {
  const bad: [string[], RegExp][] = [
    [["m"], /^Missing argument DATA$/],
    [["m", "d", "o", "extra"], /^Unexpected argument "extra"$/],
    [["m", "d", "--colour", "red"], /^Unknown option --colour$/],
    [["m", "d", "-o"], /^Option --output needs a value$/],
    [["m", "d", "-n", "two"], /^Invalid value "two" for --n-sents: expected an integer$/],
    [["m", "d", "--converter", "xml"], /expected one of auto, iob/],
  ];
  for (const [argv, message] of bad) {
    assert.throws(() => parseArgs(argv, spec), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.match(e.message, message);
      return true;
    });
  }
  assert.throws(
    () => parseArgs(["m", "d", "--a.b", "1"], { positional: ["model", "data"] }),
    /this command takes no config overrides/,
  );
});
