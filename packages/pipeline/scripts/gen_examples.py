"""Generate gold/testdata/examples.json: spaCy's alignment, aligned tags/NER
and BILUO conversions for fixed cases.

Run with the project's venv: v/bin/python packages/pipeline/scripts/gen_examples.py
"""
import json
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example, offsets_to_biluo_tags, biluo_tags_to_spans

nlp = spacy.blank("en")
CASES = [
    {
        "predicted": ["I", "can't", "go", "to", "New York", "."],
        "pred_spaces": [True, True, True, True, False, False],
        "dict": {
            "words": ["I", "ca", "n't", "go", "to", "New", "York", "."],
            "spaces": [True, False, True, True, True, True, False, False],
            "tags": ["PRP", "MD", "RB", "VB", "IN", "NNP", "NNP", "."],
            "entities": ["O", "O", "O", "O", "O", "B-GPE", "L-GPE", "O"],
        },
    },
    {
        "predicted": ["Mr.", "Smith", "lives", "in", "San", "Francisco", "!"],
        "pred_spaces": [True, True, True, True, True, False, False],
        "dict": {
            "words": ["Mr", ".", "Smith", "lives", "in", "San", "Francisco!"],
            "spaces": [False, True, True, True, True, True, False],
            "tags": ["NNP", ".", "NNP", "VBZ", "IN", "NNP", "NNP"],
            "entities": [[0, 9, "PERSON"], [19, 32, "GPE"]],
        },
    },
    {
        "predicted": ["a", "b", "c", "d", "e"],
        "pred_spaces": [True, True, True, True, False],
        "dict": {
            "words": ["a", "b", "c", "d", "e"],
            "tags": ["A", "B", "C", "D", "E"],
            "entities": ["U-X", "-", "B-Y", "L-Y", "O"],
        },
    },
    {
        "predicted": ["ab", "cd", "ef"],
        "pred_spaces": [False, False, False],
        "dict": {
            "words": ["a", "bcde", "f"],
            "spaces": [False, False, False],
            "tags": ["T1", "T2", "T3"],
            "entities": [[1, 5, "Q"]],
        },
    },
]
OFFSET_CASES = [
    (["I", "like", "London", "and", "New", "York", "."], [True, True, True, True, True, False, False],
     [[7, 13, "LOC"], [18, 26, "LOC"]]),
    (["I", "like", "London", "."], [True, True, False, False], [[8, 13, "LOC"]]),
    (["I", "like", "London", "."], [True, True, False, False], [[0, 6, ""], [7, 13, "LOC"]]),
    (["Hello", "world"], [True, False], []),
]

out = {"examples": [], "offsets": []}
for case in CASES:
    pred = Doc(nlp.vocab, words=case["predicted"], spaces=case["pred_spaces"])
    d = dict(case["dict"])
    if d["entities"] and isinstance(d["entities"][0], list):
        d["entities"] = [tuple(e) for e in d["entities"]]
    eg = Example.from_dict(pred, d)
    out["examples"].append({
        **case,
        "x2y": [list(map(int, eg.alignment.x2y[i])) for i in range(len(pred))],
        "y2x": [list(map(int, eg.alignment.y2x[i])) for i in range(len(eg.y))],
        "aligned_tags": eg.get_aligned("TAG", as_string=True),
        "aligned_ner": eg.get_aligned_ner(),
        "ref_biluo": [t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") for t in eg.y],
        "ref_ents": [[e.start, e.end, e.label_] for e in eg.y.ents],
    })
for words, spaces, ents in OFFSET_CASES:
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    tags = offsets_to_biluo_tags(doc, [tuple(e) for e in ents])
    spans = biluo_tags_to_spans(doc, tags)
    out["offsets"].append({
        "words": words, "spaces": spaces, "entities": ents, "biluo": tags,
        "spans": [[s.start, s.end, s.label_] for s in spans if s.label_],
    })
path = Path(__file__).parent.parent / "gold" / "testdata" / "examples.json"
path.parent.mkdir(exist_ok=True)
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)
