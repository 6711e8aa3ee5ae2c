"""Probes the BOW branch of spaCy's TextCatEnsemble.v2 over its first steps.

Wraps the BOW's ``softmax_activation`` backprop to print the largest incoming and
outgoing gradient, and prints the BOW table's gradient and weight norms every 5
steps (updates with ``sgd=False``, then ``finish_update``, as spaCy's loop does).

Usage:
  v/bin/python bench/accuracy/spacy_bow_probe.py CONFIG TRAIN.spacy DEV.spacy [STEPS] [section.key=json ...]
"""

import json
import sys

import numpy
from spacy import util
from spacy.schemas import ConfigSchemaTraining
from spacy.training.initialize import init_nlp
from spacy.training.loop import create_train_batches
from spacy.util import registry, resolve_dot_names
from thinc.api import fix_random_seed


def main():
    cfg, train, dev, *rest = sys.argv[1:]
    steps = int(rest.pop(0)) if rest and "=" not in rest[0] else 30
    overrides = {"paths.train": train, "paths.dev": dev}
    for kv in rest:
        k, v = kv.split("=", 1)
        overrides[k] = json.loads(v)
    config = util.load_config(cfg, overrides=overrides, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    config = nlp.config.interpolate()
    fix_random_seed(config["training"]["seed"])
    T = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    train_corpus, _ = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    textcat = nlp.get_pipe("textcat")
    linear = textcat.model.layers[0].layers[0]
    act = [n for n in linear.walk() if n.name == "softmax_activation"][0]
    sparse = textcat.model.get_ref("output_layer")
    forward = act._func

    def probed(model, X, is_train):
        Y, backprop = forward(model, X, is_train)

        def probed_backprop(dY):
            dX = backprop(dY)
            print(json.dumps({
                "softmax_activation_dY_max": float(numpy.abs(dY).max()),
                "softmax_activation_dX_max": float(numpy.abs(dX).max()),
                "bow_probs_min": float(Y.min()),
                "bow_probs_max": float(Y.max()),
            }))
            return dX

        return Y, probed_backprop

    act._func = probed
    batches = create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"])
    for step, (_, batch) in enumerate(batches):
        if step >= steps:
            break
        nlp.update(batch, drop=T["dropout"], sgd=False, losses={})
        if step % 5 == 0:
            print(json.dumps({
                "step": step,
                "bow_table_grad": float(numpy.linalg.norm(sparse.get_grad("W"))),
                "bow_table": float(numpy.linalg.norm(sparse.get_param("W"))),
            }))
        textcat.finish_update(optimizer)


if __name__ == "__main__":
    main()
