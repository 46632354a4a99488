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
links found through the index agree with scoring every pair). A pair can be missed only when its edits
are spread every few words so that few 5-grams survive; such a pair is near the threshold.
Texts unrelated in wording have J about 0.03 to 0.1 and become candidates with probability
under 10 % at 0.1, far less at 0.03.

Everything is seeded and computed in fixed-width integers: same texts, same candidates.

>>> keys = band_keys(["the sides will exchange information on cybersecurity",
...                   "the sides will exchange information on cyber security",
...                   "a wholly different sentence about semiconductors"])
>>> index = Index()
>>> index.add(0, keys[0])
>>> index.candidates(keys[1]), index.candidates(keys[2])
([0], [])
"""

from __future__ import annotations

import hashlib

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


def band_keys(texts: list[str]) -> NDArray[np.uint64]:
    """One key per text and band (``len(texts) x BANDS``): two texts whose signatures agree
    on every row of a band share that band's key (and, but for a 2**-64 chance, only then)."""
    matrix = signatures(texts)
    keys = np.zeros((len(texts), BANDS), dtype=np.uint64)
    for band in range(BANDS):
        key = np.zeros(len(texts), dtype=np.uint64)
        for column in range(ROWS):
            key = _mix(key ^ matrix[:, band * ROWS + column])
        keys[:, band] = key
    return keys


class Index:
    """Texts added one at a time, each findable by the later texts that share a band with it.

    Why a capacity: a clause repeated with small edits in every agreement puts every
    variant under the same keys for the bands its edits miss; keeping the first
    ``capacity`` texts filed under each key bounds a lookup (at most ``BANDS * capacity``
    candidates) while every key still leads to the earliest wordings filed under it."""

    def __init__(self, capacity: int = 8) -> None:
        self._bands: list[dict[int, list[int]]] = [{} for _ in range(BANDS)]
        self._capacity = capacity

    def add(self, item: int, keys: NDArray[np.uint64]) -> None:
        """File ``item`` under each of its ``BANDS`` keys that is not yet full."""
        for band, key in enumerate(keys.tolist()):
            filed = self._bands[band].setdefault(key, [])
            if len(filed) < self._capacity:
                filed.append(item)

    def candidates(self, keys: NDArray[np.uint64]) -> list[int]:
        """The items filed under any of ``keys`` (one per band), each once, ascending."""
        found: set[int] = set()
        for band, key in enumerate(keys.tolist()):
            found.update(self._bands[band].get(key, ()))
        return sorted(found)


class Filing:
    """What :class:`Index` gives every text, worked out for all texts at once.

    Adding texts ``0 .. n-1`` to an :class:`Index` in order and asking each for its
    candidates before adding it finds, under each band, the first ``capacity`` earlier texts
    with the same key (those filed there). So text ``i``'s candidates under a band are the
    first ``min(r, capacity)`` texts of its key's group (texts with that band's key, in
    order), ``r`` being how many of the group come before ``i``: one stable sort of each
    band's keys gives every group, and :meth:`candidates` is the same list as
    :meth:`Index.candidates` (tested).

    Why: a build that adds one text to many need not score again a text whose candidates
    did not change. :meth:`signatures` tells, per text, a digest of the texts it finds,
    from a 64-bit id per text (the caller's: it changes when anything the candidates'
    scoring or order depends on changes), so a caller can keep each text's scored
    candidates from a run to the next and score only the texts whose signature moved."""

    def __init__(self, keys: NDArray[np.uint64], capacity: int = 8) -> None:
        count = len(keys)
        self._capacity = capacity
        self._order = np.argsort(keys, axis=0, kind="stable")
        ordered = np.take_along_axis(keys, self._order, axis=0)
        positions = np.broadcast_to(np.arange(count)[:, None], ordered.shape)
        opens = np.ones(ordered.shape, dtype=bool)
        opens[1:] = ordered[1:] != ordered[:-1]
        starts = np.maximum.accumulate(np.where(opens, positions, 0), axis=0)
        self._start = np.empty_like(starts)
        np.put_along_axis(self._start, self._order, starts, axis=0)
        self._before = np.empty_like(starts)
        np.put_along_axis(self._before, self._order, positions - starts, axis=0)

    def candidates(self, item: int) -> list[int]:
        """The earlier texts ``item`` finds under any band, each once, ascending."""
        found: set[int] = set()
        taken = np.minimum(self._before[item], self._capacity).tolist()
        for band, (start, take) in enumerate(zip(self._start[item].tolist(), taken, strict=True)):
            if take:
                found.update(self._order[start : start + take, band].tolist())
        return sorted(found)

    def signatures(self, ids: NDArray[np.uint64]) -> list[bytes]:
        """Per text, a digest of the ids of the texts it finds under each band (a text
        whose signature is unchanged finds the same texts; a change of an id it finds
        changes it)."""
        count = len(ids)
        if count == 0:
            return []
        with np.errstate(over="ignore"):
            summed = np.zeros((count + 1, BANDS), dtype=np.uint64)
            np.cumsum(ids[self._order], axis=0, dtype=np.uint64, out=summed[1:])
            taken = np.minimum(self._before, self._capacity)
            sorted_start = self._start
            found = np.take_along_axis(summed, sorted_start + taken, axis=0) - np.take_along_axis(
                summed, sorted_start, axis=0
            )
        return [hashlib.blake2b(row.tobytes(), digest_size=16).digest() for row in found]


def text_ids(texts: list[str], salt: str) -> NDArray[np.uint64]:
    """A 64-bit id per text (``text`` and ``salt`` hashed): :meth:`Filing.signatures`'s ids."""
    ids = np.empty(len(texts), dtype=np.uint64)
    for index, text in enumerate(texts):
        digest = hashlib.blake2b(f"{salt}\n{text}".encode(), digest_size=8).digest()
        ids[index] = int.from_bytes(digest, "little")
    return ids


__all__ = [
    "BANDS",
    "ROWS",
    "SHINGLE",
    "Filing",
    "Index",
    "band_keys",
    "shingles",
    "signatures",
    "text_ids",
]
