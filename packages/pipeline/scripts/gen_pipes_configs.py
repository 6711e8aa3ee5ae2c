"""Generate spaCy's `init config` outputs used by packages/pipeline/pipes tests.

Run: v/bin/python packages/pipeline/scripts/gen_pipes_configs.py
"""
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipes" / "testdata"
OUT.mkdir(exist_ok=True)
for name, pipes in [
    ("tagger_textcat", "tagger,textcat"),
    ("morph_senter_multilabel", "morphologizer,senter,textcat_multilabel"),
]:
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "config", "--lang", "en", "--pipeline", pipes,
         "--optimize", "efficiency", "--force", str(OUT / f"{name}.cfg")],
        check=True,
    )
