"""Candidate pairs for text reuse: a MinHash index over character shingles (LSH banding).

Why: scoring every pair of provisions grows with the square of the corpus (hours at five
hundred agreements). Near-verbatim texts share most of their character 5-grams, so each text
gets a MinHash signature of its set of 5-grams and only texts whose signatures agree on every
row of at least one band become candidates; :mod:`digicoop.reuse` then scores candidates
exactly. The index costs time in proportion to the text (hashing) plus the candidates.

How sure: two texts whose sets of 5-grams have Jaccard similarity J become candidates with
probability ``1 - (1 - J**ROWS) ** BANDS``: 0.99999 at J = 0.5, 0.998 at 0.4, 0.93 at 0.3.
Every pair that passes the reuse threshold (Indel similarity 0.85) in the five agreements,
the dev corpus and the synthetic corpora has J >= 0.51 (tests/test_reuse.py checks that the
index finds the same pairs as scoring every pair). A pair can be missed only when its edits
are spread every few words so that few 5-grams survive; such a pair is near the threshold.
Texts unrelated in wording have J about 0.03 to 0.1 and become candidates with probability
under 10 % at 0.1, far less at 0.03.

Everything is seeded and computed in fixed-width integers: same texts, same candidates.

>>> candidate_pairs(["the sides will exchange information on cybersecurity",
...                  "the sides will exchange information on cyber security",
...                  "a wholly different sentence about semiconductors"]).tolist()
[[0, 1]]
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from numpy.typing import NDArray

#: Characters per shingle: about a word; short enough that one changed word leaves most intact.
SHINGLE = 5
#: Rows per band and bands: see the module doc for what they give.
ROWS = 3
BANDS = 96
_SEED = 20261130
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64's finaliser: spreads every input bit over the output (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def shingles(text: str) -> NDArray[np.uint64]:
    """The distinct hashed character ``SHINGLE``-grams of ``text`` (the text if shorter)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    width = min(SHINGLE, len(codes))
    if width == 0:
        return np.zeros(1, dtype=np.uint64)
    count = len(codes) - width + 1
    hashed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            hashed = _mix(hashed ^ codes[offset : offset + count])
    return np.unique(hashed)


def signatures(texts: list[str]) -> NDArray[np.uint64]:
    """One MinHash signature (``ROWS * BANDS`` values) per text, from seeded permutations
    ``x -> a * x + b`` of the 64-bit hashes (``a`` odd: a bijection)."""
    rng = np.random.default_rng(_SEED)
    size = ROWS * BANDS
    a = rng.integers(0, 2**63, size=size, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=size, dtype=np.uint64)
    result = np.empty((len(texts), size), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for index, text in enumerate(texts):
            grams = shingles(text)
            result[index] = (grams[:, None] * a[None, :] + b[None, :]).min(axis=0)
    return result


def candidate_pairs(texts: list[str]) -> NDArray[np.int64]:
    """Pairs ``(i, j)``, ``i < j``, of texts whose signatures agree on a whole band, sorted,
    each once."""
    if len(texts) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    matrix = signatures(texts)
    found: set[tuple[int, int]] = set()
    for band in range(BANDS):
        rows = matrix[:, band * ROWS : (band + 1) * ROWS]
        key = np.zeros(len(texts), dtype=np.uint64)
        for column in range(ROWS):
            key = _mix(key ^ rows[:, column])
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        shared = ends - starts > 1
        for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
            found.update(combinations(sorted(order[start:end].tolist()), 2))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.array(sorted(found), dtype=np.int64)


__all__ = ["BANDS", "ROWS", "SHINGLE", "candidate_pairs", "shingles", "signatures"]
