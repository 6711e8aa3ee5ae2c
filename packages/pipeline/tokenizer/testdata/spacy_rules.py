"""Export spaCy's English tokenizer rules as Weft TokenizerRules JSON (JavaScript regexes).

Used only by tests, to check that Weft's Tokenizer reproduces spaCy's algorithm when given
spaCy's own rules. Usage (from the repository root, with the spaCy venv):
    v/bin/python packages/pipeline/tokenizer/testdata/spacy_rules.py \
        > packages/pipeline/tokenizer/testdata/spacy_en_rules.json
"""
import json
import re

import spacy

# Escapes Python accepts that JavaScript's u-mode rejects: "\U0001F600" and escaped
# punctuation that is not a regex syntax character.
SYNTAX = set("^$\\.*+?()[]{}|/-")


def to_js(pattern):
    pattern = re.sub(r"^\(\?u\)", "", pattern)
    pattern = re.sub(r"\\U([0-9A-Fa-f]{8})", lambda m: "\\u{%X}" % int(m.group(1), 16), pattern)
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            n = pattern[i + 1]
            if n.isalnum() or n in SYNTAX and (n != "-" or in_class):
                out.append(c + n)
            else:
                out.append(n)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


nlp = spacy.blank("en")
tok = nlp.tokenizer
rules = {
    "prefixes": [to_js(p) for p in nlp.Defaults.prefixes],
    "suffixes": [to_js(p) for p in nlp.Defaults.suffixes],
    "infixes": [to_js(p) for p in nlp.Defaults.infixes],
    "specialCases": {k: [{"orth": t[65]} for t in v] for k, v in tok.rules.items()},
    "urlMatch": to_js(tok.url_match.__self__.pattern)[1:-1],
}
print(json.dumps({"spacy": spacy.__version__, "rules": rules}, ensure_ascii=False))
