"""Text reuse: provisions of one agreement that are near-verbatim copies of another's.

Why: agreements drafted by the same ministry reuse whole clauses (the Denmark and Luxembourg
memoranda share their implementation and governance paragraphs word for word); linking
them lets a reader see which commitments are boilerplate and which were negotiated.

The measure (:func:`similarity`): rapidfuzz's normalised Indel similarity
(``fuzz.ratio / 100``) between the two provisions' *own* clean texts after
:func:`normalise` (lower case, punctuation as spaces, runs of whitespace as one space).
``ratio`` compares the texts in order, so two provisions that share their words but not
their sentences do not match, and a provision that adds or changes a few words
("in the field of ICT", "in line with" for "based on the outcomes of") still does.

Two provisions reuse each other when both normalised texts have at least
:data:`MIN_LENGTH` characters (headings such as "Cybersecurity" or "Areas of Cooperation"
are identical everywhere and say nothing about drafting) and their similarity is at least
:data:`THRESHOLD`. The threshold sits between pairs checked by reading: Denmark's and
Luxembourg's Paragraph 2 1) a) ("based on the outcomes of" / "in line with" the Hiroshima
AI Process, 0.877) is reuse; their titles (0.80), which share a frame but name different
ministries, are not. Only pairs across different agreements count.

Known limit: the measure is per provision, so a sentence reused inside a longer provision
(the UK's paragraph 5 repeats Denmark's Paragraph 4 a) after an introductory clause, 0.67)
is not found.

>>> round(similarity("Exchange of information on best practices.",
...                  "Exchange of information on best practices!"), 2)
1.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from digicoop import reuse_index
from digicoop.model import Document

#: Minimum length (characters of normalised text) of both provisions of a pair.
MIN_LENGTH = 40
#: Minimum similarity (0..1) for a pair to count as near-verbatim reuse.
THRESHOLD = 0.85

_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class ProvisionRef:
    """A provision by its agreement and eId (the two parts of its IRI)."""

    agreement_id: str
    eid: str


@dataclass(frozen=True, order=True)
class ReusePair:
    """Two provisions of different agreements with near-verbatim text; ``left < right``."""

    left: ProvisionRef
    right: ProvisionRef
    similarity: float


def normalise(text: str) -> str:
    """Lower case, punctuation and markup as spaces, whitespace collapsed.

    >>> normalise("Both Sides' “MOC”:  a)\\n e-mail")
    'both sides moc a e mail'
    """
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", text.lower())).strip()


def similarity(left: str, right: str) -> float:
    """The similarity (0..1) of two texts after :func:`normalise` (see module doc)."""
    return fuzz.ratio(normalise(left), normalise(right)) / 100


def _texts(documents: list[Document], min_length: int) -> list[tuple[ProvisionRef, str]]:
    """Every provision long enough to count, with its normalised text."""
    texts: list[tuple[ProvisionRef, str]] = []
    for document in documents:
        agreement_id = document.source.agreement_id
        for provision in document.walk():
            text = normalise(provision.text)
            if len(text) >= min_length:
                texts.append((ProvisionRef(agreement_id, provision.eid), text))
    return texts


def find_reuse(
    documents: list[Document],
    threshold: float = THRESHOLD,
    min_length: int = MIN_LENGTH,
    workers: int = 1,
) -> list[ReusePair]:
    """Every pair of provisions of different agreements that reuse each other, sorted.

    Each pair appears once, its left provision being the smaller ``ProvisionRef``; the
    similarity is rounded to four decimals (what the graph stores), so the output is the same
    on every run and platform.

    How, in time near-linear in the corpus: provisions with the same normalised text are
    grouped first (every pair of them across agreements scores 1.0); the distinct texts go
    through a MinHash index (:mod:`digicoop.reuse_index`), and only its candidate pairs that
    the length bound allows are scored, exactly as :func:`find_reuse_exhaustive` scores them
    (rapidfuzz over ``workers`` threads). The index can miss a pair whose edits are spread
    every few words (see its module doc); on every corpus the project has, it finds the same
    pairs as scoring every pair (tests/test_reuse.py).
    """
    groups: dict[str, list[ProvisionRef]] = {}
    for ref, text in _texts(documents, min_length):
        groups.setdefault(text, []).append(ref)
    distinct = sorted(groups)
    pairs: list[ReusePair] = []
    for text in distinct:
        pairs.extend(_across(groups[text], groups[text], 1.0))
    candidates = reuse_index.candidate_pairs(distinct)
    lengths = np.array([len(text) for text in distinct])
    if len(candidates):
        short = np.minimum(lengths[candidates[:, 0]], lengths[candidates[:, 1]])
        long = np.maximum(lengths[candidates[:, 0]], lengths[candidates[:, 1]])
        candidates = candidates[short * (2 - threshold) >= long * threshold - 1e-9]
    scores = (
        process.cpdist(
            [distinct[i] for i in candidates[:, 0]],
            [distinct[j] for j in candidates[:, 1]],
            scorer=fuzz.ratio,
            score_cutoff=threshold * 100,
            workers=workers,
        )
        if len(candidates)
        else np.zeros(0)
    )
    for (i, j), score in zip(candidates.tolist(), np.asarray(scores).tolist(), strict=True):
        if score:
            exact = fuzz.ratio(distinct[i], distinct[j])
            pairs.extend(_across(groups[distinct[i]], groups[distinct[j]], round(exact / 100, 4)))
    return sorted(pairs)


def _across(
    lefts: list[ProvisionRef], rights: list[ProvisionRef], similarity: float
) -> list[ReusePair]:
    """Each pair of provisions of different agreements, one from each list, once."""
    found = set()
    for a in lefts:
        for b in rights:
            if a.agreement_id != b.agreement_id:
                found.add(ReusePair(min(a, b), max(a, b), similarity))
    return list(found)


def find_reuse_exhaustive(
    documents: list[Document],
    threshold: float = THRESHOLD,
    min_length: int = MIN_LENGTH,
    workers: int = 1,
) -> list[ReusePair]:
    """:func:`find_reuse` by scoring every pair of texts within reach of each other's length
    (the reference the index is tested and measured against; quadratic).

    Why not every pair: the comparisons grow with the square of the provisions (28 s at 50
    synthetic agreements, hours at 500). Two texts can only reach ``threshold`` if the
    shorter has at least ``threshold / (2 - threshold)`` of the longer's length (Indel
    similarity is at most ``2 * shorter / (shorter + longer)``), so the texts are sorted by
    length and each block is compared, in rapidfuzz's C++ ``cdist`` over ``workers``
    threads, only with the texts inside that window: the same pairs, a quarter of the work
    on the synthetic corpus, and no Python per pair.
    """
    texts = _texts(documents, min_length)
    texts.sort(key=lambda item: (len(item[1]), item[0]))
    strings = [text for _, text in texts]
    lengths = np.array([len(text) for text in strings])
    cutoff = threshold * 100
    widest = (2 - threshold) / threshold
    pairs = []
    for start in range(0, len(texts), _BLOCK):
        stop = min(start + _BLOCK, len(texts))
        end = int(np.searchsorted(lengths, lengths[stop - 1] * widest, side="right"))
        scores = process.cdist(
            strings[start:stop],
            strings[start:end],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            workers=workers,
        )
        for i, j in zip(*np.nonzero(scores), strict=True):
            a, b = texts[start + i][0], texts[start + j][0]
            if start + j <= start + i or a.agreement_id == b.agreement_id:
                continue
            score = fuzz.ratio(strings[start + i], strings[start + j])
            left, right = (a, b) if a < b else (b, a)
            pairs.append(ReusePair(left, right, round(score / 100, 4)))
    return sorted(pairs)


#: Texts compared per call of cdist (rows): bounds the score matrix to a few MiB.
_BLOCK = 256


__all__ = [
    "MIN_LENGTH",
    "THRESHOLD",
    "ProvisionRef",
    "ReusePair",
    "find_reuse",
    "find_reuse_exhaustive",
    "normalise",
]
