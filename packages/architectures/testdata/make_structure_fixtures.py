"""Generate structure fixtures for @weft/architectures from spaCy.

Run with the project's venv (spaCy 3.8, thinc 8.3):

    v/bin/python packages/architectures/testdata/make_structure_fixtures.py

For each case, a blank English pipeline gets one component (or the efficiency
tok2vec + tagger pair), is initialized on a few tiny labelled docs, and every
node of each component model (in `model.walk()` order, breadth-first) is dumped
with its name, its dims, its parameters and their shapes, and the walk indices
of its direct children. Weft's tests build the same config blocks and compare.
"""

import json
import sys
from pathlib import Path

import spacy
from spacy.training import Example
from thinc.api import Config

TEXTS = [
    ("The quick brown fox jumps .", ["DT", "JJ", "JJ", "NN", "VBZ", "."], "POS"),
    ("A lazy dog sleeps", ["DT", "JJ", "NN", "VBZ"], "NEG"),
    ("Dogs bark", ["NNS", "VBP"], "POS"),
]

TAGGER_DEFAULT = """
[model]
@architectures = "spacy.Tagger.v2"

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""

TOK2VEC_EFFICIENCY = """
[model]
@architectures = "spacy.Tok2Vec.v2"

[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 2500]
include_static_vectors = false

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""

TAGGER_EFFICIENCY = """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "*"
"""

HASH_EMBED_CNN = """
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""


def textcat_ensemble(exclusive: bool) -> str:
    return f"""
[model]
@architectures = "spacy.TextCatEnsemble.v2"

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 500, 1000, 500]
attrs = ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
window_size = 1
maxout_pieces = 3
depth = 2

[model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = {str(exclusive).lower()}
length = 262144
ngram_size = 1
no_output_layer = false
"""


def textcat_bow(exclusive: bool) -> str:
    return f"""
[model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = {str(exclusive).lower()}
length = 262144
ngram_size = 1
no_output_layer = false
"""


def with_tok2vec(head: str) -> str:
    return head + "\n[model.tok2vec]" + HASH_EMBED_CNN


def textcat_reduce(exclusive: bool) -> str:
    return with_tok2vec(f"""
[model]
@architectures = "spacy.TextCatReduce.v1"
exclusive_classes = {str(exclusive).lower()}
use_reduce_first = false
use_reduce_last = false
use_reduce_max = false
use_reduce_mean = true
""")


def textcat_cnn(exclusive: bool) -> str:
    return with_tok2vec(f"""
[model]
@architectures = "spacy.TextCatCNN.v2"
exclusive_classes = {str(exclusive).lower()}
nO = null
""")


def textcat_attention(exclusive: bool) -> str:
    return with_tok2vec(f"""
[model]
@architectures = "spacy.TextCatParametricAttention.v1"
exclusive_classes = {str(exclusive).lower()}
nO = null
""")


def dump_model(model) -> dict:
    nodes = list(model.walk())
    index = {id(node): i for i, node in enumerate(nodes)}
    out = []
    total = 0
    for node in nodes:
        dims = {}
        for name in node.dim_names:
            dims[name] = node.maybe_get_dim(name)
        params = {}
        for name in node.param_names:
            if node.has_param(name):
                shape = list(node.get_param(name).shape)
                params[name] = shape
                size = 1
                for extent in shape:
                    size *= extent
                total += size
            else:
                params[name] = None
        out.append(
            {
                "name": node.name,
                "dims": dims,
                "params": params,
                "children": [index[id(child)] for child in node.layers],
                "refs": sorted(node.ref_names),
            }
        )
    return {"nodes": out, "total_params": total}


def make_examples(nlp, factory: str):
    examples = []
    for text, tags, cat in TEXTS:
        doc = nlp.make_doc(text)
        if factory == "tagger":
            ann = {"tags": tags}
        else:
            ann = {"cats": {"POS": float(cat == "POS"), "NEG": float(cat == "NEG")}}
        examples.append(Example.from_dict(doc, ann))
    return examples


def build(components: list) -> dict:
    """components: list of (name, factory, model config string)."""
    nlp = spacy.blank("en")
    for name, factory, cfg in components:
        model_cfg = Config().from_str(cfg)["model"]
        nlp.add_pipe(factory, name=name, config={"model": model_cfg})
    factory = components[-1][1]
    examples = make_examples(nlp, factory)
    nlp.initialize(lambda: examples)
    return {name: dump_model(nlp.get_pipe(name).model) for name, _, _ in components}


CASES = {
    "tagger_default": [("tagger", "tagger", TAGGER_DEFAULT)],
    "tagger_efficiency": [
        ("tok2vec", "tok2vec", TOK2VEC_EFFICIENCY),
        ("tagger", "tagger", TAGGER_EFFICIENCY),
    ],
    "textcat_ensemble": [("textcat", "textcat", textcat_ensemble(True))],
    "textcat_multilabel_ensemble": [
        ("textcat", "textcat_multilabel", textcat_ensemble(False))
    ],
    "textcat_bow": [("textcat", "textcat", textcat_bow(True))],
    "textcat_multilabel_bow": [("textcat", "textcat_multilabel", textcat_bow(False))],
    "textcat_reduce": [("textcat", "textcat", textcat_reduce(True))],
    "textcat_multilabel_reduce": [
        ("textcat", "textcat_multilabel", textcat_reduce(False))
    ],
    "textcat_cnn": [("textcat", "textcat", textcat_cnn(True))],
    "textcat_multilabel_cnn": [("textcat", "textcat_multilabel", textcat_cnn(False))],
    "textcat_parametric_attention": [
        ("textcat", "textcat", textcat_attention(True))
    ],
    "textcat_multilabel_parametric_attention": [
        ("textcat", "textcat_multilabel", textcat_attention(False))
    ],
}


def main() -> None:
    out_dir = Path(__file__).parent
    result = {
        "spacy_version": spacy.__version__,
        "texts": [text for text, _, _ in TEXTS],
        "tags": sorted({t for _, tags, _ in TEXTS for t in tags}),
        "cats": ["NEG", "POS"],
        "cases": {},
    }
    for case, components in CASES.items():
        result["cases"][case] = {
            "components": [
                {"name": name, "factory": factory, "config": cfg.strip() + "\n"}
                for name, factory, cfg in components
            ],
            "models": build(components),
        }
    path = out_dir / "structure_fixtures.json"
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
