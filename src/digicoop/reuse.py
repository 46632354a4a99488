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

Two provisions reuse each other when neither is a title or a heading
(:data:`digicoop.model.HEADING_KINDS`: "Cybersecurity", "Areas of Cooperation" or a title
in a common frame are alike everywhere and say nothing about drafting), both normalised
texts have at least :data:`MIN_LENGTH` characters (short lines are formulae) and their
similarity is at least :data:`THRESHOLD`. The threshold sits between pairs checked by reading: Denmark's and
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from digicoop import reuse_index
from digicoop.model import HEADING_KINDS, Document

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


#: A text's earlier near-verbatim wordings, most similar first, scored (see _most_similar).
Scored = tuple[tuple[str, float], ...]
_Earlier = dict[str, tuple[bytes, Scored, dict[str, float]]]
_State = tuple[dict[str, str], dict[str, NDArray[np.uint64]], _Earlier]


@dataclass
class Memo:
    """What :func:`find_reuse_links` worked out, kept between runs (the build keeps it in its
    cache): each provision text's normalised form; each normalised text's MinHash band keys;
    and each normalised text's scored earlier wordings with the signature of the texts the
    index gave it (:class:`digicoop.reuse_index.Filing`) and each of those texts' score.
    Why: at 500 agreements working these out again took nearly all of a run that an added
    agreement changes only a little; a text whose signature is unchanged found the same
    earlier texts, so its wordings stand, and one whose candidates changed is scored
    against the new candidates only.
    :meth:`used` is what the runs since it was made or loaded looked up (the build runs once
    per memo), so that what is kept does not outgrow the corpus."""

    normalised: dict[str, str] = field(default_factory=dict)
    keys: dict[str, NDArray[np.uint64]] = field(default_factory=dict)
    earlier: _Earlier = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set, repr=False)
    _seen_keys: set[str] = field(default_factory=set, repr=False)
    _seen_earlier: set[str] = field(default_factory=set, repr=False)
    _grew: bool = field(default=False, repr=False)
    #: Pairs of texts scored since made or loaded (the work :attr:`earlier` saves).
    pairs_scored: int = field(default=0, repr=False)

    def normalise(self, text: str) -> str:
        self._seen.add(text)
        found = self.normalised.get(text)
        if found is None:
            found = self.normalised[text] = normalise(text)
            self._grew = True
        return found

    def band_keys(self, texts: list[str]) -> NDArray[np.uint64]:
        """:func:`digicoop.reuse_index.band_keys` of ``texts`` (each text's own keys)."""
        self._seen_keys.update(texts)
        missing = [text for text in texts if text not in self.keys]
        if missing:
            self.keys.update(zip(missing, reuse_index.band_keys(missing), strict=True))
            self._grew = True
        if not texts:
            return np.zeros((0, reuse_index.BANDS), dtype=np.uint64)
        return np.stack([self.keys[text] for text in texts])

    def scored(self, text: str, signature: bytes) -> Scored | None:
        """``text``'s earlier wordings as last scored, if the index gave it the same texts
        (``signature``) then; else None."""
        self._seen_earlier.add(text)
        found = self.earlier.get(text)
        return found[1] if found is not None and found[0] == signature else None

    def scores(self, text: str) -> dict[str, float]:
        """Every pair's score last worked out for ``text``, by the other text (0.0 below
        the threshold): a text whose candidates changed is scored against the new only."""
        found = self.earlier.get(text)
        return found[2] if found is not None else {}

    def score(self, text: str, signature: bytes, scored: Scored, scores: dict[str, float]) -> None:
        """Keep ``text``'s earlier wordings, scored from the texts of ``signature``, and
        each of those texts' score."""
        self.pairs_scored += len(scores.keys() - self.scores(text).keys())
        self._seen_earlier.add(text)
        self.earlier[text] = (signature, scored, scores)
        self._grew = True

    def stale(self) -> bool:
        """Whether :meth:`used` differs from what this memo held when made or loaded: a text
        worked out, or one no longer looked up."""
        unused = (
            len(self._seen) != len(self.normalised)
            or len(self._seen_keys) != len(self.keys)
            or len(self._seen_earlier) != len(self.earlier)
        )
        return self._grew or unused

    def used(self) -> Memo:
        """A memo of what the last run looked up only."""
        return Memo(
            {text: self.normalised[text] for text in self._seen if text in self.normalised},
            {text: self.keys[text] for text in self._seen_keys if text in self.keys},
            {text: self.earlier[text] for text in self._seen_earlier if text in self.earlier},
        )

    def __getstate__(self) -> _State:
        return self.normalised, self.keys, self.earlier

    def __setstate__(self, state: _State) -> None:
        self.normalised, self.keys, self.earlier = state
        self._seen, self._seen_keys, self._seen_earlier, self._grew = set(), set(), set(), False
        self.pairs_scored = 0


@dataclass(frozen=True)
class Outline:
    """What the links read of a segmented document: its agreement's id, and each provision's
    eId, kind and text in reading order. Why: a build keeps it beside each document
    (digicoop.pipeline) and reads it back in a fifteenth of the time the document takes."""

    agreement_id: str
    provisions: tuple[tuple[str, str, str], ...]

    @staticmethod
    def of(document: Document) -> Outline:
        return Outline(
            document.source.agreement_id,
            tuple((p.eid, p.kind, p.text) for p in document.walk()),
        )


#: A text the links are found in: a segmented document or its outline.
Outlinable = Document | Outline


def _ranked(
    documents: Sequence[Outlinable],
    dates: Mapping[str, str | None],
    min_length: int,
    memo: Memo,
) -> list[tuple[tuple[str, str, int], ProvisionRef, str]]:
    """Every provision long enough to count, with its normalised text, in corpus order
    (agreements by date, undated last, then by id; within one, in reading order), each with
    its place in that order."""
    ranked = []
    for document in documents:
        outline = document if isinstance(document, Outline) else Outline.of(document)
        agreement_id = outline.agreement_id
        when = dates.get(agreement_id) or "~"
        place = 0
        for eid, kind, raw in outline.provisions:
            if kind in HEADING_KINDS:
                continue
            text = memo.normalise(raw)
            if len(text) >= min_length:
                ranked.append(((when, agreement_id, place), ProvisionRef(agreement_id, eid), text))
                place += 1
    ranked.sort(key=lambda entry: entry[0])
    return ranked


def _texts(
    documents: Sequence[Outlinable], min_length: int, memo: Memo
) -> list[tuple[ProvisionRef, str]]:
    """Every provision that counts (:func:`_ranked`), with its normalised text."""
    return [(ref, text) for _, ref, text in _ranked(documents, {}, min_length, memo)]


@dataclass(frozen=True, order=True)
class ReuseLink:
    """A provision that repeats, near-verbatim, the wording of an earlier provision of
    another agreement: its ``source`` (see :func:`find_reuse_links`)."""

    provision: ProvisionRef
    source: ProvisionRef
    similarity: float


def find_reuse_links(
    documents: Sequence[Outlinable],
    dates: Mapping[str, str | None] | None = None,
    threshold: float = THRESHOLD,
    min_length: int = MIN_LENGTH,
    memo: Memo | None = None,
) -> list[ReuseLink]:
    """Each provision's link to the earlier wording it repeats, at most one per provision,
    sorted.

    Why one link and not every pair: a clause that a hundred agreements repeat gives 4,950
    pairs, one per pair of copies, and the corpus would grow with the square of its size
    (1.3 million pairs at 500 synthetic agreements). Instead the provisions are read in
    *corpus order* (agreements by date, ``dates``: agreement id → ISO date, undated last;
    then by id; within one, in reading order), and a provision links back to the first
    earlier copy of its exact wording in another agreement (similarity 1.0) or, failing
    that, to the first earlier occurrence, in another agreement, of the most similar
    earlier wording at or above ``threshold``. Each link is a pair
    :func:`find_reuse_exhaustive` finds, and points back in time.

    How, in time near-linear in the corpus: identical texts are grouped; each distinct text,
    in corpus order, is looked up in a MinHash index (:mod:`digicoop.reuse_index`) of the
    earlier ones and scored exactly against what it finds there, then filed in it. The index
    keeps the first few wordings under each of its keys, so a clause with a hundred variants
    costs a bounded lookup; a wording whose only near-verbatim twins are all filed behind
    earlier variants under every key it shares would be missed (none is in the five, the dev
    corpus or the synthetic corpora: tests/test_reuse.py).

    ``memo``: what earlier runs worked out per text (:class:`Memo`); the same links with or
    without it.
    """
    dates = dates or {}
    memo = memo if memo is not None else Memo()
    groups: dict[str, list[tuple[tuple[str, str, int], ProvisionRef]]] = {}
    for place, ref, text in _ranked(documents, dates, min_length, memo):
        groups.setdefault(text, []).append((place, ref))
    distinct = list(groups)  # by first occurrence in corpus order
    earlier = _earlier(distinct, [groups[text][0][0] for text in distinct], threshold, memo)
    links = []
    for text, found in zip(distinct, earlier, strict=True):
        wordings = [(groups[text], 1.0)] + [(groups[other], score) for other, score in found]
        for place, ref in groups[text]:
            link = _link(place, ref, wordings)
            if link is not None:
                links.append(link)
    return sorted(links, key=link_key)


def _earlier(
    distinct: list[str], firsts: list[tuple[str, str, int]], threshold: float, memo: Memo
) -> list[Scored]:
    """Each of ``distinct`` (in corpus order, ``firsts`` their first places) scored against
    the earlier texts the MinHash index gives it (:class:`digicoop.reuse_index.Filing`),
    kept from the last run where those are the same texts in the same order (a text's id
    for the signature is its text, its first place and the threshold)."""
    filing = reuse_index.Filing(memo.band_keys(distinct))
    ids = reuse_index.text_ids(
        [f"{first}\n{text}" for first, text in zip(firsts, distinct, strict=True)],
        f"threshold {threshold!r}",
    )
    found: list[Scored] = []
    for item, (text, signature) in enumerate(zip(distinct, filing.signatures(ids), strict=True)):
        scored = memo.scored(text, signature)
        if scored is None:
            others = [distinct[j] for j in filing.candidates(item)]
            best, scores = _most_similar(text, others, threshold, memo.scores(text))
            scored = tuple(best)
            memo.score(text, signature, scored, scores)
        found.append(scored)
    return found


def link_key(link: ReuseLink) -> tuple[str, str, str, str, float]:
    """ReuseLink's own order and identity, as a tuple (a dataclass compares in Python,
    slowly)."""
    provision, source = link.provision, link.source
    return (provision.agreement_id, provision.eid, source.agreement_id, source.eid, link.similarity)


def _most_similar(
    text: str, others: list[str], threshold: float, known: Mapping[str, float] | None = None
) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """``others`` near-verbatim to ``text``, most similar first (ties: as given), scored;
    and every one of ``others``' score (0.0 below ``threshold``). ``known``: scores of
    pairs already worked out (by an earlier run), not worked out again."""
    known = known or {}
    scores = {}
    for other in others:
        score = known.get(other)
        scores[other] = _score(text, other, threshold) if score is None else score
    scored = [(other, score) for other, score in scores.items() if score]
    return sorted(scored, key=lambda pair: -pair[1]), scores


def _score(text: str, other: str, threshold: float) -> float:
    """The similarity of two normalised texts, rounded to four places, if at least
    ``threshold``; else 0.0."""
    shorter, longer = sorted((len(text), len(other)))
    if shorter * (2 - threshold) < longer * threshold - 1e-9:
        return 0.0  # Indel similarity is at most 2 * shorter / (shorter + longer)
    score = fuzz.ratio(text, other, score_cutoff=threshold * 100)
    return round(score / 100, 4) if score else 0.0


def _link(
    place: tuple[str, str, int],
    ref: ProvisionRef,
    wordings: list[tuple[list[tuple[tuple[str, str, int], ProvisionRef]], float]],
) -> ReuseLink | None:
    """``ref``'s (at ``place`` in corpus order) link to the first of ``wordings``
    (occurrences in corpus order with their places, similarity) that occurs before it in
    another agreement, at that first occurrence."""
    for occurrences, score in wordings:
        for other_place, other in occurrences:
            if other_place >= place:
                break
            if other.agreement_id != ref.agreement_id:
                return ReuseLink(ref, other, score)
    return None


def find_reuse_exhaustive(
    documents: Sequence[Outlinable],
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
    texts = _texts(documents, min_length, Memo())
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
    "Outlinable",
    "Outline",
    "ProvisionRef",
    "ReuseLink",
    "ReusePair",
    "find_reuse_exhaustive",
    "find_reuse_links",
    "link_key",
    "normalise",
]
