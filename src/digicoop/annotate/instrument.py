"""What kind of instrument a text is, and whether it says it binds.

The kind is what the text calls itself: the title's first wording that names a kind in
kind:scheme (ontology/schemes.ttl), the longest at that place ("Joint Leaders' Statement"
before "Statement"); a title that names none leaves the text's reference to itself ("this
Memorandum") to decide. The first wording counts, because a title names its own kind before
what it is about ("Joint Statement on a … Framework on an Agreement …").

Legal status is read only from sentences about the text itself ("This Memorandum … is not
intended to be legally binding", "This Agreement shall enter into force"), so that a
declaration that welcomes "the non-binding … Framework" of someone else is not taken to say
so of itself. Where no such sentence exists the status is not stated and nothing is asserted.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

from rdflib import SKOS, Graph, URIRef

from digicoop.annotate.parties import load_parties
from digicoop.annotate.phrases import Match, PhraseMatcher
from digicoop.annotate.records import Quote, Valued
from digicoop.annotate.text import sentences
from digicoop.model import Provision

KIND_SCHEME = URIRef("https://w3id.org/digicoop/kind/scheme")

_NON_BINDING = re.compile(
    r"\b(?:not\b[^.;]*\b(?:legally\s+binding|binding|legal\s+(?:rights|obligations|claim)|"
    r"rights\s+or\s+obligations|international\s+agreement|treaty)|non-binding)",
    re.IGNORECASE,
)
_BINDING = re.compile(
    r"\b(?:shall\s+enter\s+into\s+force|(?:is|are|be)\s+(?:legally\s+)?binding\s+on|"
    r"subject\s+to\s+ratification|instruments?\s+of\s+ratification)\b",
    re.IGNORECASE,
)


@cache
def load_kinds(ontology_dir: Path) -> PhraseMatcher:
    graph = Graph().parse(ontology_dir / "schemes.ttl", format="turtle")
    pairs: list[tuple[str, str]] = []
    for concept in sorted(graph.subjects(SKOS.inScheme, KIND_SCHEME), key=str):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            pairs.extend((str(label), str(concept)) for label in graph.objects(concept, prop))
    return PhraseMatcher(pairs)


# A lower-case letter running into a capitalised word: a lost break ("StatementBuilding").
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# What may stand between two party names that are one adjective ("U.S.-Israel", "U.S. - EU").
_JOINER = re.compile(r"^[\s\u00a0\-–—/]*$")


def _title_view(text: str, ontology_dir: Path) -> str:
    """The title as its kind is looked for in it: party names, and the hyphens or dashes that
    join them, blanked to spaces. The view keeps the title's length, so offsets are the
    title's own and the evidence quotes the words as written ("Joint U.S.-Israel
    Statement"); a kind's label never holds a party's name, so nothing else changes."""
    view = list(text)
    found = load_parties(ontology_dir).find(text)
    for match in found:
        view[match.start : match.end] = " " * (match.end - match.start)
    for left, right in pairwise(found):
        if _JOINER.match(text[left.end : right.start]):
            view[left.end : right.start] = " " * (right.start - left.end)
    return "".join(view)


def _kind_in_title(text: str, ontology_dir: Path) -> Match | None:
    """The first kind the title names. A title run into its subtitle ("Joint Leaders'
    StatementBuilding an Innovation Alliance": the line break lost in publishing) is read as
    two parts, split where a lower-case letter runs into a capitalised word."""
    kinds = load_kinds(ontology_dir)
    view = _title_view(text, ontology_dir)
    cuts = [0, *(m.start() for m in _CAMEL_JOIN.finditer(view)), len(view)]
    for start, end in pairwise(cuts):
        found = kinds.find(view[start:end])
        if found:
            first = found[0]
            return Match(start + first.start, start + first.end, first.key, first.phrase)
    return None


def _self_reference(kinds: PhraseMatcher) -> re.Pattern[str]:
    return re.compile(r"\b(?:[Tt]his|[Tt]he\s+present)\s+(?P<kind>[A-Z][\w’' -]+)")


def read_kind(
    title: Provision | None, provisions: list[Provision], ontology_dir: Path
) -> Valued | None:
    """The kind concept and the words that name it."""
    kinds = load_kinds(ontology_dir)
    if title is not None and title.text:
        first = _kind_in_title(title.text, ontology_dir)
        if first is not None:
            return Valued(first.key, Quote(title, first.start, first.end))
    pattern = _self_reference(kinds)
    for provision in provisions:
        if provision.kind in ("title", "signatures"):
            continue
        for m in pattern.finditer(provision.text):
            inside = kinds.find(m.group("kind"))
            if inside and inside[0].start == 0:
                start = m.start("kind") + inside[0].start
                return Valued(inside[0].key, Quote(provision, start, start + inside[0].end))
    return None


_SELF_KIND = (
    r"(?:[A-Z][\w’'-]*\s+)*?(?:Memorandum|Agreement|Framework|Arrangement|Statement|Declaration|"
    r"Partnership|Understanding|MoC|MoU|MOC|MOU)\b"
)
_THIS = re.compile(rf"\b(?:[Tt]his|[Tt]he\s+present)\s+{_SELF_KIND}")
_THE = re.compile(rf"^(?:[a-z0-9]+[.)]\s*)?The\s+{_SELF_KIND}")


def _about_itself(sentence: str) -> bool:
    """Whether a sentence speaks of the text itself: "this Memorandum …" anywhere, or "The
    Partnership …" as its subject."""
    return bool(_THIS.search(sentence) or _THE.match(sentence))


def read_legal_status(provisions: list[Provision]) -> Valued | None:
    """non-binding or binding, with the sentence that says so, or None where the text is
    silent."""
    binding: Valued | None = None
    for provision in provisions:
        if provision.kind in ("title", "signatures"):
            continue
        for start, end in sentences(provision.text):
            sentence = provision.text[start:end]
            if not _about_itself(sentence):
                continue
            if _NON_BINDING.search(sentence):
                return Valued("non-binding", Quote(provision, start, end))
            if binding is None and _BINDING.search(sentence):
                binding = Valued("binding", Quote(provision, start, end))
    return binding
