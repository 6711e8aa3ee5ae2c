#!/bin/sh
# Regenerates spaCy 3.8's generated training configs used by the tests.
# Run from this folder with the repository's venv: sh gen.sh
set -e
PY=../../../../../v/bin/python
$PY -m spacy init config -p tagger -o efficiency -F tagger_efficiency.cfg
$PY -m spacy init config -p textcat -o efficiency -F textcat_efficiency.cfg
$PY -m spacy init config -p textcat -o accuracy -F textcat_accuracy.cfg
$PY -m spacy init config -p morphologizer,senter -o efficiency -F morphologizer_senter_efficiency.cfg
$PY -m spacy init config -p textcat_multilabel -o efficiency -F textcat_multilabel_efficiency.cfg
