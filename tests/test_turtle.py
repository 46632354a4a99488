"""The canonical Turtle writer: the same triples give the same bytes, and the bytes parse
back to the same triples (checked with Oxigraph's parser, which shares no code with it)."""

from __future__ import annotations

import random

import pyoxigraph as ox
from rdflib import Literal, URIRef

from digicoop.turtle import Triple, turtle
from digicoop.vocab import DCO, PREFIXES, RDF, XSD

S = URIRef("https://w3id.org/digicoop/id/agreement/x")
ODD = 'quote " back\\slash\nnew line\ttab\r return — ünïcode'
TRIPLES: list[Triple] = [
    (S, RDF.type, DCO.Agreement),
    (S, DCO.agreementId, Literal("x")),
    (S, DCO.order, Literal(3)),
    (S, DCO.automaticRenewal, Literal("true", datatype=XSD.boolean)),
    (S, DCO.initialTerm, Literal("P3Y", datatype=XSD.duration)),
    (S, DCO.text, Literal(ODD, lang="en")),
    (S, DCO.heading, Literal(ODD)),
    (S, DCO.similarity, Literal("0.9500", datatype=XSD.decimal)),
    (S, DCO.party, URIRef("https://w3id.org/digicoop/id/party/jp")),
    (S, DCO.party, URIRef("https://w3id.org/digicoop/id/party/eu")),
    (URIRef("https://example.org/a?b=c&d#e"), DCO.cites, S),
]


def _parsed(text: str) -> set[tuple[str, str, str]]:
    return {
        (str(t.subject), str(t.predicate), str(t.object))
        for t in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)
    }


def _ox(triple: Triple) -> tuple[str, str, str]:
    s, p, o = triple
    if isinstance(o, Literal):
        obj: ox.Literal | ox.NamedNode = ox.Literal(
            str(o),
            language=o.language,
            datatype=None if o.language or o.datatype is None else ox.NamedNode(str(o.datatype)),
        )
    else:
        obj = ox.NamedNode(str(o))
    return (str(ox.NamedNode(str(s))), str(ox.NamedNode(str(p))), str(obj))


def test_the_written_turtle_parses_back_to_the_same_triples() -> None:
    assert _parsed(turtle(TRIPLES, PREFIXES)) == {_ox(t) for t in TRIPLES}


def test_the_order_of_adding_does_not_change_a_byte() -> None:
    shuffled = TRIPLES[:] + TRIPLES[:3]  # duplicates are written once
    random.Random(7).shuffle(shuffled)
    assert turtle(shuffled, PREFIXES) == turtle(TRIPLES, PREFIXES)


def test_no_literal_spans_lines_and_only_used_prefixes_are_declared() -> None:
    text = turtle(TRIPLES, PREFIXES)
    assert (
        sum(line.startswith("@prefix") for line in text.splitlines()) == 2
    )  # dco, xsd: rdf:type is "a"
    assert "slash\\nnew line\\ttab\\r return" in text
    assert "dco:order 3" in text and "dco:automaticRenewal true" in text
    assert '"P3Y"^^xsd:duration' in text


def _as_oxigraph(triple: Triple) -> Triple:
    s, p, o = triple
    if isinstance(o, Literal):
        datatype = None if o.language or o.datatype is None else ox.NamedNode(str(o.datatype))
        obj: ox.Literal | ox.NamedNode = ox.Literal(str(o), language=o.language, datatype=datatype)
    else:
        obj = ox.NamedNode(str(o))
    return (ox.NamedNode(str(s)), ox.NamedNode(str(p)), obj)


def test_pyoxigraph_terms_give_the_bytes_rdflib_terms_give() -> None:
    # the build assembles pyoxigraph terms (digicoop.rdfterms); readers may pass rdflib's.
    # IRIs that one prefixes another ("…/x" and "…/x-2") sort as IRIs, not as "<…>" text.
    extra = [
        (URIRef(f"{S}-2"), DCO.order, Literal(1)),
        (URIRef(f"{S}/a"), DCO.order, Literal(2)),
    ]
    rdflib_terms = TRIPLES + extra
    assert turtle([_as_oxigraph(t) for t in rdflib_terms], PREFIXES) == turtle(
        rdflib_terms, PREFIXES
    )
