"""Each named graph's share of the dataset: its Turtle cut for the TriG file, and its counts
for the dataset's description.

Why: the dataset file (``graphs/digicoop.trig``) and its VoID description
(:mod:`digicoop.describe`) used to be made by re-reading every graph's Turtle line by line and
loading the whole stitched TriG into Oxigraph to count it: at 500 agreements, 3.8 million quads
loaded by every build, warm or adding one agreement, only to count them. What the dataset needs
of a graph depends on that graph alone, so it is worked out once, when the graph is made (the
build keeps it in its cache beside the agreement's output), and combined at dataset level:

* the TriG is the graphs' Turtle concatenated as bytes, never parsed again (:func:`stitch`);
* triples add up (a quad of one named graph is never a quad of another);
* distinct subjects are counted per graph, and across graphs without a set of every subject:
  an agreement graph *owns* the IRIs under its agreement's IRI (``id:agreement/{id}`` and
  ``id:agreement/{id}/…``), which no other agreement graph can own, so the dataset's count is
  the sum of the owned counts plus the subjects outside any owner, each counted once, that the
  owning graph does not already have (:func:`distinct_subjects`; the lists of owned subjects
  are opened only for the graphs that such a subject names);
* the facts the description copies (which subjects are agreements, which text each is derived
  from, that text's address or file and digest) are kept per graph as terms.

Counting is Oxigraph's: each graph's Turtle is parsed by :func:`pyoxigraph.parse`, so a triple
written twice, or ``"x"`` and ``"x"^^xsd:string``, count as the store counts them (tests hold the
counts equal to loading the dataset, on the five agreements and on a synthetic corpus).

>>> data = b"@prefix ex: <http://example.org/> .\\n\\nex:a ex:p ex:b .\\n\\nex:c ex:p ex:b .\\n"
>>> part = summarise(data, None)
>>> part.triples, part.owned, sorted(part.foreign)
(2, 0, ['<http://example.org/a>', '<http://example.org/c>'])
>>> print(stitch([("http://example.org/g", data, part)]).decode(), end="")
@prefix ex: <http://example.org/> .
<BLANKLINE>
<http://example.org/g> {
ex:a ex:p ex:b .
<BLANKLINE>
ex:c ex:p ex:b .
}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from digicoop.output_files import stitched

_DCO = "https://w3id.org/digicoop/ontology#"
#: Predicates whose facts the description copies about a text (see digicoop.describe).
ABOUT = (str(DCTERMS.source), str(DCTERMS.identifier), _DCO + "sha256")
_TYPE, _AGREEMENT, _DERIVED = str(RDF.type), _DCO + "Agreement", str(PROV.wasDerivedFrom)
#: The predicates whose triples the description reads (the rest are only counted).
_WANTED = frozenset(ox.NamedNode(iri) for iri in (_TYPE, _DERIVED, *ABOUT))
_OX_AGREEMENT = ox.NamedNode(_AGREEMENT)
_PREFIX = b"@prefix"
#: A term of a triple as pyoxigraph gives it.
Term = ox.NamedNode | ox.BlankNode | ox.Literal
_NEWLINE = ord("\n")


@dataclass(frozen=True)
class Cut:
    """Where a graph's Turtle splits into its ``@prefix`` lines and its body (the rest,
    without the blank lines around it): the TriG takes the body as it is."""

    prefixes: tuple[bytes, ...]
    start: int
    end: int


@dataclass(frozen=True)
class GraphPart:
    """What the dataset needs of one named graph (module doc); cheap to pickle."""

    cut: Cut
    #: Distinct triples, as a store would hold them.
    triples: int
    #: The IRI whose subjects this graph owns (an agreement's), or None.
    owner: str | None
    #: Distinct subjects inside ``owner``'s space, and their N-Triples forms (sorted,
    #: newline-separated; read only when another graph names one of them as a subject).
    owned: int
    owned_subjects: bytes
    #: Distinct subjects outside it, in N-Triples form.
    foreign: frozenset[str]
    #: Subjects typed dco:Agreement; (subject, prov:wasDerivedFrom object) pairs; and
    #: (subject, predicate, object) of the predicates in :data:`ABOUT`, as rdflib terms.
    agreements: frozenset[Node]
    derived: frozenset[tuple[Node, Node]]
    about: tuple[tuple[Node, URIRef, Node], ...]

    @property
    def subjects(self) -> int:
        """Distinct subjects of this graph."""
        return self.owned + len(self.foreign)


def cut(data: bytes) -> Cut:
    """The ``@prefix`` lines heading ``data`` and the span of the body after them."""
    prefixes = []
    position = 0
    while data.startswith(_PREFIX, position):
        newline = data.find(b"\n", position)
        end = len(data) if newline < 0 else newline
        prefixes.append(data[position:end])
        position = end + 1
    start, end = min(position, len(data)), len(data)
    while start < end and data[start] == _NEWLINE:
        start += 1
    while end > start and data[end - 1] == _NEWLINE:
        end -= 1
    return Cut(tuple(prefixes), start, end)


def rdflib_term(term: object) -> Node:
    """An Oxigraph term as rdflib's; a plain string stays plain (rdflib, unlike RDF 1.1, holds
    ``"x"`` and ``"x"^^xsd:string`` apart, and the description copies facts as the build
    wrote them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    assert isinstance(term, ox.BlankNode), term  # the build writes no RDF-star triples
    return BNode(term.value)


def _owns(owner: str | None, subject: object) -> bool:
    if owner is None or not isinstance(subject, ox.NamedNode):
        return False
    value = subject.value
    return value == owner or (value.startswith(owner) and value[len(owner)] == "/")


def summarise(
    data: bytes, owner: str | None, triples: Iterable[tuple[Term, Term, Term]] | None = None
) -> GraphPart:
    """The part of the graph whose Turtle is ``data``; ``owner``: see :class:`GraphPart`.

    ``triples``: the pyoxigraph triples ``data`` was written from by
    :func:`digicoop.turtle.turtle`, when the caller still holds them. They are counted as
    they are instead of parsing ``data`` again (13 ms of a worker's ~100 per agreement at
    500 agreements): the writer writes each distinct triple once and every term as a parser
    reads it back (tested on the five, the dev texts and a synthetic corpus), so the part is
    the same. Raises :class:`SyntaxError` (pyoxigraph's) if ``data`` is parsed and is not
    Turtle."""
    held: set[tuple[Term, Term, Term]] | frozenset[tuple[Term, Term, Term]]
    if triples is None:
        held = {
            (t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)
        }
    else:
        held = triples if isinstance(triples, (set, frozenset)) else set(triples)
    owned: set[str] = set()
    foreign: set[str] = set()
    for subject in {triple[0] for triple in held}:  # per subject, not per triple
        (owned if _owns(owner, subject) else foreign).add(str(subject))
    agreements: set[Node] = set()
    derived: set[tuple[Node, Node]] = set()
    about: list[tuple[Node, URIRef, Node]] = []
    for subject, predicate_term, obj in (t for t in held if t[1] in _WANTED):
        predicate = predicate_term.value
        if predicate == _TYPE:
            if obj == _OX_AGREEMENT:
                agreements.add(rdflib_term(subject))
        elif predicate == _DERIVED:
            derived.add((rdflib_term(subject), rdflib_term(obj)))
        else:
            about.append((rdflib_term(subject), URIRef(predicate), rdflib_term(obj)))
    return GraphPart(
        cut=cut(data),
        triples=len(held),
        owner=owner,
        owned=len(owned),
        owned_subjects="\n".join(sorted(owned)).encode("utf-8"),
        foreign=frozenset(foreign),
        agreements=frozenset(agreements),
        derived=frozenset(derived),
        about=tuple(sorted(about)),
    )


def distinct_subjects(parts: Iterable[GraphPart]) -> int:
    """Distinct subjects over every graph of ``parts`` (each a different named graph)."""
    parts = list(parts)
    owners = {part.owner: part for part in parts if part.owner is not None}
    total = sum(part.owned for part in parts)
    opened: dict[str, frozenset[str]] = {}
    outside: set[str] = set().union(*(part.foreign for part in parts))
    bases = sorted({owner[: owner.rfind("/") + 1] for owner in owners}, key=len)
    for subject in outside:
        owner = _owner_of(subject, owners, bases)
        if owner is None:
            total += 1
            continue
        if owner not in opened:
            opened[owner] = frozenset(owners[owner].owned_subjects.decode("utf-8").split("\n"))
        if subject not in opened[owner]:
            total += 1
    return total


def _owner_of(subject: str, owners: Mapping[str, GraphPart], bases: list[str]) -> str | None:
    """The owner (of ``owners``) whose space holds ``subject`` (``<iri>``), if any: the
    IRI itself or a prefix of it that ends before a ``/``. ``bases``: the owners' IRIs up to
    their last ``/``, shortest first (an owner is a base and one more path segment)."""
    if not subject.startswith("<"):
        return None
    iri = subject[1:-1]
    for base in bases:
        if iri.startswith(base):
            candidate = base + iri[len(base) :].split("/", 1)[0]
            if candidate in owners:
                return candidate
    return None


def stitch(graphs: Iterable[tuple[str, bytes, Cut | GraphPart]]) -> bytes:
    """TriG of the graphs ``(IRI, Turtle, its cut or part)`` in IRI order: the union of their
    ``@prefix`` lines, sorted, then each non-empty body in a ``GRAPH`` block, unchanged
    (not indented: indentation would change a multi-line literal). The bytes of
    :func:`digicoop.output_files.stitched`'s plan, which the build publishes without
    holding them."""
    plan = []
    for name, data, part in graphs:
        where = part.cut if isinstance(part, GraphPart) else part
        plan.append((name, data, "", where.prefixes, where.start, where.end))
    return stitched(plan).data()


__all__ = [
    "ABOUT",
    "Cut",
    "GraphPart",
    "cut",
    "distinct_subjects",
    "rdflib_term",
    "stitch",
    "summarise",
]
