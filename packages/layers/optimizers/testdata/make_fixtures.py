"""Generate optimizers.json: weights after each step of Thinc 8.3's Adam, RAdam and SGD.

Run from the repository root with the project venv:
    v/bin/python packages/layers/optimizers/testdata/make_fixtures.py

Each case updates two parameters ([3, 4] and [4]) for several steps with fixed
gradients, calling step_schedules() between steps as spaCy's training loop does,
and records the weights (and averages) after every step.
"""
import json
import math
import pathlib

import numpy
import thinc
from thinc.api import registry

SHAPES = {"W": (3, 4), "b": (4,)}
N_STEPS = 8


def initial(name, shape):
    size = int(numpy.prod(shape))
    k = 1 if name == "W" else 2
    values = [0.5 * math.sin(0.7 * i + k) for i in range(size)]
    return numpy.asarray(values, dtype="float32").reshape(shape)


def gradient(name, shape, step):
    size = int(numpy.prod(shape))
    k = 3 if name == "W" else 5
    values = [math.cos(1.3 * i + 0.9 * step + k) * (1 + 0.25 * step) for i in range(size)]
    return numpy.asarray(values, dtype="float32").reshape(shape)


def make_schedule(spec):
    if isinstance(spec, dict):
        return registry.schedules.get(spec["name"])(**spec["args"])
    return spec


CASES = [
    ("Adam.v1", {"learn_rate": 0.001}),
    ("Adam.v1", {"learn_rate": 0.01, "L2": 0.01, "L2_is_weight_decay": True, "grad_clip": 1.0}),
    ("Adam.v1", {"learn_rate": 0.01, "L2": 0.01, "L2_is_weight_decay": False, "grad_clip": 0.0}),
    ("Adam.v1", {"learn_rate": 0.05, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6,
                 "grad_clip": 0.5, "use_averages": True}),
    ("Adam.v1", {"learn_rate": {"name": "decaying.v1", "args": {"base_rate": 0.02, "decay": 0.5}},
                 "L2": 1e-4, "use_averages": False}),
    ("Adam.v1", {"learn_rate": {"name": "warmup_linear.v1",
                                "args": {"initial_rate": 0.01, "warmup_steps": 3,
                                         "total_steps": 10}},
                 "grad_clip": 2.0}),
    ("RAdam.v1", {"learn_rate": 0.01}),
    ("RAdam.v1", {"learn_rate": 0.01, "beta2": 0.9, "L2": 0.01, "grad_clip": 1.0}),
    ("RAdam.v1", {"learn_rate": 0.02, "beta1": 0.85, "beta2": 0.8, "L2": 0.001,
                  "L2_is_weight_decay": False}),
    ("SGD.v1", {"learn_rate": 0.1}),
    ("SGD.v1", {"learn_rate": 0.1, "L2": 0.01, "grad_clip": 0.5, "L2_is_weight_decay": False}),
    ("SGD.v1", {"learn_rate": {"name": "compounding.v1",
                               "args": {"start": 0.01, "stop": 0.1, "compound": 1.5}},
                "L2": 0.05, "use_averages": True}),
]


def run(name, args):
    kwargs = {k: make_schedule(v) for k, v in args.items()}
    opt = registry.optimizers.get(name)(**kwargs)
    params = {p: initial(p, shape) for p, shape in SHAPES.items()}
    steps = []
    for step in range(N_STEPS):
        record = {"weights": {}, "averages": {}, "grads": {}}
        for i, (p, shape) in enumerate(SHAPES.items()):
            grad = gradient(p, shape, step)
            record["grads"][p] = grad.ravel().tolist()
            key = (i + 1, p)
            weights, _ = opt(key, params[p], grad.copy())
            params[p] = weights
            record["weights"][p] = weights.ravel().tolist()
            if opt.averages is not None:
                record["averages"][p] = opt.averages[key].ravel().tolist()
        steps.append(record)
        opt.step_schedules()
    return {
        "name": name,
        "args": args,
        "shapes": {p: list(s) for p, s in SHAPES.items()},
        "initial": {p: initial(p, s).ravel().tolist() for p, s in SHAPES.items()},
        "steps": steps,
    }


def main():
    out = {"thinc": thinc.__version__, "numpy": numpy.__version__,
           "cases": [run(name, args) for name, args in CASES]}
    path = pathlib.Path(__file__).with_name("optimizers.json")
    path.write_text(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
