"""Label matching by lemma, so that a label's inflections follow from the language, not a list.

A vocabulary label in the singular ("quantum technology", "semiconductor supply chain")
must also find "quantum technologies" and "semiconductor supply chains", and a verb label
("localize data") "localizing data". Both the label and the text are split into words and
each word is reduced to its lemma by simplemma's English dictionary; a label matches where
its lemmas follow each other in the text with the same punctuation between them (hyphens
and spaces being the same: "privacy-enhancing" is "privacy enhancing").

simplemma rather than a Snowball stemmer (PyStemmer, snowballstemmer): a stemmer also merges
derivations, and in this field they mean different things: "government" and "governance"
both stem to "govern", "security" and "securities" to "secur". A lemmatiser reduces
inflection only. simplemma is maintained, pure Python, ships its dictionaries in the wheel
(nothing is downloaded at run time) and is deterministic.

Labels written in capitals ("AI", "HPC", "5G") are acronyms: they match as written, whole
words only, never lemmatised ("IT" is not "it").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import simplemma

from digicoop.annotate.phrases import Match, is_acronym, leftmost_longest
from digicoop.annotate.text import TEXT_CACHE

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SAME_GAP = str.maketrans("“”„«»", '"""""', " \t\r\n\u00a0-‐‑–—")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma of one word, case-folded ("Technologies" -> "technology")."""
    folded = word.casefold().replace("’", "'")
    return simplemma.lemmatize(folded, lang="en").casefold()


class _Token(NamedTuple):  # a tuple: made for every word of every text
    start: int
    end: int
    text: str
    lemma: str


@lru_cache(maxsize=TEXT_CACHE)
def _tokens(text: str) -> tuple[_Token, ...]:
    """The words of ``text`` with their lemmas, kept per text (every matcher reads them)."""
    return tuple(
        _Token(m.start(), m.end(), m.group(), lemma(m.group())) for m in _WORD.finditer(text)
    )


@lru_cache(maxsize=TEXT_CACHE)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lemmas and the words of ``text`` as tuples, so that a label's words compare with
    a window of the text's in one step."""
    tokens = _tokens(text)
    return tuple(t.lemma for t in tokens), tuple(t.text for t in tokens)


def _gap(text: str) -> str:
    """Punctuation between two words, with spaces and hyphens ignored and quotation marks
    of every kind made one."""
    return text.translate(_SAME_GAP)


@dataclass(frozen=True)
class _Label:
    words: tuple[str, ...]  # lemmas, or the words as written for an acronym label
    gaps: tuple[str, ...]  # punctuation between consecutive words
    exact: bool
    key: str
    phrase: str


def _compile(label: str, key: str) -> _Label | None:
    tokens = _tokens(label)
    if not tokens:
        return None
    exact = is_acronym(label)
    words = tuple(t.text if exact else t.lemma for t in tokens)
    gaps = tuple(_gap(label[a.end : b.start]) for a, b in pairwise(tokens))
    return _Label(words, gaps, exact, key, label)


class LemmaMatcher:
    """Finds labelled phrases by lemma; built once from (label, key) pairs.

    ``excluded`` pairs name phrases in which a key's labels do not stand for it ("fiscal
    space" for the topic space): a match of that key inside such a phrase is dropped.
    """

    def __init__(
        self, labels: Iterable[tuple[str, str]], excluded: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._by_first: dict[str, list[_Label]] = {}
        seen: set[tuple[tuple[str, ...], tuple[str, ...], bool]] = set()
        for label, key in labels:
            compiled = _compile(" ".join(label.split()), key)
            if compiled is None:
                continue
            signature = (compiled.words, compiled.gaps, compiled.exact)
            if signature in seen:  # first label wins, as in the vocabulary's order
                continue
            seen.add(signature)
            self._by_first.setdefault(compiled.words[0], []).append(compiled)
        for group in self._by_first.values():
            group.sort(key=lambda lab: -len(lab.words))
        self._excluded: LemmaMatcher | None = None
        excluded = list(excluded)
        if excluded:
            self._excluded = LemmaMatcher(excluded)
        # Why kept per text: annotators ask the same matcher about the same provision with
        # different masks (topics, clauses, citations), and a corpus repeats its clauses; the
        # matches depend on the text alone, a mask only removes some.
        self._matches = lru_cache(maxsize=TEXT_CACHE)(self._all_matches)

    def _at(self, text: str, tokens: Sequence[_Token], i: int) -> list[Match]:
        found: list[Match] = []
        token = tokens[i]
        lemmas, words = _words(text)
        candidates = self._by_first.get(token.lemma, [])
        if token.text != token.lemma:  # the same list twice would only find the same twice
            candidates = candidates + self._by_first.get(token.text, [])
        for label in candidates:
            n = len(label.words)
            if (words if label.exact else lemmas)[i : i + n] != label.words:
                continue
            window = tokens[i : i + n]
            gaps = tuple(_gap(text[a.end : b.start]) for a, b in pairwise(window))
            if gaps != label.gaps:
                continue
            found.append(Match(window[0].start, window[-1].end, label.key, label.phrase))
        return found

    def find_all(self, text: str, mask: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Every match outside the masked spans, overlapping ones included, in document
        order (at one start, the longest first)."""
        found = self._matches(text)
        if not mask:
            return list(found)
        return [m for m in found if not any(m.start < end and start < m.end for start, end in mask)]

    def _all_matches(self, text: str) -> tuple[Match, ...]:
        tokens = _tokens(text)
        excluded = self._excluded.find_all(text) if self._excluded is not None else []
        found: dict[tuple[int, int, str], Match] = {}
        starts = self._by_first
        for i, token in enumerate(tokens):
            if token.lemma not in starts and token.text not in starts:
                continue  # no label begins with this word (most words)
            for match in self._at(text, tokens, i):
                if any(
                    e.key == match.key and e.start <= match.start and match.end <= e.end
                    for e in excluded
                ):
                    continue
                found.setdefault((match.start, match.end, match.key), match)
        return tuple(sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start), m.key)))

    def find(self, text: str, mask: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Leftmost-longest, non-overlapping matches outside the masked spans."""
        return leftmost_longest(self.find_all(text, mask))
