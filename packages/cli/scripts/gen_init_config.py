"""Writes testdata/init_config/*.cfg: what `spacy init config` (spaCy 3.8, CPU)
writes for the combinations `weft init config` is tested on.

    /work/main/v/bin/python packages/cli/scripts/gen_init_config.py
"""

import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "testdata" / "init_config"
CASES = [
    ("en", "tagger", "efficiency"),
    ("en", "tagger", "accuracy"),
    ("en", "textcat", "efficiency"),
    ("en", "textcat", "accuracy"),
    ("en", "tagger,textcat", "efficiency"),
    ("en", "tagger,textcat", "accuracy"),
    ("en", "textcat_multilabel", "efficiency"),
    ("en", "morphologizer,senter", "efficiency"),
    ("fr", "tagger", "efficiency"),
    ("en", "ner", "efficiency"),
    ("en", "tagger,parser,ner", "accuracy"),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, pipes, opt in CASES:
        name = f"{lang}_{pipes.replace(',', '+')}_{opt}.cfg"
        subprocess.run(
            [sys.executable, "-m", "spacy", "init", "config", str(OUT / name),
             "--lang", lang, "--pipeline", pipes, "--optimize", opt, "--force"],
            check=True, capture_output=True,
        )
        print(name)


if __name__ == "__main__":
    main()
