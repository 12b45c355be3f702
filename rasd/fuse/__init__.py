"""Fusing across articles: the same text (exact or near copy) and the same event."""
from .figures import combine
from .match import family_of, match_reason
from .minhash import Signature, signature, similarity
from .text import normalise, text_hash

__all__ = ["combine", "family_of", "match_reason", "Signature", "signature", "similarity", "normalise", "text_hash"]
