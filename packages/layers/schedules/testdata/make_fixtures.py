"""Generate schedules.json: the first values of Thinc 8.3's registered schedules.

Run from the repository root with the project venv:
    v/bin/python packages/layers/schedules/testdata/make_fixtures.py
"""
import itertools
import json
import pathlib

import thinc
from thinc.api import registry

CASES = [
    ("constant.v1", {"rate": 0.25}, 20),
    ("decaying.v1", {"base_rate": 0.001, "decay": 1e-4}, 50),
    ("decaying.v1", {"base_rate": 0.5, "decay": 0.3, "t": 7}, 50),
    ("compounding.v1", {"start": 1.0, "stop": 10.0, "compound": 1.5}, 30),
    ("compounding.v1", {"start": 100.0, "stop": 1000.0, "compound": 1.001}, 2500),
    ("compounding.v1", {"start": 32.0, "stop": 4.0, "compound": 0.9}, 40),
    ("warmup_linear.v1", {"initial_rate": 0.01, "warmup_steps": 5, "total_steps": 20}, 30),
    ("warmup_linear.v1", {"initial_rate": 1.0, "warmup_steps": 0, "total_steps": 10}, 15),
    ("slanted_triangular.v1", {"max_rate": 0.01, "num_steps": 100}, 120),
    ("slanted_triangular.v1",
     {"max_rate": 1.0, "num_steps": 50, "cut_frac": 0.2, "ratio": 8, "t": 3.0}, 60),
    ("cyclic_triangular.v1", {"min_lr": 0.001, "max_lr": 0.01, "period": 4}, 30),
    ("cyclic_triangular.v1", {"min_lr": 0.0, "max_lr": 1.0, "period": 3}, 25),
]


def values(name, args, n):
    schedule = registry.schedules.get(name)(**args)
    return [float(v) for v in itertools.islice(schedule, n)]


def main():
    cases = []
    for name, args, n in CASES:
        cases.append({"name": name, "args": args, "values": values(name, args, n)})
    # constant_then wraps another schedule: the inner one starts when the constant part ends.
    inner = registry.schedules.get("decaying.v1")(base_rate=0.5, decay=0.1)
    outer = registry.schedules.get("constant_then.v1")(rate=1.0, steps=4, schedule=inner)
    cases.append({
        "name": "constant_then.v1",
        "args": {"rate": 1.0, "steps": 4,
                 "schedule": {"name": "decaying.v1", "args": {"base_rate": 0.5, "decay": 0.1}}},
        "values": [float(v) for v in itertools.islice(outer, 20)],
    })
    out = {"thinc": thinc.__version__, "cases": cases}
    path = pathlib.Path(__file__).with_name("schedules.json")
    path.write_text(json.dumps(out, indent=None) + "\n")


if __name__ == "__main__":
    main()
