"""Generate doc/testdata/doc_arrays.json: spaCy's Doc.to_array for lexical
attributes on UD English EWT dev sentences, as low 32-bit words.

Run with the project's venv: v/bin/python packages/pipeline/scripts/gen_doc_arrays.py
"""
import json
from pathlib import Path

import spacy
from spacy.attrs import LENGTH, LIKE_NUM, IS_STOP, IS_PUNCT, LOWER, NORM, ORTH, PREFIX, SHAPE, SUFFIX
from spacy.tokens import Doc

CONLLU = Path("/work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu")
nlp = spacy.blank("en")
sents, words = [], []
for line in CONLLU.read_text().splitlines():
    if not line.strip():
        if words:
            sents.append(words)
            words = []
        if len(sents) >= 12:
            break
        continue
    cols = line.split("\t")
    if line.startswith("#") or "-" in cols[0] or "." in cols[0]:
        continue
    words.append(cols[1])
attrs = [ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LENGTH, LIKE_NUM, IS_STOP, IS_PUNCT]
names = ["ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "LIKE_NUM", "IS_STOP", "IS_PUNCT"]
out = []
for ws in sents:
    doc = Doc(nlp.vocab, words=ws)
    arr = doc.to_array(attrs)
    out.append({"words": ws, "attrs": names, "array": [[int(v) & 0xFFFFFFFF for v in row] for row in arr]})
path = Path(__file__).parent.parent / "doc" / "testdata" / "doc_arrays.json"
path.parent.mkdir(exist_ok=True)
path.write_text(json.dumps(out) + "\n")
print("wrote", path, path.stat().st_size)
