"""What each provision does in its instrument: its clause types, with the words that show it.

The clause-type scheme (ontology/clause-types.ttl) is data: cue phrases per clause type,
labels that headings use, and the collection of substantive types decided last. A
provision's type is read, in this order, from

1. cue phrases of a specific clause in its own words ("subject to the availability of
   funds": funding). Final clauses about the instrument itself (legal status, duration,
   renewal…) count only in a sentence that refers to the instrument or its participants
   ("this Memorandum", "either Participant"), so that "commencing advanced training" in a
   fact sheet is no commencement clause;
2. the chapeau it completes ("…may be implemented through the followings:") or the nearest
   heading that names a clause type ("Confidentiality", "Areas of Cooperation");
3. its place: a recital is context; the signature block is the signature;
4. the substantive collection: what it undertakes (areas of cooperation), else the views it
   states (principles), else what it reports (context).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import SKOS, Graph, Literal

from digicoop.annotate.lemmas import LemmaMatcher
from digicoop.annotate.phrases import Match
from digicoop.annotate.records import ConceptLink, Quote
from digicoop.annotate.text import sentences
from digicoop.model import Provision
from digicoop.vocab import CLAUSE, DCO

_FILE = "clause-types.ttl"

# The instrument or its participants, as a text refers to itself.
_SELF = re.compile(
    r"\b(?i:this|the)\s+(?:[A-Z][\w.-]*\s+){0,5}?(?:Memorandum|MO[CU]|Mo[CU]|Framework|Agreement|"
    r"Arrangement|Partnership|Declaration|Statement|[Ii]nstrument|Understanding|Charter)\b"
    r"|\b(?i:either|each|both|neither|the|other)\s+(?i:participant|side|part(?:y|ies)|countr(?:y|ies))s?\b"
    r"|\b(?:[Dd]iscontinuation|[Tt]ermination)\b|^\s*(?:It|This)\b",
)
# A participant setting up or launching a named body: "launching the new Strategic
# High-Level Dialogue on Technology", "establishing a … Response Group".
_SETS_UP = re.compile(
    r"\b(?:establish|launch|set\s+up|creat|convene)\w*\s+(?:(?:the|a|an|new)\s+)*"
    r"(?:[A-Z0-9][\w.’'&/-]*\s+(?:(?:of|for|on|and|the)\s+)?){1,8}?"
    r"(?:Council|Group|Committee|Dialogue|Mechanism|Platform|Forum|Task\s+Force|Board|Commission)\b"
)
_GERUND = re.compile(r"^[A-Z][a-z]+ing\b")
_ITEMS = ("item", "subitem", "point")


@dataclass(frozen=True)
class ClauseLexicon:
    cues: LemmaMatcher  # cue phrase -> clause type
    headings: LemmaMatcher  # label -> clause type
    substance: tuple[str, ...]  # the collection's members, in the order they are weighed
    listed: frozenset[str]  # types a chapeau passes to the items it introduces
    self_referring: frozenset[str]  # types whose cues need a reference to the instrument


@cache
def load_clauses(ontology_dir: Path) -> ClauseLexicon:
    graph = Graph().parse(ontology_dir / _FILE, format="turtle")
    scheme = CLAUSE.scheme
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
    cues = [
        (str(cue), str(c)) for c in concepts for cue in sorted(map(str, graph.objects(c, DCO.cue)))
    ]
    labels = [
        (str(label), str(c))
        for c in concepts
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for label in sorted(map(str, graph.objects(c, prop)))
    ]
    members = {str(m) for m in graph.objects(CLAUSE.substance, SKOS.member)}
    order = [str(CLAUSE[name]) for name in ("areas-of-cooperation", "principles", "context")]
    substance = tuple(c for c in order if c in members)
    substance += tuple(sorted(members - set(substance)))
    self_referring = frozenset(
        str(c) for c in concepts if (c, DCO.refersToInstrument, Literal(True)) in graph
    )
    listed = frozenset(str(m) for m in graph.objects(CLAUSE.listed, SKOS.member))
    return ClauseLexicon(
        LemmaMatcher(cues), LemmaMatcher(labels), substance, listed, self_referring
    )


def _specific(provision: Provision, lexicon: ClauseLexicon) -> dict[str, ConceptLink]:
    text = provision.text
    spans = list(sentences(text))
    links: dict[str, ConceptLink] = {}
    for body in _SETS_UP.finditer(text):
        governance = str(CLAUSE["governance-body"])
        links.setdefault(
            governance,
            ConceptLink(provision, governance, Quote(provision, body.start(), body.end())),
        )
    for match in lexicon.cues.find(text):
        if match.key in lexicon.substance or match.key in links:
            continue
        if match.key in lexicon.self_referring:
            start, end = next(((s, e) for s, e in spans if s <= match.start < e), (0, len(text)))
            if not _SELF.search(text[start:end]):
                continue
        links[match.key] = ConceptLink(
            provision, match.key, Quote(provision, match.start, match.end)
        )
    return links


def _substance(
    provision: Provision, lexicon: ClauseLexicon, fallback: bool = True
) -> ConceptLink | None:
    """Areas of cooperation if some sentence undertakes something, else principles if one
    states a view, else context. A sentence is read by its first cue: "We recognize that …
    to promote …" states a view; "We will launch … to recognize …" undertakes."""
    text = provision.text
    if not text.strip():
        return None
    first: dict[str, Match] = {}
    cues = [m for m in lexicon.cues.find(text) if m.key in lexicon.substance]
    for start, end in sentences(text):
        leading = next((m for m in cues if start <= m.start < end), None)
        if leading is not None:
            first.setdefault(leading.key, leading)
    for concept in lexicon.substance:
        if concept in first:
            m = first[concept]
            return ConceptLink(provision, concept, Quote(provision, m.start, m.end))
    areas = lexicon.substance[0]
    offset = len(text) - len(text.lstrip())
    if gerund := _GERUND.match(text[offset:]):
        quote = Quote(provision, offset + gerund.start(), offset + gerund.end())
        return ConceptLink(provision, areas, quote)
    if not fallback:
        return None
    start, end = next(iter(sentences(text)))
    concept = areas if provision.kind in _ITEMS else lexicon.substance[-1]
    return ConceptLink(provision, concept, Quote(provision, start, end))


def _undertaken_besides(
    provision: Provision, own: dict[str, ConceptLink], lexicon: ClauseLexicon
) -> list[ConceptLink]:
    """Areas of cooperation, when a sentence without any specific cue undertakes something
    ("…committed to establish biannual dialogues. Together we are taking important steps to
    enhance…")."""
    text = provision.text
    areas = lexicon.substance[0]
    taken = [m.start for m in lexicon.cues.find(text) if m.key not in lexicon.substance]
    taken += [m.start() for m in _SETS_UP.finditer(text)]
    for start, end in sentences(text):
        if any(start <= s < end for s in taken):
            continue
        leading = next(
            (m for m in lexicon.cues.find(text[start:end]) if m.key in lexicon.substance), None
        )
        if leading is not None and leading.key == areas:
            quote = Quote(provision, start + leading.start, start + leading.end)
            return [ConceptLink(provision, areas, quote)]
    return []


def chapeau_types(
    chapeau: Provision, own: Sequence[ConceptLink], lexicon: ClauseLexicon
) -> list[ConceptLink]:
    """What a chapeau makes of the items it introduces: the kind its last words name ("in
    the following areas:", "the following shared principles:"), else its own listed types
    ("…may be implemented through the followings:")."""
    text = chapeau.text.rstrip()
    following = text.lower().rfind("following")
    tail = following if following >= 0 else max(0, text.rfind(" ", 0, max(0, len(text) - 40)))
    links: dict[str, ConceptLink] = {}
    for match in lexicon.headings.find(text[tail:]):
        if match.key in lexicon.listed:
            quote = Quote(chapeau, tail + match.start, tail + match.end)
            links.setdefault(match.key, ConceptLink(chapeau, match.key, quote))
    if links:
        return list(links.values())
    return [link for link in own if link.concept in lexicon.listed]


def from_heading(provision: Provision, lexicon: ClauseLexicon) -> list[ConceptLink]:
    """Clause types a provision's own heading names, the whole heading being a label
    ("Confidentiality", "Areas of Cooperation"); a heading that only contains one
    ("Implementation, Enforcement, and Final Provisions") names no single clause."""
    if not provision.heading:
        return []
    heading = provision.heading
    words = [m.span() for m in re.finditer(r"[^\W_]+", heading)]
    if not words:
        return []
    links: dict[str, ConceptLink] = {}
    for match in lexicon.headings.find(heading):
        if (match.start, match.end) != (words[0][0], words[-1][1]):
            continue
        quote = Quote(provision, match.start, match.end, in_heading=True)
        links.setdefault(match.key, ConceptLink(provision, match.key, quote))
    return list(links.values())


def clause_types(
    provision: Provision,
    lexicon: ClauseLexicon,
    context: Callable[[], tuple[str, Sequence[ConceptLink]]],
) -> list[ConceptLink]:
    """The clause types of one provision. ``context`` gives the types its chapeau
    (``"chapeau"``) or its nearest typed heading (``"heading"``) implies; it is asked only
    when the provision's own words decide nothing specific. A chapeau's list type binds the
    items that complete it; a heading's substantive type yields to the provision's words."""
    if provision.kind == "title" or not provision.text.strip():
        return []
    if is_heading_only(provision):
        return []  # a heading groups clauses; it is none itself
    own = _specific(provision, lexicon)
    if own:
        if provision.kind == "signatures":
            return list(own.values())
        return [*own.values(), *_undertaken_besides(provision, own, lexicon)]
    if provision.kind == "signatures":
        signature = str(CLAUSE["signature"])
        return [ConceptLink(provision, signature, Quote(provision, 0, _first_line(provision)))]
    source, implied = context()
    inherited = [
        ConceptLink(provision, link.concept, link.quote)
        for link in implied
        # A heading "Intellectual Property" over "Malaysia shall protect intellectual
        # property" heads a commitment on substance, not a clause about the instrument.
        if link.concept not in lexicon.self_referring or _SELF.search(provision.text)
    ]
    binding = source == "chapeau" or any(k.concept not in lexicon.substance for k in inherited)
    if binding and inherited:
        return inherited
    if provision.kind in ("recital", "preamble"):
        start, end = next(iter(sentences(provision.text)))
        return [ConceptLink(provision, str(CLAUSE["context"]), Quote(provision, start, end))]
    own_words = _substance(provision, lexicon, fallback=not inherited)
    return [own_words] if own_words is not None else inherited


def _first_line(provision: Provision) -> int:
    end = provision.text.find("\n")
    return end if end > 0 else len(provision.text)


def is_heading_only(provision: Provision) -> bool:
    return bool(provision.heading) and provision.text.strip() == (provision.heading or "").strip()


def is_chapeau(provision: Provision) -> bool:
    """A provision whose words end in a colon introduces the items that follow it."""
    return provision.text.rstrip().endswith(":")
