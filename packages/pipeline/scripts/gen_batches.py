"""Generate corpus/testdata/batches.json: spaCy's batchers on fixed item lengths.

Run with the project's venv: v/bin/python packages/pipeline/scripts/gen_batches.py
"""
import json
import random
from pathlib import Path

from spacy.training.batchers import minibatch_by_padded_size, minibatch_by_words
from spacy.util import minibatch

rng = random.Random(0)
cases = []
for k in range(12):
    lengths = [rng.choice([1, 2, 3, 5, 8, 13, 21, 40]) for _ in range(rng.randint(1, 60))]
    items = [[i] * n for i, n in enumerate(lengths)]
    size = rng.choice([10, 25, 50])
    sizes = [size, size + 7, size * 2]

    def get_length(item):
        return len(item)

    def ids(batches):
        return [[item[0] for item in b] for b in batches]

    def seq():
        return iter(sizes + [sizes[-1]] * 1000)

    case = {"lengths": lengths, "size": size, "sizes": sizes}
    for tol, discard in [(0.2, False), (0.0, True), (0.5, False)]:
        case[f"words_{tol}_{discard}"] = ids(
            minibatch_by_words(items, size=size, tolerance=tol, discard_oversize=discard, get_length=get_length)
        )
    case["words_seq"] = ids(minibatch_by_words(items, size=seq(), tolerance=0.2, get_length=get_length))
    case["padded"] = ids(minibatch_by_padded_size(items, size=size, buffer=16, get_length=get_length))
    case["padded_discard"] = ids(
        minibatch_by_padded_size(items, size=size, buffer=16, discard_oversize=True, get_length=get_length)
    )
    case["sequence"] = ids(minibatch(items, size=seq()))
    cases.append(case)
path = Path(__file__).parent.parent / "corpus" / "testdata" / "batches.json"
path.write_text(json.dumps(cases) + "\n")
print("wrote", path)
