"""The gazetteer: places with coordinates, built once from registry packages, found in text.

    from rasd.gazetteer import find, lookup
    find(normalise("بمدينة سيئون محافظة حضرموت"))  # -> [PlaceMention(سيئون), PlaceMention(حضرموت)]
"""
from __future__ import annotations

import gc
from functools import lru_cache

from ..text.normalise import Normalised, normalise
from . import build as _build
from .build import Data, Place, cache_path
from .resolve import PlaceMention

__all__ = ["Place", "PlaceMention", "Data", "data", "find", "lookup", "build", "cache_path"]


@lru_cache(maxsize=1)
def data() -> Data:
    """The loaded gazetteer (built into the cache on first use).

    Its ~50,000 places live as long as the process: they are moved out of the garbage
    collector's sight (gc.freeze), which otherwise rescans them and halves the speed of
    the first hundred articles."""
    d = _build.load()
    gc.freeze()
    return d


def build() -> Data:
    """Rebuild the cache now (`rasd gazetteer build`)."""
    data.cache_clear()
    d = _build.load(rebuild=True)
    return d


def find(norm: Normalised | str) -> list[PlaceMention]:
    """Place mentions in a normalised text (a str is normalised first), ambiguity resolved."""
    from .resolve import find as _find

    if isinstance(norm, str):
        norm = normalise(norm)
    return _find(norm, data())


def lookup(name: str, admin1: str | None = None, fuzzy: bool = True) -> list[Place]:
    """Places called `name` (exact, then with/without ال, then fuzzy), best first."""
    from .resolve import lookup as _lookup

    return _lookup(name, data(), admin1, fuzzy)
