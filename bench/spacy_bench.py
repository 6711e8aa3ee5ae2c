"""spaCy side of bench/tagger.ts and bench/textcat.ts (driven by them).

Two modes:

  prepare-conllu IN.conllu OUT.spacy N_SENTS   CoNLL-U -> .spacy with spaCy's own
                                                converter (conllu_to_docs)
  prepare-jsonl IN.jsonl OUT.spacy LABELS.json  {"text","label"} lines -> .spacy
                                                (one-hot doc.cats over LABELS)
  train CONFIG ARGS.json                        train with spaCy's training loop,
                                                evaluate, time inference; print JSON

Training uses spaCy's own init_nlp / create_train_batches / train_while_improving,
as `spacy train` does, with the evaluation time measured separately so that
"train words/s" counts update time only.
"""

import json
import resource
import sys
import time


def peak_rss_mb():
    # Linux: VmHWM (peak resident set) of this process, in MiB.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def prepare_conllu(src, out, n_sents):
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    with open(src, encoding="utf8") as f:
        text = f.read()
    docs = list(conllu_to_docs(text, n_sents=int(n_sents), no_print=True))
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    print(json.dumps({"docs": len(docs), "words": sum(len(d) for d in docs)}))


def prepare_jsonl(src, out, labels_path):
    import spacy
    from spacy.tokens import DocBin

    with open(labels_path, encoding="utf8") as f:
        labels = json.load(f)
    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    n = 0
    words = 0
    with open(src, encoding="utf8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            doc = nlp.make_doc(rec["text"])
            doc.cats = {label: 1.0 if label == rec["label"] else 0.0 for label in labels}
            db.add(doc)
            n += 1
            words += len(doc)
    db.to_disk(out)
    print(json.dumps({"docs": n, "words": words}))


def batches_by_words(docs, size):
    batch, n = [], 0
    for d in docs:
        if batch and n + len(d) > size:
            yield batch
            batch, n = [], 0
        batch.append(d)
        n += len(d)
    if batch:
        yield batch


def train(config_path, args_path):
    import spacy
    from spacy import util
    from spacy.schemas import ConfigSchemaTraining
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import create_train_batches, train_while_improving
    from spacy.util import registry, resolve_dot_names
    from thinc.api import fix_random_seed

    wall0 = time.perf_counter()
    with open(args_path, encoding="utf8") as f:
        args = json.load(f)
    overrides = args["overrides"]
    config = util.load_config(config_path, overrides=overrides, interpolate=False)
    t0 = time.perf_counter()
    nlp = init_nlp(config, use_gpu=-1)
    init_seconds = time.perf_counter() - t0
    config = nlp.config.interpolate()
    if config["training"]["seed"] is not None:
        fix_random_seed(config["training"]["seed"])
    T = registry.resolve(config["training"], schema=ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    weights = T["score_weights"]
    dev_words = sum(len(eg.predicted) for eg in dev_corpus(nlp))
    eval_seconds = [0.0]
    eval_cpu = [0.0]
    evals = []

    def evaluate():
        t = time.perf_counter()
        c = time.process_time()
        # A fresh read for each evaluation, as spaCy's create_evaluation_callback does.
        dev_examples = list(dev_corpus(nlp))
        with nlp.use_params(optimizer.averages):
            scores = nlp.evaluate(dev_examples)
        acc = scores["tag_acc"] if args["task"] == "tagger" else cats_accuracy(nlp, dev_examples)
        eval_seconds[0] += time.perf_counter() - t
        eval_cpu[0] += time.process_time() - c
        weighted = sum((scores.get(k) or 0.0) * w for k, w in weights.items() if w)
        return weighted, {**scores, "accuracy": acc}

    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"]),
        evaluate,
        dropout=T["dropout"],
        accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"],
        max_steps=T["max_steps"],
        eval_frequency=T["eval_frequency"],
        exclude=T["frozen_components"],
        annotating_components=T["annotating_components"],
        before_update=T["before_update"],
    )
    t0 = time.perf_counter()
    c0 = time.process_time()
    last = None
    for batch, info, is_best in steps:
        last = info
        if is_best is not None:
            evals.append(
                {
                    "step": info["step"],
                    "score": info["score"],
                    "accuracy": info["other_scores"]["accuracy"],
                    "seconds": time.perf_counter() - t0 - eval_seconds[0],
                }
            )
    loop_seconds = time.perf_counter() - t0
    train_seconds = loop_seconds - eval_seconds[0]
    train_cpu = time.process_time() - c0 - eval_cpu[0]
    # A final evaluation when the last step was not an evaluation step.
    if not evals or evals[-1]["step"] != last["step"]:
        score, other = evaluate()
        evals.append({"step": last["step"], "score": score, "accuracy": other["accuracy"],
                      "seconds": train_seconds})
    best = max(evals, key=lambda e: (e["score"], -e["step"]))
    # Inference: fresh copies of the dev docs, batches of ~1000 words, after a warm-up pass.
    docs = [eg.predicted for eg in dev_corpus(nlp)]
    batches = list(batches_by_words(docs, args.get("infer_batch_words", 1000)))
    for b in batches[: max(1, len(batches) // 5)]:
        list(nlp.pipe(b, batch_size=len(b)))
    reps = args.get("infer_repeats", 3)
    t = time.perf_counter()
    ci = time.process_time()
    for _ in range(reps):
        for b in batches:
            list(nlp.pipe(b, batch_size=len(b)))
    infer_seconds = time.perf_counter() - t
    infer_cpu = time.process_time() - ci
    out = {
        "impl": "spacy",
        "version": spacy.__version__,
        "steps": last["step"],
        "train_words": last["words"],
        "train_seconds": train_seconds,
        "train_wps": last["words"] / train_seconds,
        "train_cpu_seconds": train_cpu,
        "eval_seconds": eval_seconds[0],
        "init_seconds": init_seconds,
        "final_accuracy": evals[-1]["accuracy"],
        "best_accuracy": best["accuracy"],
        "best_step": best["step"],
        "evals": evals,
        "infer_words": dev_words * reps,
        "infer_seconds": infer_seconds,
        "infer_wps": dev_words * reps / infer_seconds,
        "infer_cpu_seconds": infer_cpu,
        "peak_rss_mb": peak_rss_mb(),
        "wall_seconds": time.perf_counter() - wall0,
    }
    print(json.dumps(out))


def cats_accuracy(nlp, examples):
    """Exact-label accuracy: the argmax of the predicted doc.cats against the gold label."""
    right = 0
    # nlp.evaluate works on copies of the predicted docs, so annotate them here.
    docs = list(nlp.pipe(eg.predicted for eg in examples))
    for eg, doc in zip(examples, docs):
        gold = max(eg.reference.cats.items(), key=lambda kv: kv[1])[0]
        cats = doc.cats
        pred = max(cats.items(), key=lambda kv: kv[1])[0] if cats else None
        right += int(gold == pred)
    return right / len(examples) if examples else 0.0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "prepare-conllu":
        prepare_conllu(*sys.argv[2:5])
    elif mode == "prepare-jsonl":
        prepare_jsonl(*sys.argv[2:5])
    elif mode == "train":
        train(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
