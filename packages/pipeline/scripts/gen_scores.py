"""Generate scorer/testdata/scores.json: fixed gold/predicted docs built from UD
English EWT dev sentences with seeded corruptions, and the scores spaCy gives them.

Run with the project's venv: v/bin/python packages/pipeline/scripts/gen_scores.py
"""
import json
import random
from pathlib import Path

import spacy
from spacy.pipeline.dep_parser import parser_score
from spacy.pipeline.morphologizer import morphologizer_score
from spacy.pipeline.senter import senter_score
from spacy.pipeline.ner import ner_score
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

CONLLU = Path("/work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu")
rng = random.Random(42)
nlp = spacy.blank("en")


def read_sentences(limit):
    sents, rows = [], []
    for line in CONLLU.read_text().splitlines():
        if not line.strip():
            if rows:
                sents.append(rows)
                rows = []
                if len(sents) >= limit:
                    break
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        rows.append(cols)
    return sents


def sentence_annots(rows, offset):
    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    for i, c in enumerate(rows):
        words.append(c[1])
        spaces.append("SpaceAfter=No" not in c[9])
        tags.append(c[4] if c[4] != "_" else c[3])
        pos.append(c[3] if c[3] != "_" else "X")
        morphs.append("" if c[5] == "_" else c[5])
        lemmas.append(c[2])
        head = int(c[6])
        heads.append(offset + (head - 1 if head > 0 else i))
        deps.append("ROOT" if c[7] == "root" else c[7])
    return words, spaces, tags, pos, morphs, lemmas, heads, deps


def merge_plan(spaces):
    # Merge a token into the next where no space separates them (30%).
    groups, i = [], 0
    while i < len(spaces):
        if i + 1 < len(spaces) and not spaces[i] and rng.random() < 0.3:
            groups.append([i, i + 1])
            i += 2
        else:
            groups.append([i])
            i += 1
    return groups


TAGS = ["NN", "VB", "JJ", "DT", "IN", "NNP"]
POS = ["NOUN", "VERB", "ADJ", "DET", "ADP", "PROPN"]
DEPS = ["nsubj", "obj", "amod", "det", "case", "punct", "advmod"]
LABELS = ["PER", "ORG", "LOC"]


def corrupt(value, choices, p=0.2):
    return rng.choice(choices) if rng.random() < p else value


def corrupt_morph(m):
    if rng.random() >= 0.25:
        return m
    feats = [f for f in m.split("|") if f]
    if feats and rng.random() < 0.5:
        feats.pop(rng.randrange(len(feats)))
    else:
        feats.append(rng.choice(["Number=Plur", "Tense=Past", "Case=Acc", "Person=3"]))
    return "|".join(sorted(set(feats), key=lambda f: f.split("=")[0]))


def random_ents(n):
    ents, i = ["O"] * n, 0
    while i < n:
        if rng.random() < 0.2:
            length = rng.randint(1, 3)
            if i + length <= n:
                label = rng.choice(LABELS)
                ents[i] = f"B-{label}"
                for j in range(i + 1, i + length):
                    ents[j] = f"I-{label}"
                i += length
                continue
        i += 1
    return ents


def iob(doc):
    return [t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") if t.ent_iob_ else "" for t in doc]


sentences = read_sentences(60)
examples, records = [], []
for k in range(20):
    group = sentences[3 * k : 3 * k + 3]
    cols = [[] for _ in range(8)]
    for rows in group:
        for acc, vals in zip(cols, sentence_annots(rows, len(cols[0]))):
            acc.extend(vals)
    words, spaces, tags, pos, morphs, lemmas, heads, deps = cols
    n = len(words)
    gold_ents = random_ents(n) if k % 5 != 4 else [None] * n
    gold = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
               lemmas=lemmas, heads=heads, deps=deps, ents=gold_ents)
    gold.cats = {lab: float(rng.random() < 0.4) for lab in ["A", "B", "C"] if rng.random() < 0.9}
    # Predicted tokenization and annotation.
    groups = merge_plan(spaces)
    pwords = ["".join(words[i] for i in g) for g in groups]
    pspaces = [spaces[g[-1]] for g in groups]
    owner = {i: j for j, g in enumerate(groups) for i in g}
    sent_roots = {}
    for i in range(n):
        h = i
        while heads[h] != h:
            h = heads[h]
        sent_roots[i] = h
    ptags, ppos, pmorphs, plemmas, pheads, pdeps = [], [], [], [], [], []
    for j, g in enumerate(groups):
        i = g[0]
        ptags.append(corrupt(tags[i], TAGS))
        ppos.append(corrupt(pos[i], POS))
        pmorphs.append(corrupt_morph(morphs[i]))
        plemmas.append(corrupt(lemmas[i], ["x", "be", "the"]))
        h = owner[heads[i]] if owner[heads[i]] != j else j
        if heads[i] != i and rng.random() < 0.15:
            h = owner[sent_roots[i]]
        if owner[heads[i]] == j and heads[i] != i:
            h = owner[sent_roots[i]] if owner[sent_roots[i]] != j else j
        pheads.append(h)
        pdeps.append("ROOT" if h == j else corrupt(deps[i], DEPS, 0.15))
    parse = k % 2 == 0
    pred = Doc(nlp.vocab, words=pwords, spaces=pspaces, tags=ptags, pos=ppos, morphs=pmorphs,
               lemmas=plemmas,
               heads=pheads if parse else None, deps=pdeps if parse else None,
               sent_starts=None if parse else [j == 0 or rng.random() < 0.1 for j in range(len(pwords))])
    pred_ents = []
    for e in (gold.ents if k % 5 != 4 else []):
        if rng.random() < 0.15:
            continue
        label = e.label_ if rng.random() > 0.15 else rng.choice(LABELS)
        start, end = e.start_char, e.end_char
        if rng.random() < 0.1:
            end = gold[min(e.end, n - 1)].idx + len(gold[min(e.end, n - 1)])
        span = pred.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and all(span.start >= p.end or span.end <= p.start for p in pred_ents):
            pred_ents.append(span)
    pred.ents = pred_ents
    pred.cats = {lab: round(rng.random(), 2) for lab in ["A", "B", "C"]}
    eg = Example(pred, gold)
    examples.append(eg)

    def dump(doc, has_parse):
        return {
            "words": [t.text for t in doc], "spaces": [bool(t.whitespace_) for t in doc],
            "tags": [t.tag_ for t in doc], "pos": [t.pos_ for t in doc],
            "morphs": [str(t.morph) for t in doc], "lemmas": [t.lemma_ for t in doc],
            "heads": [t.head.i for t in doc] if has_parse else None,
            "deps": [t.dep_ for t in doc] if has_parse else None,
            "sent_starts": None if has_parse else [bool(t.is_sent_start) for t in doc],
            "ents": iob(doc), "cats": doc.cats,
        }

    records.append({"predicted": dump(pred, parse), "reference": dump(gold, True)})

exclusive = []
for eg in examples:
    gold_cats = {"A": 1.0, "B": 0.0, "C": 0.0}
    top = max(eg.y.cats or {"A": 1.0}, key=lambda lab: (eg.y.cats or {"A": 1.0})[lab])
    exclusive.append({lab: float(lab == top) for lab in ["A", "B", "C"]})


def with_cats(cats_list):
    out = []
    for eg, cats in zip(examples, cats_list):
        ref = eg.y.copy()
        ref.cats = cats
        out.append(Example(eg.x, ref))
    return out


excl_examples = with_cats(exclusive)
binary_examples = with_cats([{"A": c["A"], "B": 1.0 - c["A"]} for c in exclusive])
scores = {
    "tokenization": Scorer.score_tokenization(examples),
    "tag": Scorer.score_token_attr(examples, "tag"),
    "lemma": Scorer.score_token_attr(examples, "lemma"),
    "morphologizer": morphologizer_score(examples),
    "parser": parser_score([eg for k, eg in enumerate(examples) if k % 2 == 0]),
    "senter": senter_score(examples),
    "ner": ner_score(examples),
    "cats_multilabel": Scorer.score_cats(examples, "cats", labels=["A", "B", "C"], multi_label=True),
    "cats_exclusive": Scorer.score_cats(excl_examples, "cats", labels=["A", "B", "C"], multi_label=False),
    "cats_binary": Scorer.score_cats(binary_examples, "cats", labels=["A", "B"], multi_label=False,
                                     positive_label="A"),
}
out = {"records": records, "exclusive_cats": exclusive, "scores": scores}
path = Path(__file__).parent.parent / "scorer" / "testdata" / "scores.json"
path.write_text(json.dumps(out) + "\n")
print("wrote", path, path.stat().st_size)
print(json.dumps({k: {kk: vv for kk, vv in v.items() if not isinstance(vv, dict)} for k, v in scores.items()}, indent=1))
