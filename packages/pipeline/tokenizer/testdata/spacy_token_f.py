"""Token-level F of spaCy's blank tokenizers on UD raw text, and spaCy reference tokenizations.

Usage (from the repository root, with the spaCy venv):
    v/bin/python packages/pipeline/tokenizer/testdata/spacy_token_f.py \
        /work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu en
    v/bin/python packages/pipeline/tokenizer/testdata/spacy_token_f.py --reference \
        > packages/pipeline/tokenizer/testdata/spacy_reference.json
    v/bin/python packages/pipeline/tokenizer/testdata/spacy_token_f.py --scores /work/shared/data \
        > packages/pipeline/tokenizer/testdata/spacy_token_f.json

Gold tokens: the syntactic words of a multiword token when they spell its surface form
("don't" -> "do" "n't"), otherwise the surface token ("du"). A token is correct when its
character span in `# text` equals a gold token's span; whitespace tokens are ignored
(as in spaCy's Scorer.score_tokenization). Sentences whose gold tokens cannot be found in
`# text` are skipped and counted. Mirrors bench/token_f.ts.
"""
import json
import sys

import spacy


def read_conllu(path):
    sents, text, rows = [], None, []
    for line in open(path, encoding="utf8"):
        line = line.rstrip("\n")
        if not line.strip():
            if rows:
                sents.append((text, rows))
            text, rows = None, []
        elif line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif not line.startswith("#"):
            rows.append(line.split("\t"))
    if rows:
        sents.append((text, rows))
    return sents


def gold_tokens(rows):
    out, i = [], 0
    while i < len(rows):
        cols = rows[i]
        tid = cols[0]
        if "." in tid:
            i += 1
        elif "-" in tid:
            a, b = (int(x) for x in tid.split("-"))
            words = [r[1] for r in rows[i + 1:] if r[0].isdigit() and a <= int(r[0]) <= b]
            out.extend(words if "".join(words) == cols[1] else [cols[1]])
            i += 1 + len([r for r in rows[i + 1:] if r[0].isdigit() and a <= int(r[0]) <= b])
        else:
            out.append(cols[1])
            i += 1
    return out


def spans(text, tokens):
    out, pos = [], 0
    for tok in tokens:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith(tok, pos):
            return None
        out.append((pos, pos + len(tok)))
        pos += len(tok)
    return out


def token_f(path, lang):
    nlp = spacy.blank(lang)
    tp = n_pred = n_gold = skipped = 0
    for text, rows in read_conllu(path):
        gold = spans(text, gold_tokens(rows))
        if gold is None:
            skipped += 1
            continue
        doc = nlp.make_doc(text)
        pred = {(t.idx, t.idx + len(t)) for t in doc if not t.text.isspace()}
        gold = set(gold)
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / n_pred, tp / n_gold
    return {"p": p, "r": r, "f": 2 * p * r / (p + r), "skipped": skipped}


REFERENCE_TEXTS = [
    "Hello, world! I don't know.",
    "(Mr. Smith's car) costs $5.50 -- e.g. 5km.",
    "Visit https://www.google.com/search?q=a or me@example.org :) now.",
    "well-known U.S. rock'n'roll can't won't I'm gonna 5pm",
    "a  b \nc ",
    "\"Hello,\" she said...",
    "hello:) (sad face :( ) <3",
    "They'll say it's 10:30 a.m. on Jan. 5th, isn't it?",
    "He paid 20% ($300) for 3kg of U.K. tea!!!",
    "Don't you think we'd've gone?",
    "e-mail me at bob@foo.com, or call 713-853-3989.",
    "The 1990s' best-selling CD's were 'cool'.",
    "Wait...what?!",
    "L'association a changé les décors d'Ancerville.",
    "Qu'est-ce qu'il a dit aujourd'hui ?",
    " a",
    "a\n",
    "a \n b",
    "   ",
    "a\tb  ",
    "x  y   z",
    "Hello\n\nWorld. ",
]


SLICES = [
    ("en", "packages/pipeline/readers/testdata/en_ewt-ud-dev-slice.conllu"),
    ("fr", "packages/pipeline/readers/testdata/fr_sequoia-ud-dev-slice.conllu"),
]


def reference():
    nlp = {lang: spacy.blank(lang) for lang in ("en", "fr")}
    texts = [("fr" if t.startswith(("L'", "Qu'")) else "en", t) for t in REFERENCE_TEXTS]
    for lang, path in SLICES:
        texts += [(lang, text) for text, _ in read_conllu(path)]
    out = []
    for lang, text in texts:
        doc = nlp[lang].make_doc(text)
        out.append({"lang": lang, "text": text, "words": [t.text for t in doc],
                    "spaces": [bool(t.whitespace_) for t in doc]})
    return out


CORPORA = [
    ("ud-english-ewt/en_ewt-ud-dev.conllu", "en"),
    ("ud-english-ewt/en_ewt-ud-train.conllu", "en"),
    ("ud-french-sequoia/fr_sequoia-ud-dev.conllu", "fr"),
    ("ud-french-sequoia/fr_sequoia-ud-train.conllu", "fr"),
]

if __name__ == "__main__":
    if sys.argv[1] == "--scores":
        # v/bin/python .../spacy_token_f.py --scores /work/shared/data > .../spacy_token_f.json
        scores = {path: token_f(f"{sys.argv[2]}/{path}", lang) for path, lang in CORPORA}
        print(json.dumps({"spacy": spacy.__version__, "scores": scores}, indent=1))
    elif sys.argv[1] == "--reference":
        print(json.dumps({"spacy": spacy.__version__, "cases": reference()}, ensure_ascii=False, indent=1))
    else:
        print(json.dumps(token_f(sys.argv[1], sys.argv[2])))
