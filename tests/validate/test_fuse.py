"""Fused checks: one query per shape answers each member check exactly as its own query does."""

from __future__ import annotations

import doctest
import tomllib

import pyoxigraph as ox
import pytest
from rdflib import Graph

from digicoop.validate import shacl
from digicoop.validate.fast import fuse, namespaces_of
from digicoop.validate.fast.engine import Run, answers, compile_checks, units
from digicoop.validate.fast.store import Terms, ontology_added, store_of

from .conftest import FIXTURES, ROOT, broken

CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]
SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI ; sh:pattern "^http" ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ; sh:class ex:D ;
                  sh:nodeKind sh:IRI ] ,
        [ sh:path ( ex:q ex:r ) ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype ex:T ] ,
        [ sh:path ex:s ; sh:minCount 2 ; sh:maxCount 3 ] ,
        [ sh:path ex:t ; sh:equals ex:u ] ."""


def test_doctests() -> None:
    assert doctest.testmod(fuse).failed == 0


def test_a_shapes_value_tests_and_counts_of_one_share_its_query() -> None:
    """What is fused: value tests and counts of one, per shape and path of predicates, and the
    two sides of an equality; a count of more keeps its own query."""
    store = ox.Store()
    checks = compile_checks(Graph().parse(data=SHAPES, format="turtle"), store)
    fused = [c for c in checks if c.fused is not None]
    by_query = {id(c.fused): c.shape.node for c in fused}
    assert len(by_query) == 4  # the node shape's two tests, the first two paths, the equality
    alone = {str(c.component).rsplit("#", 1)[-1] for c in checks if c.fused is None}
    assert alone == {"MinCountConstraintComponent", "MaxCountConstraintComponent"}  # ex:s
    assert all(c.shape.node == by_query[id(c.fused)] for c in fused)
    assert sorted(len(unit) for unit in units(checks)) == [1, 1, 2, 2, 3, 4]


def test_checks_from_a_list_of_focus_nodes_keep_their_own_queries() -> None:
    """From a list (incremental validation of a few agreements) each query starts from the
    list; a shared one was read for every target of the store."""
    shapes = Graph().parse(data=SHAPES, format="turtle")
    nodes = {shape: ["<http://example.org/a>"] for shape in shapes.subjects()}
    checks = compile_checks(shapes, ox.Store(), focus_nodes=nodes)
    assert checks
    assert all(check.fused is None for check in checks)


def rows_both_ways(data: Graph) -> tuple[list[object], list[object]]:
    """Every check's rows from the fused queries and from its own query, on ``data``."""
    shapes = shacl.shapes_graph(ROOT / "shapes")
    ontology = shacl.ontology_graph(ROOT / "ontology")
    terms = Terms()
    with ontology_added(store_of(data, terms), ontology, terms) as store:
        run = Run(store, shapes, terms, namespaces_of(ontology))
        checks = run.compiled()
        groups = units(checks)
        fused = answers(checks, groups, [run.answer(checks, unit) for unit in groups])
        own = [run.rows(check) for check in checks]

    def canonical(rows: list[dict]) -> list[list[tuple[str, str]]]:
        return sorted(sorted((k, v.n3()) for k, v in row.items()) for row in rows)

    return [canonical(r) for r in fused], [canonical(r) for r in own]


def test_the_project_shapes_are_fused() -> None:
    shapes = shacl.shapes_graph(ROOT / "shapes")
    checks = compile_checks(shapes, ox.Store())
    assert len(units(checks)) < len(checks) * 2 // 3


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_fused_rows_are_each_checks_own(good_graph: Graph, case: dict) -> None:
    fused, own = rows_both_ways(broken(good_graph, case["update"]))
    assert fused == own
