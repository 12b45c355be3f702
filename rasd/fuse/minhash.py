"""MinHash signatures (datasketch) and LSH band keys that live in the database, so near-copy
search costs one indexed query per article and no index has to be held in memory."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from .text import shingles

NUM_PERM = 128
BANDS, ROWS = 16, 8  # threshold about (1/16)**(1/8) = 0.71 before the exact check
THRESHOLD = 0.8  # estimated Jaccard of word 3-grams above which two texts are one story
SEED = 1


@dataclass
class Signature:
    values: np.ndarray  # uint64[NUM_PERM]

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Signature":
        return cls(np.frombuffer(raw, dtype="<u8"))

    def bands(self) -> list[tuple[int, int]]:
        """(band, signed 64-bit key) pairs; signed so the key fits BIGINT everywhere."""
        out = []
        raw = self.values.astype("<u8")
        for b in range(BANDS):
            digest = hashlib.blake2b(raw[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest()
            out.append((b, int.from_bytes(digest, "little", signed=True)))
        return out


_BASE = MinHash(num_perm=NUM_PERM, seed=SEED)
_PERMS, _SCHEME = _BASE.permutations, _BASE.scheme  # computed once, reused


def signature(norm: str) -> Signature:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMS, scheme=_SCHEME)
    m.update_batch(shingles(norm))
    return Signature(m.hashvalues.copy())


def similarity(a: Signature, b: Signature) -> float:
    return float(np.mean(a.values == b.values))
