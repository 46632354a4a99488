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
_GERUND = re.compile(r"^[A-Z][a-z]+ing\b")


@dataclass(frozen=True)
class ClauseLexicon:
    cues: LemmaMatcher  # cue phrase -> clause type
    headings: LemmaMatcher  # label -> clause type
    substance: tuple[str, ...]  # the collection's members, in the order they are weighed
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
    return ClauseLexicon(LemmaMatcher(cues), LemmaMatcher(labels), substance, self_referring)


def _specific(provision: Provision, lexicon: ClauseLexicon) -> dict[str, ConceptLink]:
    text = provision.text
    spans = list(sentences(text))
    links: dict[str, ConceptLink] = {}
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


def _substance(provision: Provision, lexicon: ClauseLexicon) -> ConceptLink | None:
    text = provision.text
    if not text.strip():
        return None
    found: dict[str, Match] = {}
    for match in lexicon.cues.find(text):
        found.setdefault(match.key, match)
    for concept in lexicon.substance:
        if concept in found:
            m = found[concept]
            return ConceptLink(provision, concept, Quote(provision, m.start, m.end))
    if gerund := _GERUND.match(text.lstrip()):
        offset = len(text) - len(text.lstrip())
        quote = Quote(provision, offset + gerund.start(), offset + gerund.end())
        return ConceptLink(provision, lexicon.substance[0], quote)
    start, end = next(iter(sentences(text)))
    return ConceptLink(
        provision, lexicon.substance[-1] if lexicon.substance else "", Quote(provision, start, end)
    )


def from_heading(provision: Provision, lexicon: ClauseLexicon) -> list[ConceptLink]:
    """Clause types a provision's own heading names ("Confidentiality")."""
    if not provision.heading:
        return []
    links: dict[str, ConceptLink] = {}
    for match in lexicon.headings.find(provision.heading):
        quote = Quote(provision, match.start, match.end, in_heading=True)
        links.setdefault(match.key, ConceptLink(provision, match.key, quote))
    return list(links.values())


def clause_types(
    provision: Provision,
    lexicon: ClauseLexicon,
    context: Callable[[], Sequence[ConceptLink]],
) -> list[ConceptLink]:
    """The clause types of one provision. ``context`` gives the types its chapeau or its
    nearest typed heading implies; it is asked only when the provision's own words decide
    nothing specific."""
    if provision.kind == "title" or not provision.text.strip():
        return []
    if provision.heading and provision.text.strip() == provision.heading.strip():
        return []  # a heading groups clauses; it is none itself
    own = _specific(provision, lexicon)
    if own:
        return list(own.values())
    if provision.kind == "signatures":
        signature = str(CLAUSE["signature"])
        return [ConceptLink(provision, signature, Quote(provision, 0, _first_line(provision)))]
    inherited = [ConceptLink(provision, link.concept, link.quote) for link in context()]
    if inherited:
        return inherited
    if provision.kind in ("recital", "preamble") and provision.text.strip():
        start, end = next(iter(sentences(provision.text)))
        return [ConceptLink(provision, str(CLAUSE["context"]), Quote(provision, start, end))]
    link = _substance(provision, lexicon)
    return [link] if link is not None and link.concept else []


def _first_line(provision: Provision) -> int:
    end = provision.text.find("\n")
    return end if end > 0 else len(provision.text)


def is_chapeau(provision: Provision) -> bool:
    """A provision whose words end in a colon introduces the items that follow it."""
    return provision.text.rstrip().endswith(":")
