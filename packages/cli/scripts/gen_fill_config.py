"""Writes testdata/fill_config/NAME.spacy.cfg: what `spacy init fill-config`
(spaCy 3.8) writes for each testdata/fill_config/NAME.base.cfg, so a test can
check that `weft init fill-config` orders sections and keys as spaCy does.

    /work/main/v/bin/python packages/cli/scripts/gen_fill_config.py
"""

import subprocess
import sys
from pathlib import Path

DIR = Path(__file__).resolve().parent.parent / "testdata" / "fill_config"


def main() -> None:
    for base in sorted(DIR.glob("*.base.cfg")):
        out = base.with_name(base.name.replace(".base.cfg", ".spacy.cfg"))
        cmd = [sys.executable, "-m", "spacy", "init", "fill-config", str(base), str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        print(f"wrote {out.name}")


if __name__ == "__main__":
    main()
