"""Generate losses.json: gradients and losses of Thinc 8.3's registered losses.

Run from the repository root with the project venv:
    v/bin/python packages/layers/losses/testdata/make_fixtures.py
"""
import json
import math
import pathlib

import numpy
import thinc
from thinc.api import registry


def probs(rows, cols, k):
    """Softmax rows of fixed logits: valid guesses for the categorical losses."""
    logits = numpy.asarray(
        [[math.sin(0.9 * i + 1.7 * j + k) * 2 for j in range(cols)] for i in range(rows)],
        dtype="float32",
    )
    e = numpy.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype("float32")


def reals(rows, cols, k):
    return numpy.asarray(
        [[math.cos(0.7 * i - 1.1 * j + k) for j in range(cols)] for i in range(rows)],
        dtype="float32",
    )


def tolist(x):
    return numpy.asarray(x, dtype="float32").ravel().tolist()


NAMES = ["A", "B", "C", "D"]

CATEGORICAL = [
    # (config args, truth kind, truths)
    ({}, "ints", [0, 3, 1, 2, 2]),
    ({"normalize": False}, "ints", [1, 1, 0, 3, 2]),
    ({"missing_value": -1}, "int_array", [0, -1, 3, -1, 1]),
    ({"label_smoothing": 0.1}, "ints", [2, 0, 1, 3, 3]),
    ({"names": NAMES}, "strings", ["A", "D", "B", "C", "A"]),
    ({"names": NAMES, "missing_value": ""}, "strings", ["B", "", "C", "", "D"]),
    ({"names": NAMES, "neg_prefix": "!"}, "strings", ["!A", "B", "!D", "C", "!C"]),
    ({"names": NAMES, "missing_value": None, "neg_prefix": "!"},
     "strings", ["A", None, "!B", "D", None]),
    ({"names": NAMES, "missing_value": "", "label_smoothing": 0.2},
     "strings", ["C", "", "A", "B", "D"]),
    ({"names": NAMES, "normalize": False, "label_smoothing": 0.05},
     "strings", ["D", "C", "B", "A", "A"]),
    ({}, "floats", None),
    ({"missing_value": 2}, "floats", None),
]


def truth_value(kind, truths, rows, cols):
    if kind == "ints" or kind == "strings":
        return list(truths)
    if kind == "int_array":
        return numpy.asarray(truths, dtype="i")
    # One-hot-ish target distributions.
    t = probs(rows, cols, 5.0)
    return t


def categorical_cases():
    out = []
    for args, kind, truths in CATEGORICAL:
        loss = registry.losses.get("CategoricalCrossentropy.v3")(**args)
        guesses = probs(5, 4, 0.3)
        value = truth_value(kind, truths, 5, 4)
        grad, total = loss(guesses, value)
        out.append({
            "name": "CategoricalCrossentropy.v3",
            "args": args,
            "truth_kind": kind,
            "truths": truths if kind != "floats" else tolist(value),
            "guesses": tolist(guesses),
            "shape": [5, 4],
            "grad": tolist(grad),
            "loss": float(total),
        })
    return out


def sequence_cases():
    out = []
    cases = [
        ({}, [[0, 1, 3], [2, 2]]),
        ({"normalize": False}, [[3, 0], [1, 1, 2, 0]]),
        ({"names": NAMES, "missing_value": None, "neg_prefix": "!", "label_smoothing": 0.0},
         [["A", None, "!C"], ["D", "B"]]),
        ({"names": NAMES, "missing_value": "", "label_smoothing": 0.15},
         [["B", "", "C"], ["A", "D", ""]]),
    ]
    for args, truths in cases:
        loss = registry.losses.get("SequenceCategoricalCrossentropy.v3")(**args)
        guesses = [probs(len(t), 4, 0.1 * i) for i, t in enumerate(truths)]
        grads, total = loss(guesses, [list(t) for t in truths])
        out.append({
            "name": "SequenceCategoricalCrossentropy.v3",
            "args": args,
            "truths": truths,
            "guesses": [tolist(g) for g in guesses],
            "shapes": [list(g.shape) for g in guesses],
            "grads": [tolist(g) for g in grads],
            "loss": float(total),
        })
    return out


def distance_cases():
    out = []
    for name, args in [
        ("L2Distance.v1", {}),
        ("L2Distance.v1", {"normalize": False}),
        ("CosineDistance.v1", {}),
        ("CosineDistance.v1", {"normalize": False}),
        ("CosineDistance.v1", {"ignore_zeros": True}),
    ]:
        loss = registry.losses.get(name)(**args)
        guesses = reals(4, 3, 0.2)
        truths = reals(4, 3, 1.9)
        if args.get("ignore_zeros"):
            truths[2] = 0
        grad, total = loss(guesses, truths)
        out.append({
            "name": name,
            "args": args,
            "guesses": tolist(guesses),
            "truths": tolist(truths),
            "shape": [4, 3],
            "grad": tolist(grad),
            "loss": float(total),
        })
    return out


def main():
    out = {
        "thinc": thinc.__version__,
        "categorical": categorical_cases(),
        "sequence": sequence_cases(),
        "distance": distance_cases(),
    }
    path = pathlib.Path(__file__).with_name("losses.json")
    path.write_text(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
