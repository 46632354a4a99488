"""graph_diff.py: a store's graph brought to a new version of its Turtle; comparing blocks of
canonical Turtle gives what comparing triples gives, and declines what it cannot prove."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from digicoop.graph_diff import by_blocks, by_triples
from digicoop.turtle import turtle

G = ox.NamedNode("http://example.org/graph")
EX = "http://example.org/"
PREFIXES = {"ex": EX}


def _canonical(*triples: tuple[str, str, object]) -> bytes:
    """Canonical Turtle (digicoop.turtle) of ``ex:``-named triples."""
    terms = [
        (URIRef(EX + s), URIRef(EX + p), o if isinstance(o, Literal) else URIRef(EX + str(o)))
        for s, p, o in triples
    ]
    return turtle(terms, PREFIXES).encode()


def _held(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, G))


def _loaded(text: bytes) -> ox.Store:
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.TURTLE, to_graph=G)
    return store


OLD = _canonical(("a", "p", "b"), ("a", "p", "c"), ("b", "p", Literal("x")), ("c", "p", "a"))
NEW = _canonical(("a", "p", "b"), ("a", "q", "d"), ("c", "p", "a"), ("d", "p", Literal("y")))


def test_comparing_blocks_gives_what_comparing_triples_gives() -> None:
    blocks, triples = _loaded(OLD), _loaded(OLD)
    removed = by_blocks(blocks, G, OLD, NEW)
    assert removed == by_triples(triples, G, NEW, existed=True) == 2  # a p c; b p "x"
    assert _held(blocks) == _held(triples) == _held(_loaded(NEW))


def test_a_graph_new_to_the_store_is_added_whole() -> None:
    store = ox.Store()
    assert by_triples(store, G, NEW, existed=False) == 0
    assert _held(store) == _held(_loaded(NEW))


def test_blank_nodes_in_a_changed_block_are_declined_and_replaced_whole_by_triples() -> None:
    old = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p [ ex:q 1 ] .\n"
    new = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p [ ex:q 2 ] .\n"
    store = _loaded(old)
    assert by_blocks(store, G, old, new) is None
    assert len(_held(store)) == 2, "declining changes nothing"
    assert by_triples(store, G, new, existed=True) == 2
    assert {q.object for q in _held(store) if q.predicate == ox.NamedNode(EX + "q")} == {
        ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    }


@pytest.mark.parametrize(
    "new",
    [
        b"@prefix ex: <http://example.org/> .\n\nex:a ex:p ex:b .\n\nex:a ex:p ex:c .\n",
        b"@prefix ex: <http://example.org/other#> .\n\nex:a ex:p ex:b .\n",
    ],
    ids=["a subject written in two blocks", "a prefix bound to another namespace"],
)
def test_texts_that_are_not_canonical_alike_are_declined(new: bytes) -> None:
    old = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p ex:b .\n"
    store = _loaded(old)
    assert by_blocks(store, G, old, new) is None
    assert _held(store) == _held(_loaded(old))


def _triples(text: bytes) -> set[ox.Quad]:
    return {
        ox.Quad(t.subject, t.predicate, t.object, G)
        for t in ox.parse(text, format=ox.RdfFormat.TURTLE)
    }


def test_both_ways_record_the_difference_of_the_old_and_new_triples() -> None:
    # what validation reads instead of dumping the graph: exactly the quads that went and came
    expected = (frozenset(_triples(OLD) - _triples(NEW)), frozenset(_triples(NEW) - _triples(OLD)))
    by_block: dict[str, tuple[frozenset[ox.Quad], frozenset[ox.Quad]]] = {}
    by_triple: dict[str, tuple[frozenset[ox.Quad], frozenset[ox.Quad]]] = {}
    by_blocks(_loaded(OLD), G, OLD, NEW, by_block)
    by_triples(_loaded(OLD), G, NEW, True, by_triple)
    assert by_block == by_triple == {G.value: expected}
    assert len(expected[0]) == 2 and len(expected[1]) == 2  # a p c, b p "x"; a q d, d p "y"
    new_graph: dict[str, tuple[frozenset[ox.Quad], frozenset[ox.Quad]]] = {}
    by_triples(ox.Store(), G, NEW, False, new_graph)
    assert new_graph == {G.value: (frozenset(), frozenset(_triples(NEW)))}


def test_a_graph_replaced_whole_or_declined_records_no_difference() -> None:
    old = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p [ ex:q 1 ] .\n"
    new = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p [ ex:q 2 ] .\n"
    deltas: dict[str, tuple[frozenset[ox.Quad], frozenset[ox.Quad]]] = {}
    assert by_blocks(_loaded(old), G, old, new, deltas) is None
    by_triples(_loaded(old), G, new, True, deltas)  # blank nodes: new ones, replaced whole
    assert deltas == {}
