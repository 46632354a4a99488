"""The RDF terms the build writes: pyoxigraph's, with the vocabularies' IRIs resolved once.

Why not rdflib's terms on the build's hot path: an agreement's graph is some 7,000 triples
held in sets, and an rdflib term costs microseconds to make (``URIRef`` checks every IRI,
``Literal`` converts its value to Python and back) and to hash (``Identifier.__hash__``
builds a tuple each time), and every ``DCO.x`` goes through ``DefinedNamespace.__getattr__``;
together that was a third of assembling. pyoxigraph's terms are made and hashed in Rust.

Literals keep the lexical forms rdflib gave them (graphs stay byte-identical): an
``xsd:duration`` of twelve months or more is written in years and months (``P18M`` is
``P1Y6M``), and the digest that names an evidence node hashes the object's rdflib N3 form
(:func:`n3`).

>>> DCO.Agreement
<NamedNode value=https://w3id.org/digicoop/ontology#Agreement>
>>> DCO.Agreemnet
Traceback (most recent call last):
...
AttributeError: term 'Agreemnet' not in namespace 'https://w3id.org/digicoop/ontology#'
>>> duration("P18M").value, duration("P6W").value
('P1Y6M', 'P42D')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox
from rdflib import Literal as RdflibLiteral
from rdflib import URIRef
from rdflib.term import Node

from digicoop import vocab

Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Term]
Triples = set[Triple]


class Terms:
    """A vocabulary's terms as pyoxigraph ``NamedNode``s, each made on first use and kept.

    Attribute access goes through the rdflib namespace once per name, so a misspelt term of
    a closed vocabulary (``DCO``) still raises; ``terms[local]`` does the same for names
    read from data, and is not kept (minted resources are too many to keep)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = ox.NamedNode(str(self._namespace[name]))  # type: ignore[index]
        setattr(self, name, node)  # later look-ups find it in the instance, never here
        return node

    def __getitem__(self, local: str) -> ox.NamedNode:
        return ox.NamedNode(str(self._namespace[local]))  # type: ignore[index]


class _Open(Terms):
    """An open namespace (minted resources): IRIs by concatenation, no look-up."""

    def __init__(self, base: str) -> None:
        super().__init__(None)
        self._base = base

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, local: str) -> ox.NamedNode:
        return ox.NamedNode(self._base + local)


DCO = Terms(vocab.DCO)
DCTERMS = Terms(vocab.DCTERMS)
ELI = Terms(vocab.ELI)
FOAF = Terms(vocab.FOAF)
OA = Terms(vocab.OA)
ORG = Terms(vocab.ORG)
PROV = Terms(vocab.PROV)
RDF = Terms(vocab.RDF)
RDFS = Terms(vocab.RDFS)
SKOS = Terms(vocab.SKOS)
XSD = Terms(vocab.XSD)
EVENT = _Open(str(vocab.EVENT))
FREQ = _Open(str(vocab.FREQ))
ID = _Open(str(vocab.ID))
ROLE = _Open(str(vocab.ROLE))
STATUS = _Open(str(vocab.STATUS))

_XSD = str(vocab.XSD)
_INTEGER = ox.NamedNode(_XSD + "integer")
_DURATION = re.compile(r"P(\d+)([YMWD])")


def text(value: str, language: str | None = None) -> ox.Literal:
    """A string, with a language tag or none (``xsd:string``)."""
    return ox.Literal(value, language=language)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD.date)


def typed(lexical: str, datatype: ox.NamedNode) -> ox.Literal:
    """A literal of ``datatype`` as written; durations in the form rdflib normalised them to
    (:func:`duration`), since the graphs already published write them so."""
    if datatype == XSD.duration:
        return duration(lexical)
    return ox.Literal(lexical, datatype=datatype)


def duration(lexical: str) -> ox.Literal:
    """An ``xsd:duration`` of one unit (``PnY``, ``PnM``, ``PnW``, ``PnD``, the forms the
    term reader gives), written as isodate writes it: months carried into years, weeks as
    days, zero as ``P0D``."""
    m = _DURATION.fullmatch(lexical)
    if m is None:
        raise ValueError(f"unsupported duration {lexical!r}")
    amount, unit = int(m.group(1)), m.group(2)
    if unit in "WD":
        written = f"P{amount * (7 if unit == 'W' else 1)}D"
    else:
        years, months = divmod(amount, 12) if unit == "M" else (amount, 0)
        parts = (f"{years}Y" if years else "") + (f"{months}M" if months else "")
        written = f"P{parts or '0D'}"
    return ox.Literal(written, datatype=XSD.duration)


def n3(term: Term) -> str:
    """The term as rdflib's ``n3()`` writes it (what evidence digests have always hashed):
    a string with a line break goes in triple quotes, a datatype as a full IRI."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    value = term.value
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        quoted = '"""' + encoded.replace("\r", "\\r") + '"""'
    else:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        quoted = f'"{escaped}"'
    if term.language:
        return f"{quoted}@{term.language}"
    datatype = term.datatype.value
    return quoted if datatype == _XSD + "string" else f"{quoted}^^<{datatype}>"


def as_rdflib(triples: Iterable[Triple]) -> set[tuple[Node, Node, Node]]:
    """The triples as rdflib terms (for readers that query them with rdflib)."""

    def convert(term: Term) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if term.language:
            return RdflibLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        return RdflibLiteral(
            term.value, datatype=None if datatype == _XSD + "string" else URIRef(datatype)
        )

    return {(convert(s), convert(p), convert(o)) for s, p, o in triples}


__all__ = [
    "DCO",
    "DCTERMS",
    "ELI",
    "EVENT",
    "FOAF",
    "FREQ",
    "ID",
    "OA",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "ROLE",
    "SKOS",
    "STATUS",
    "XSD",
    "Term",
    "Terms",
    "Triple",
    "Triples",
    "as_rdflib",
    "day",
    "duration",
    "integer",
    "n3",
    "text",
    "typed",
]
