"""Every example sentence of a lexicon, as pytest parameters, with the check that it holds a form."""
import pytest

from rasd import lexicons
from rasd.text.normalise import Normalised, fold, normalise


def examples(name: str):
    for i, e in enumerate(lexicons.load(name)):
        for ex in e.get("examples", []):
            yield pytest.param(e, ex, id=f"{i}-{e.get('role')}-{ex[:20]}")


def normalised_example(entry: dict, example: str) -> Normalised:
    norm = normalise(example)
    assert any(" ".join(fold(f).split()) in norm.text for f in entry["forms"]), "example lacks a form"
    return norm
