"""Instruments spaCy's own TextCatEnsemble.v2 training on CLINC150.

Trains a config with spaCy's training pieces (init_nlp, create_train_batches,
the same dropout and optimizer) but updates with ``sgd=False`` so that, before
each ``finish_update``, the gradients of every parameter are still there to be
measured. Every EVERY steps it prints one JSON line: per-layer gradient and
weight norms, the ParametricAttention logits (largest |X.Q| and the share of
tokens whose logit is outside [-20, 20], where Thinc's softmax_sequences clips),
the output Softmax's weight norms on the BOW inputs and on the CNN inputs, and
dev cats_score every EVAL steps.

Usage:
  v/bin/python bench/accuracy/spacy_ensemble_diag.py CONFIG TRAIN.spacy DEV.spacy \
      STEPS EVERY EVAL [section.key=value ...]
"""

import json
import sys
import time


def main():
    import numpy
    import spacy  # noqa: F401
    from spacy import util
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import create_train_batches
    from spacy.util import registry, resolve_dot_names
    from thinc.api import fix_random_seed

    cfg, train, dev, steps, every, eval_every, *rest = sys.argv[1:]
    steps, every, eval_every = int(steps), int(every), int(eval_every)
    overrides = {"paths.train": train, "paths.dev": dev}
    for kv in rest:
        k, v = kv.split("=", 1)
        overrides[k] = json.loads(v)
    config = util.load_config(cfg, overrides=overrides, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    config = nlp.config.interpolate()
    fix_random_seed(config["training"]["seed"])
    T = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    textcat = nlp.get_pipe("textcat")
    model = textcat.model
    nO = len(textcat.labels)
    attn = model.get_ref("attention_layer")
    # The ensemble's final Softmax: the last layer of the outer chain.
    out = model.layers[-1]

    # Record attention logits seen in the forward pass.
    seen = {"max": 0.0, "clipped": 0, "n": 0}
    orig_fwd = attn._func

    def fwd(m, Xr, is_train):
        Q = m.get_param("Q")
        logits = Xr.dataXd @ Q
        seen["max"] = max(seen["max"], float(numpy.abs(logits).max()) if logits.size else 0.0)
        seen["clipped"] += int((numpy.abs(logits) > 20).sum())
        seen["n"] += int(logits.size)
        return orig_fwd(m, Xr, is_train)

    attn._func = fwd

    def norms(kind):
        rows = {}
        for node in model.walk():
            for name in node.param_names:
                if kind == "grad":
                    if not node.has_grad(name):
                        continue
                    a = node.get_grad(name)
                else:
                    a = node.get_param(name)
                key = f"{node.id}:{node.name}.{name}"
                rows[key] = round(float(numpy.sqrt((a.astype("float64") ** 2).sum())), 4)
        return rows

    def evaluate():
        examples = list(dev_corpus(nlp))
        scores = nlp.evaluate(examples)
        return scores["cats_score"]

    batches = create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"])
    t0 = time.time()
    losses = {}
    for step, (epoch, batch) in enumerate(batches):
        if step >= steps:
            break
        nlp.update(batch, drop=T["dropout"], sgd=False, losses=losses)
        if step % every == 0:
            g = norms("grad")
            row = {"step": step, "secs": round(time.time() - t0, 1), "loss": losses.get("textcat")}
            row["attn_max_abs_logit"] = round(seen["max"], 2)
            row["attn_clipped_share"] = round(seen["clipped"] / max(1, seen["n"]), 4)
            W = out.get_param("W")
            row["out_W_bow"] = round(float(numpy.linalg.norm(W[:, :nO])), 4)
            row["out_W_cnn"] = round(float(numpy.linalg.norm(W[:, nO:])), 4)
            row["grad"] = g
            row["param"] = norms("param")
            seen.update({"max": 0.0, "clipped": 0, "n": 0})
            losses = {}
            if step % eval_every == 0:
                row["cats_score"] = round(evaluate(), 4)
            print(json.dumps(row), flush=True)
        textcat.finish_update(optimizer)
    print(json.dumps({"done": step, "cats_score": round(evaluate(), 4)}), flush=True)


if __name__ == "__main__":
    main()
