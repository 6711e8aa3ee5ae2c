"""Generate vocab/testdata/lex_attrs.json: spaCy's lexical attributes of sample words.

Run with the project's venv: v/bin/python packages/pipeline/scripts/gen_lex_attrs.py
"""
import json
from pathlib import Path

import spacy

WORDS = [
    "Apple", "apple", "APPLE", "iPhone", "C3PO-2019", "The", "the", "n't", "'s", "’s",
    "twenty", "Twenty-one", "21st", "3rd", "1,000.5", "-5", "±3", "3/4", "1/2/3", "ten",
    "millionth", "?!", "...", "(", ")", "«", "''", "``", "$", "€", "US$", "hello@example.org",
    "https://spacy.io", "www.x.com", "example.com", "spacy.io/", "hello.", "e.g.", "U.S.",
    "naïve", "Café", "Straße", "ΑΒΓ", "ǅemal", "Hello", "HeLLo", "Hello-World", "x²", "²",
    "日本語", "😀", "a😀b", "aaaaaaaa", "AAAAAbbbbbb", "12345678", "\t", "\n", " ", "Mr.",
    "don", "do", "ca", "gonna", "abc_def", "#hashtag", "@user", "10:30", "5km", "one",
    "first", "second", "Ǆ", "ß", "İstanbul", "ﬁne", "٣٤", "Ⅻ", "½", "3½", "http://localhost:8080",
    "192.168.0.1", "8.8.8.8", "a.b", "foo.bar.baz", "user:pw@host.com", "mailto:x@y.de",
]
FLAGS = [
    "is_alpha", "is_ascii", "is_digit", "is_lower", "is_punct", "is_space", "is_title",
    "is_upper", "like_url", "like_num", "like_email", "is_stop", "is_bracket", "is_quote",
    "is_left_punct", "is_right_punct", "is_currency",
]

nlp = spacy.blank("en")
out = []
for w in WORDS:
    lex = nlp.vocab[w]
    row = {
        "text": w, "lower": lex.lower_, "norm": lex.norm_, "shape": lex.shape_,
        "prefix": lex.prefix_, "suffix": lex.suffix_, "key": str(nlp.vocab.strings[w]),
    }
    for f in FLAGS:
        row[f] = bool(getattr(lex, f))
    out.append(row)
path = Path(__file__).parent.parent / "vocab" / "testdata" / "lex_attrs.json"
path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
print("wrote", path, len(out))
