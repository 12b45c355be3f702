"""The web pages of `rasd serve`: map, timeline and table; an event beside its article; review."""
from .pages import mount

__all__ = ["mount"]
