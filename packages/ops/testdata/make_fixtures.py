"""Generate Thinc reference values for @weft/ops tests.

Run from the repository root with the spaCy/Thinc venv:
    v/bin/python packages/ops/testdata/make_fixtures.py
Writes packages/ops/testdata/thinc_reference.json.
"""
import json
from pathlib import Path

import numpy as np
from thinc.api import NumpyOps, SparseLinear, SparseLinear_v2

ops = NumpyOps()
rng = np.random.default_rng(0)
out = {}

ids = [0, 1, 2, 7, 255, 256, 12345, 2**31 - 1, 2**31, 2**32 - 1] + [
    int(x) for x in rng.integers(0, 2**32, size=10)
]
out["hash"] = [
    {"seed": seed, "ids": ids, "hashes": ops.hash(np.asarray(ids, dtype="uint64"), seed).tolist()}
    for seed in [0, 1, 42, 0xDEADBEEF]
]

keys = [int(x) for x in rng.integers(0, 2**32, size=8)]
out["ngrams"] = [
    {
        "n": n,
        "keys": keys,
        "low32": [int(h) & 0xFFFFFFFF for h in ops.ngrams(n, np.asarray(keys, dtype="uint64"))],
    }
    for n in [1, 2, 3]
]

nO, length = 3, 16
W = rng.normal(size=(nO * length,)).astype("float32")
b = rng.normal(size=(nO,)).astype("float32")
sl_keys = np.asarray([int(x) for x in rng.integers(0, 2**32, size=7)], dtype="uint64")
sl_values = rng.normal(size=(7,)).astype("float32")
sl_lengths = np.asarray([3, 0, 4], dtype="int32")
dY = rng.normal(size=(3, nO)).astype("float32")
out["sparseLinear"] = {
    "nO": nO,
    "length": length,
    "W": W.tolist(),
    "b": b.tolist(),
    "keys": sl_keys.tolist(),
    "values": sl_values.tolist(),
    "lengths": sl_lengths.tolist(),
    "dY": dY.tolist(),
}
# SparseLinear.v1 indexes with v1_indexing (hash & (length - 1), W[idx + o]);
# SparseLinear.v2 with hash % length, W[o * length + idx].
for name, layer in [("v1", SparseLinear), ("v2", SparseLinear_v2)]:
    model = layer(nO=nO, length=length)
    model.initialize()
    model.set_param("W", W.copy())
    model.set_param("b", b.copy())
    Y, backprop = model.begin_update((sl_keys, sl_values, sl_lengths))
    backprop(dY)
    out["sparseLinear"][name] = {"Y": Y.tolist(), "dW": model.get_grad("W").tolist()}

out["positionEncode"] = [
    {"N": N, "D": D, "Y": ops.position_encode(N, D).tolist()} for N, D in [(5, 8), (4, 7)]
]

X = rng.normal(size=(5, 3)).astype("float32") * 3
dYa = rng.normal(size=(5, 3)).astype("float32")
out["activations"] = {
    "X": X.tolist(),
    "dY": dYa.tolist(),
    "mish": ops.mish(X).tolist(),
    "backpropMish": ops.backprop_mish(dYa, X).tolist(),
    "gelu": ops.gelu(X).tolist(),
    "backpropGelu": ops.backprop_gelu(dYa, X).tolist(),
    "swish": ops.swish(X).tolist(),
    "backpropSwish": ops.backprop_swish(dYa, X, ops.swish(X)).tolist(),
    "softmaxT2": ops.softmax(X, temperature=2.0).tolist(),
    "backpropSoftmaxT2": ops.backprop_softmax(
        ops.softmax(X, temperature=2.0), dYa, temperature=2.0
    ).tolist(),
}

Xs = rng.normal(size=(5, 2)).astype("float32")
lengths = np.asarray([2, 3], dtype="int32")
cols = ops.seq2col(Xs, 2, lengths=lengths)
dcols = rng.normal(size=cols.shape).astype("float32")
out["seq2col"] = {
    "X": Xs.tolist(),
    "nW": 2,
    "lengths": lengths.tolist(),
    "Y": cols.tolist(),
    "dY": dcols.tolist(),
    "dX": ops.backprop_seq2col(dcols, 2, lengths=lengths).tolist(),
}

# LSTM forward (NumpyOps.lstm_forward_training): 2 layers, bidirectional, nO=3,
# nI=4, sequences of lengths 3, 2, 2 packed time-major (size_at_t = [3, 3, 1]).
depth, dirs, nH, nIn = 2, 2, 3, 4
size_at_t = np.asarray([3, 3, 1], dtype="int32")
n_rows = int(size_at_t.sum())
n_params = 4 * dirs * nH * (nH + nIn) + dirs * 8 * nH
n_params += (depth - 1) * (4 * dirs * (nH + nH * dirs) * nH + dirs * 8 * nH)
lstm_params = (rng.normal(size=(n_params,)) * 0.5).astype("float32")
H0 = (rng.normal(size=(depth, dirs, nH)) * 0.5).astype("float32")
C0 = (rng.normal(size=(depth, dirs, nH)) * 0.5).astype("float32")
lstm_X = rng.normal(size=(n_rows, nIn)).astype("float32")
lstm_Y, _ = ops.lstm_forward_training(lstm_params, H0, C0, lstm_X, size_at_t)
out["lstm"] = {
    "depth": depth,
    "dirs": dirs,
    "nO": nH,
    "nI": nIn,
    "sizeAtT": size_at_t.tolist(),
    "params": lstm_params.tolist(),
    "H0": H0.ravel().tolist(),
    "C0": C0.ravel().tolist(),
    "X": lstm_X.ravel().tolist(),
    "Y": lstm_Y.ravel().tolist(),
}

path = Path(__file__).parent / "thinc_reference.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path}")
