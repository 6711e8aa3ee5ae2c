"""Writes fuzz.json: random small config texts and what confection makes of them.

Run with the project's Python venv (spaCy 3.8, confection 1.3):

    /work/main/v/bin/python packages/config/testdata/make_fuzz_golden.py

The texts are built from fragments chosen to hit the parser's corners
(interpolation, escapes, section references, positional sections, comments,
continuation lines, duplicate and missing sections). The generator is seeded,
so the file is reproducible. Each case records the text and, for reading it
with and without interpolation, either the resulting dict or the error class.
"""

import json
import random
from pathlib import Path

from confection import Config

HERE = Path(__file__).resolve().parent
SEED = 5
CASES = 600

SECTIONS = ["a", "b", "c", "a.b", "a.c", "b.x", "a.b.d", "b.*.p", "b.*.q", "*.s", "A"]
KEYS = ["x", "y", "z", "X", "@layers", "*", "n m", "b"]
PLAIN = [
    "1", "-2", "0.5", "1e3", "true", "false", "null", "None", "True", '"s"', "word",
    "two words", "[1, 2]", '{"k": 1}', '"quote', "'single'", "NaN", "-Infinity", "",
    "$$", "$$1", '"$$"', '"a$$b"', "[1.50, 2]",
]
REFS = [
    "${a.x}", "${a.y}", "${b.x}", "${a.b.x}", "${x}", "${y}", "${a}", "${a.b}", "${b}",
    '"${a.x}"', '"p/${a.x}"', "p/${a.x}", '"${a.x}${b.y}"', "[${a.x}, 1]", "[${a}]",
    '{"k": ${a.x}}', '"$${a.x}"', "${a:x}", "${a.x", "$x", "${}",
    '"${a}"', '"n ${a}"', "${c.z}", "${a.b.d.x}", '"${b.y}.${a.x}"', "${missing.x}",
]
FILLER = ["", "# comment", "; other comment", "   ", "  # indented comment"]


def random_text(rng: random.Random) -> str:
    lines = []
    if rng.random() < 0.05:
        lines.append("x = 1")
    names = rng.sample(SECTIONS, rng.randint(1, 6))
    if "a" not in names and rng.random() < 0.7:
        names.append("a")  # most references point into [a]
    if rng.random() < 0.9:
        # Mostly declare the parents too, so that more cases get past that check.
        for name in list(names):
            parts = name.split(".")
            for i in range(1, len(parts)):
                parent = ".".join(parts[:i])
                if "*" not in parent and parent not in names:
                    names.insert(rng.randint(0, len(names)), parent)
    if rng.random() < 0.9:
        # Mostly parents first: confection 1.3 crashes with a KeyError on a
        # child section written before its parent.
        names.sort(key=lambda n: len(n.split(".")))
    if rng.random() < 0.05:
        names.append(rng.choice(names))
    for name in names:
        lines.append(f"[{name}]")
        keys = rng.sample(KEYS, rng.randint(0, 4))
        if name == "a" and rng.random() < 0.7:
            keys = ["x", "y"] + [k for k in keys if k not in ("x", "y")]
        if rng.random() < 0.9:
            # Mostly avoid keys that are also subsections (an error).
            children = {n[len(name) + 1 :].split(".")[0] for n in names if n.startswith(name + ".")}
            keys = [k for k in keys if k not in children]
        for key in keys:
            ref_odds = 0.1 if name == "a" else 0.4
            value = rng.choice(REFS if rng.random() < ref_odds else PLAIN)
            sep = rng.choice([" = ", "=", ": ", " =   "])
            lines.append(f"{key}{sep}{value}")
            if rng.random() < 0.1:
                lines.append("    " + rng.choice(["2]", "more", '"x"', "[3"]))
        for _ in range(rng.randint(0, 2)):
            lines.append(rng.choice(FILLER))
    return "\n".join(lines) + "\n"


def outcome(fn):
    try:
        value = fn()
        json.dumps(value)
        return {"ok": value}
    except Exception as e:  # noqa: BLE001 -- a failure is a recorded outcome
        return {"error": type(e).__name__}


def main() -> None:
    rng = random.Random(SEED)
    cases = []
    for _ in range(CASES):
        text = random_text(rng)
        cases.append(
            {
                "text": text,
                "interpolated": outcome(lambda: Config().from_str(text)),
                "raw": outcome(lambda: Config().from_str(text, interpolate=False)),
            }
        )
    out = HERE / "golden" / "fuzz.json"
    out.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf8")
    ok = sum("ok" in c["interpolated"] for c in cases)
    print(f"{len(cases)} cases, {ok} interpolate without error")


if __name__ == "__main__":
    main()
