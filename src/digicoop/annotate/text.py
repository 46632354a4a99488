"""Sentences and clauses of clean provision text, as spans (so quotes keep their offsets)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# A sentence ends at . ; ! or ? followed by space and a capital, a quote or an item marker,
# or at the end of the text. Abbreviations common in the texts do not end sentences, nor do
# initials ("U.S. Government", "Joseph R. Biden", "H.H. Sheikh").
_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bNo)(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bJr)"
    r"[.!?](?=\s+[A-Z“\"(]|\s*$)"
)


#: How many texts each per-text cache of the annotators keeps (sentences, tokens, matches,
#: findings): more than one agreement's provisions and sentences, so that the readers of one
#: agreement find each other's work, and few enough that a worker's memory stays flat over a
#: build of thousands (about 100 MB of caches in all when every one is full).
TEXT_CACHE = 4096


@lru_cache(maxsize=TEXT_CACHE)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text``, stripped of surrounding space.

    Kept per text: a dozen readers split every provision (modality, clauses, terms, roles,
    bodies…), and a corpus repeats its clauses; the spans depend on the text alone."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        spans.extend(_strip(text, start, match.end()))
        start = match.end()
    spans.extend(_strip(text, start, len(text)))
    return tuple(spans)


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def sentence_at(text: str, position: int) -> tuple[int, int]:
    for start, end in sentences(text):
        if start <= position < end:
            return start, end
    return 0, len(text)


_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\bJr|\bMr|\bMrs|\bDr|\bSt|U\.S|H\.H)\.$")


def whole_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences not cut after an initial or an abbreviation ("Joseph R. Biden", "U.S.
    National Security Advisor"), as names and titles in openings need."""
    merged: list[tuple[int, int]] = []
    for start, end in sentences(text):
        if merged and _ABBREVIATED.search(text[merged[-1][0] : merged[-1][1]]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
