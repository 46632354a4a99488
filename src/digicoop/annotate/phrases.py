"""Whole-word phrase matching, the one way annotators find words in a text.

Matching is exact about words: a label matches only between word boundaries, so an acronym
never matches inside another word ("AI" is not in "said" nor in "MAIN"), and labels written
in capitals match only in capitals ("IT" the acronym, not "it" the pronoun). Other labels
match case-insensitively and also in the plural. Overlaps resolve leftmost-longest, so
"privacy-enhancing technologies" wins over "privacy".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_BEFORE = r"(?<![\w])"
_AFTER = r"(?![\w])"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str  # what the phrase stands for (a concept IRI, an entity slug…)
    phrase: str  # the label that matched


def is_acronym(label: str) -> bool:
    """Labels in capitals (digits and punctuation allowed) are matched case-sensitively."""
    letters = [c for c in label if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if len(letters) == 1:  # "G7", "5G": one capital with digits
        return upper == 1 and any(c.isdigit() for c in label)
    return bool(letters) and upper >= max(2, len(letters) - 1)


def _pattern(label: str, plural: bool) -> str:
    # Typographic and straight apostrophes are the same letter to a reader.
    words = ["['’]".join(re.escape(part) for part in re.split("['’]", w)) for w in label.split()]
    body = r"[\s\u00a0]+".join(words)
    if plural and label[-1:].isalpha():
        body += r"(?:s|es)?"
    return body


class PhraseMatcher:
    """Finds labelled phrases in text; built once from (label, key) pairs."""

    def __init__(self, labels: Iterable[tuple[str, str]]) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for label, key in labels:
            label = " ".join(label.split())
            if not label:
                continue
            if is_acronym(label):
                exact.setdefault(label, key)
            else:
                folded.setdefault(label.casefold(), key)
        self._exact = self._compile(exact, flags=0, plural=False)
        self._folded = self._compile(folded, flags=re.IGNORECASE, plural=True)
        self._exact_keys = exact
        self._folded_keys = {_normal(label): (key, label) for label, key in folded.items()}
        # Why kept per text: the same provision or sentence is asked about again (modality
        # reads each sentence for verbs three times over, citations every name candidate),
        # and a corpus repeats its clauses; the matches depend on the text alone.
        self._matches = lru_cache(maxsize=16384)(self._all_matches)

    @staticmethod
    def _compile(labels: dict[str, str], flags: int, plural: bool) -> re.Pattern[str] | None:
        if not labels:
            return None
        ordered = sorted(labels, key=lambda s: (-len(s), s))
        alternation = "|".join(f"(?:{_pattern(label, plural)})" for label in ordered)
        return re.compile(f"{_BEFORE}(?:{alternation}){_AFTER}", flags)

    def _key_for(self, phrase: str, exact: bool) -> tuple[str, str]:
        if exact:
            return self._exact_keys[phrase], phrase
        normal = _normal(phrase)
        for candidate in (normal, normal[:-1], normal[:-2]):
            if candidate in self._folded_keys:
                return self._folded_keys[candidate]
        raise KeyError(phrase)

    def find_all(self, text: str, mask: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Every match outside the masked spans, overlapping ones included (the longest at
        each start), in document order."""
        found = self._matches(text)
        if not mask:
            return list(found)
        return [match for match in found if not _overlaps(match, mask)]

    def _all_matches(self, text: str) -> tuple[Match, ...]:
        found: list[Match] = []
        for pattern, exact in ((self._exact, True), (self._folded, False)):
            if pattern is None:
                continue
            pos = 0
            while (m := pattern.search(text, pos)) is not None:
                # The longest match at this start, then the shorter ones inside it
                # ("tech trade" inside "tech trade and investment").
                inner: re.Match[str] | None = m
                while inner is not None and inner.start() == m.start():
                    end = inner.end()
                    if end == len(text) or (not text[end].isalnum() and text[end] != "_"):
                        key, phrase = self._key_for(inner.group(0), exact)
                        found.append(Match(inner.start(), end, key, phrase))
                    inner = (
                        pattern.search(text, m.start(), end - 1) if end - 1 > m.start() else None
                    )
                pos = m.start() + 1
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return tuple(found)

    def find(self, text: str, mask: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Leftmost-longest, non-overlapping matches outside the masked spans."""
        return leftmost_longest(self.find_all(text, mask))


def leftmost_longest(found: Sequence[Match]) -> list[Match]:
    chosen: list[Match] = []
    last_end = -1
    for match in found:
        if match.start < last_end:
            continue
        chosen.append(match)
        last_end = match.end
    return chosen


def _overlaps(match: Match, mask: Sequence[tuple[int, int]]) -> bool:
    return any(match.start < end and start < match.end for start, end in mask)


def _normal(phrase: str) -> str:
    return " ".join(phrase.replace("’", "'").split()).casefold()
