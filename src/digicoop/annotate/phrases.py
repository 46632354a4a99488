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

from digicoop.annotate.text import TEXT_CACHE

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
        self._exact = _Alternation.of(exact, flags=0, plural=False)
        self._folded = _Alternation.of(folded, flags=re.IGNORECASE, plural=True)
        self._exact_keys = exact
        self._folded_keys = {_normal(label): (key, label) for label, key in folded.items()}
        # Why kept per text: the same provision or sentence is asked about again (modality
        # reads each sentence for verbs three times over, citations every name candidate),
        # and a corpus repeats its clauses; the matches depend on the text alone.
        self._matches = lru_cache(maxsize=TEXT_CACHE)(self._all_matches)

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
        for alternation, exact in ((self._exact, True), (self._folded, False)):
            if alternation is None:
                continue
            for start in _STARTS.finditer(text):
                at = start.start()
                pattern = alternation.at(text[at])
                if pattern is None:
                    continue
                # The longest match at this start, then the shorter ones inside it
                # ("tech trade" inside "tech trade and investment").
                inner = pattern.match(text, at)
                while inner is not None:
                    end = inner.end()
                    if end == len(text) or (not text[end].isalnum() and text[end] != "_"):
                        key, phrase = self._key_for(inner.group(0), exact)
                        found.append(Match(at, end, key, phrase))
                    inner = pattern.match(text, at, end - 1) if end - 1 > at else None
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return tuple(found)

    def find(self, text: str, mask: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Leftmost-longest, non-overlapping matches outside the masked spans."""
        return leftmost_longest(self.find_all(text, mask))


#: Where a label may start: a character that is not a space, after none of a word's.
_STARTS = re.compile(r"(?<![\w])\S")
_APOSTROPHES = "'’"


@dataclass(frozen=True)
class _Alternation:
    """The labels as one regular expression, longest first (so that at a start the longest
    label matches first), and that expression cut by the labels' first character.

    Why cut: at a start only the labels beginning with its character can match, and trying
    the others is most of what one expression over hundreds of labels costs. A start on an
    ASCII character tries the labels of that character (folded when matching ignores case)
    and those beginning with anything else (an apostrophe, a letter beyond ASCII, which
    case folding may match to an ASCII one), in the same order as the whole; a start on any
    other character tries the whole expression. The matches are the whole expression's."""

    whole: re.Pattern[str]
    by_first: dict[str, re.Pattern[str]]
    others: re.Pattern[str] | None  # the labels of no ASCII first character
    folds: bool

    @classmethod
    def of(cls, labels: Iterable[str], flags: int, plural: bool) -> _Alternation | None:
        ordered = sorted(labels, key=lambda s: (-len(s), s))
        if not ordered:
            return None
        folds = bool(flags & re.IGNORECASE)

        def compiled(chosen: list[str]) -> re.Pattern[str]:
            alternation = "|".join(f"(?:{_pattern(label, plural)})" for label in chosen)
            return re.compile(f"{_BEFORE}(?:{alternation}){_AFTER}", flags)

        def first(label: str) -> str | None:
            char = label[0]
            if not char.isascii() or char in _APOSTROPHES:
                return None
            return char.lower() if folds else char

        keys = {first(label) for label in ordered} - {None}
        others = [label for label in ordered if first(label) is None]
        by_first = {
            key: compiled([label for label in ordered if first(label) in (key, None)])
            for key in sorted(k for k in keys if k is not None)
        }
        return cls(compiled(ordered), by_first, compiled(others) if others else None, folds)

    def at(self, char: str) -> re.Pattern[str] | None:
        """The expression to try at a start on ``char`` (``None``: no label can start so)."""
        if not char.isascii():
            return self.whole
        return self.by_first.get(char.lower() if self.folds else char, self.others)


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
