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
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
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


@dataclass
class Memo:
    """What :func:`find_reuse_links` works out from one text alone, kept between runs (the
    build keeps it in its cache): each provision text's normalised form, and each normalised
    text's MinHash band keys. Why: at 500 agreements these took about half of a run that
    an added agreement changes only a little. :meth:`used` is what the runs since it was
    made or loaded looked up (the build runs once per memo), so that what is kept does not
    outgrow the corpus."""

    normalised: dict[str, str] = field(default_factory=dict)
    keys: dict[str, NDArray[np.uint64]] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set, repr=False)
    _seen_keys: set[str] = field(default_factory=set, repr=False)
    _grew: bool = field(default=False, repr=False)

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

    def stale(self) -> bool:
        """Whether :meth:`used` differs from what this memo held when made or loaded: a text
        worked out, or one no longer looked up."""
        unused = len(self._seen) != len(self.normalised) or len(self._seen_keys) != len(self.keys)
        return self._grew or unused

    def used(self) -> Memo:
        """A memo of what the last run looked up only."""
        return Memo(
            {text: self.normalised[text] for text in self._seen if text in self.normalised},
            {text: self.keys[text] for text in self._seen_keys if text in self.keys},
        )

    def __getstate__(self) -> tuple[dict[str, str], dict[str, NDArray[np.uint64]]]:
        return self.normalised, self.keys

    def __setstate__(self, state: tuple[dict[str, str], dict[str, NDArray[np.uint64]]]) -> None:
        self.normalised, self.keys = state
        self._seen, self._seen_keys, self._grew = set(), set(), False


def _texts(
    documents: list[Document], min_length: int, memo: Memo
) -> list[tuple[ProvisionRef, str]]:
    """Every provision long enough to count, with its normalised text."""
    texts: list[tuple[ProvisionRef, str]] = []
    for document in documents:
        agreement_id = document.source.agreement_id
        for provision in document.walk():
            text = memo.normalise(provision.text)
            if len(text) >= min_length:
                texts.append((ProvisionRef(agreement_id, provision.eid), text))
    return texts


@dataclass(frozen=True, order=True)
class ReuseLink:
    """A provision that repeats, near-verbatim, the wording of an earlier provision of
    another agreement: its ``source`` (see :func:`find_reuse_links`)."""

    provision: ProvisionRef
    source: ProvisionRef
    similarity: float


def find_reuse_links(
    documents: list[Document],
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
    texts = _texts(documents, min_length, memo)
    order = {ref: position for position, (ref, _) in enumerate(texts)}
    rank = {
        ref: (dates.get(ref.agreement_id) or "~", ref.agreement_id, order[ref]) for ref in order
    }
    groups: dict[str, list[ProvisionRef]] = {}
    for ref, text in sorted(texts, key=lambda item: rank[item[0]]):
        groups.setdefault(text, []).append(ref)
    distinct = list(groups)  # by first occurrence in corpus order
    keys = memo.band_keys(distinct)
    index = reuse_index.Index()
    links = []
    for i, text in enumerate(distinct):
        earlier = _most_similar(text, [distinct[j] for j in index.candidates(keys[i])], threshold)
        index.add(i, keys[i])
        wordings = [(groups[text], 1.0)] + [(groups[other], score) for other, score in earlier]
        for ref in groups[text]:
            link = _link(ref, wordings, rank)
            if link is not None:
                links.append(link)
    return sorted(links, key=link_key)


def link_key(link: ReuseLink) -> tuple[str, str, str, str, float]:
    """ReuseLink's own order and identity, as a tuple (a dataclass compares in Python,
    slowly)."""
    provision, source = link.provision, link.source
    return (provision.agreement_id, provision.eid, source.agreement_id, source.eid, link.similarity)


def _most_similar(text: str, others: list[str], threshold: float) -> list[tuple[str, float]]:
    """``others`` near-verbatim to ``text``, most similar first (ties: as given), scored."""
    scored = []
    for other in others:
        shorter, longer = sorted((len(text), len(other)))
        if shorter * (2 - threshold) < longer * threshold - 1e-9:
            continue  # Indel similarity is at most 2 * shorter / (shorter + longer)
        score = fuzz.ratio(text, other, score_cutoff=threshold * 100)
        if score:
            scored.append((other, round(score / 100, 4)))
    return sorted(scored, key=lambda pair: -pair[1])


def _link(
    ref: ProvisionRef,
    wordings: list[tuple[list[ProvisionRef], float]],
    rank: Mapping[ProvisionRef, tuple[str, str, int]],
) -> ReuseLink | None:
    """``ref``'s link to the first of ``wordings`` (occurrences in corpus order, similarity)
    that occurs before it in another agreement, at that first occurrence."""
    for occurrences, score in wordings:
        for other in occurrences:
            if rank[other] >= rank[ref]:
                break
            if other.agreement_id != ref.agreement_id:
                return ReuseLink(ref, other, score)
    return None


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
    "ProvisionRef",
    "ReuseLink",
    "ReusePair",
    "find_reuse_exhaustive",
    "find_reuse_links",
    "link_key",
    "normalise",
]
