"""The topics a provision covers, as an attentive reader would list them.

A provision covers a topic when its own words name it, or when a heading above it names its
subject (every paragraph under the annex's "Cybersecurity" heading is about cybersecurity;
a group title such as "Secure, Resilient, and Protective of Privacy" names its topics in
passing and passes none down, see ``names_a_subject``). Two
kinds of mention do not count, because there the word merely appears:

* inside the name of something cited or of a body ("UK AI Standards Hub" is a citation,
  "Ministry of Digital Government" a participant, "Trans-Atlantic Data Privacy Framework" a
  name whatever the gazetteer knows), and
* inside a list of the areas something applies to ("in areas such as privacy, cybersecurity…")
  or a catalogue of examples ("e.g. chips for AI, 5G/6G, HPC"): it tells where something
  applies, not what the provision is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digicoop.annotate.lexicon import Lexicon
from digicoop.annotate.phrases import Match, leftmost_longest
from digicoop.annotate.records import ConceptLink, Quote
from digicoop.model import Provision

# "in areas such as A, B, C", "industries of the future including A, B", "technologies such
# as A": where something applies or examples of it, whatever the number of items.
_AREAS = re.compile(
    r"\b(?:areas|fields|sectors|domains|industries|technologies|mechanisms)\b"
    r"[^.;:]{0,60}?\b(?:such\s+as|including|like|e\.g\.)"
    r"|\bin\s+the\s+(?:areas|fields|sectors|domains)\s+of\b",
    re.IGNORECASE,
)
# "e.g. A, B, C": a catalogue of examples.
_EXAMPLES = re.compile(r"\b(?:e\.g\.|for\s+example|inter\s+alia|i\.e\.)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.)]|\band\s+(?:to|work|reflect)\b")
# A list of areas may run on through semicolons ("in the areas of A; B; and C;").
_LIST_END = re.compile(r"\.(?:\s|$)|\)|;\s*$|\band\s+(?:to|work|reflect)\b")
CATALOGUE = 1

# A proper name: capitalised words (with "of", "for", "on", "and", "the", "in" between) that
# end in, or start with, a word saying what kind of thing is named ("Trans-Atlantic Data
# Privacy Framework", "Partnership for Global Infrastructure and Investment"). The words of a
# topic inside such a name name the thing, not what the provision is about.
_HEAD = (
    r"(?:Agreement|Declaration|Statement|Convention|Treaty|Memorandum|Act|Charter|Principles|"
    r"Strategy|Plan|Programme|Program|Framework|Agenda|Roadmap|Forum|Dialogue|Committee|"
    r"Council|Group|Summit|Conference|Organi[sz]ation|Association|Union|Corporation|Centre|"
    r"Center|Commission|Institute|Bank|Fund|Initiative|Process|Partnership|Alliance|Hub|"
    r"Network|Toolbox|Project|Scheme|Consortium|Platform|Task\s+Force|Unit|Exercise|Challenge)"
)
_CAP_WORD = r"(?:[A-Z0-9][\w’'.&/-]*)"
_LINKER = r"(?:of|for|on|and|the|in|to|with)"
_NAME = re.compile(
    rf"(?:{_CAP_WORD}\s+){{2,}}(?:(?:{_LINKER}|{_CAP_WORD})\s+)*?{_HEAD}\b"
    rf"|\b{_HEAD}\s+(?:for|on|of)\s+(?:the\s+)?{_CAP_WORD}(?:\s+(?:{_LINKER}\s+)?{_CAP_WORD})*"
)


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of proper names with a kind word (see ``_NAME``)."""
    return [(m.start(), m.end()) for m in _NAME.finditer(text)]


def _inside_a_name(match: Match, names: Sequence[tuple[int, int]]) -> bool:
    """Strictly inside: a label that is the whole name ("Digital COVID Certificates") is the
    topic itself."""
    return any(
        s <= match.start and match.end <= e and (match.start, match.end) != (s, e) for s, e in names
    )


def _catalogue_masks(text: str, matches: Sequence[Match]) -> list[tuple[int, int]]:
    masks = []
    for pattern, minimum, ends in ((_AREAS, 1, _LIST_END), (_EXAMPLES, CATALOGUE, _CLAUSE_END)):
        for trigger in pattern.finditer(text):
            end_match = ends.search(text, trigger.end())
            end = end_match.start() if end_match else len(text)
            inside = [m for m in matches if trigger.end() <= m.start < end]
            if len(inside) >= minimum:
                masks.append((trigger.start(), end))
    return masks


def _unrelated_overlaps(found: Sequence[Match], lexicon: Lexicon) -> list[Match]:
    """Leftmost-longest matches, plus the phrases inside them that name an unrelated topic.

    "privacy-enhancing technologies" does not also count as "privacy" (a narrower topic
    implies its broader one), but "green data centres" names both green digitalisation and
    data centres, and "tech trade and investment" both digital trade and investment."""
    chosen = leftmost_longest(found)
    extra = [
        inner
        for inner in found
        if inner not in chosen
        and all(
            not (outer.start <= inner.start and inner.end <= outer.end)
            or not lexicon.related(inner.key, outer.key)
            for outer in chosen
        )
        and any(outer.start <= inner.start and inner.end <= outer.end for outer in chosen)
    ]
    return sorted([*chosen, *extra], key=lambda m: (m.start, m.end))


def own_topics(
    provision: Provision, lexicon: Lexicon, mask: Sequence[tuple[int, int]]
) -> list[ConceptLink]:
    """Topics named in the provision's own text (or heading), one link per topic."""
    links: dict[str, ConceptLink] = {}
    text = provision.text
    matches = _unrelated_overlaps(lexicon.topics.find_all(text, mask), lexicon)
    catalogues = _catalogue_masks(text, matches)
    names = name_spans(text)
    for match in matches:
        if any(s <= match.start < e for s, e in catalogues) or _inside_a_name(match, names):
            continue
        links.setdefault(
            match.key, ConceptLink(provision, match.key, Quote(provision, match.start, match.end))
        )
    return list(links.values())


def heading_topics(provision: Provision, lexicon: Lexicon) -> list[ConceptLink]:
    """Topics a provision's heading names ("Cybersecurity", "Pillar Two: Data")."""
    if not provision.heading or provision.kind in ("title", "signatures"):
        return []
    links: dict[str, ConceptLink] = {}
    heading = provision.heading
    for match in _unrelated_overlaps(lexicon.topics.find_all(heading), lexicon):
        quote = Quote(provision, match.start, match.end, in_heading=True)
        links.setdefault(match.key, ConceptLink(provision, match.key, quote))
    return list(links.values())


# Words a heading is built with that say nothing of its subject.
_SMALL_WORDS = re.compile(
    r"(?:a|an|the|of|and|or|in|on|for|to|by|with|at|from|as|our|their|its|this|these|that)",
    re.IGNORECASE,
)
_HEADING_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def names_a_subject(heading: str, lexicon: Lexicon) -> bool:
    """Whether a heading is made mostly of topic labels, and so names what everything under
    it is about ("Cybersecurity", "Supply chain resilience: semiconductors", "Pursuing
    Quantum, Artificial Intelligence, and High-Performance Computing").

    A heading that describes instead ("Secure, Resilient, and Protective of Privacy" over a
    group of principles, "Reaching New Heights in Civilian and Defense Space Technology
    Cooperation") names its topics in passing: each provision under it covers only the ones
    its own words name. The words counted are the heading's content words (not its small
    words, nor an opening verb in -ing, which says what is done to the subject); the
    heading names a subject when topic labels cover more than half of them."""
    spans = [(m.start, m.end) for m in lexicon.topics.find_all(heading)]
    words = [w for w in _HEADING_WORD.finditer(heading) if not _SMALL_WORDS.fullmatch(w.group(0))]
    if words and words[0].group(0).casefold().endswith("ing") and len(words) > 1:
        words = words[1:]
    if not words:
        return False
    covered = sum(any(s <= w.start() and w.end() <= e for s, e in spans) for w in words)
    return covered * 2 > len(words)
