"""A SPARQL constraint's top-level UNION gets the focus nodes in every branch, or is left alone."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.term import Node

from digicoop.validate import shacl
from digicoop.validate.fast.engine import Run, compile_checks
from digicoop.validate.fast.store import Terms
from digicoop.validate.fast.unions import focus_in_branches, focus_in_optionals, split_where

from .conftest import ROOT
from .test_incremental import committed, needs_graph

DCOSH = "https://w3id.org/digicoop/shapes#"
SH = "http://www.w3.org/ns/shacl#"


def test_braces_in_strings_iris_and_comments_do_not_count() -> None:
    body = """{ ?this <http://e/p#x> "a } UNION { b" } # } UNION {
        UNION { ?this <http://e/q> '''{''' }"""
    pushed = focus_in_branches(body, "F", "")
    assert pushed is not None
    assert pushed.count("F") == 2 and '"a } UNION { b"' in pushed


def test_a_branch_that_may_leave_this_unbound_keeps_the_query_as_written() -> None:
    # $this only inside OPTIONAL or FILTER in one branch: a FILTER there could see it unbound
    assert (
        focus_in_branches("{ ?this <p> ?v } UNION { ?x <q> ?v FILTER (?this = ?x) }", "F", "")
        is None
    )
    assert focus_in_branches("{ ?this <p> ?v }", "F", "") is None  # no union
    assert focus_in_branches("{ ?this <p> ?v } ?this <q> ?w", "F", "") is None  # not only a union


def test_the_where_clause_ends_at_its_own_brace() -> None:
    body, rest = split_where(' { ?a <p> "}" } } GROUP BY ?a')  # type: ignore[misc]
    assert body == ' { ?a <p> "}" } '
    assert rest == "} GROUP BY ?a"


@needs_graph
def test_topic_coverage_starts_each_branch_from_the_agreements() -> None:
    # shapes/core.ttl's dcosh:Agreement-topicCoverage is a union of two cases
    shapes = shacl.shapes_graph(ROOT / "shapes")
    checks = compile_checks(shapes, committed())
    query = next(
        c.query
        for c in checks
        if c.sparql is not None and c.sparql.node == URIRef(DCOSH + "Agreement-topicCoverage")
    )
    where = query[query.index("WHERE") :]
    assert where.count("SELECT DISTINCT ?this") == 2  # the focus, once per branch


@needs_graph
def test_topic_coverage_of_named_agreements_starts_its_optional_from_them_too() -> None:
    """An incremental run's focus (the agreements named) is also in the first case's
    OPTIONAL, which would otherwise walk every agreement's provisions (0.75 s at 500)."""
    shapes = shacl.shapes_graph(ROOT / "shapes")
    node = URIRef(DCOSH + "Agreement")
    named: dict[Node, list[str]] = {
        node: ["<https://w3id.org/digicoop/id/agreement/japan-denmark-moc>"]
    }
    checks = compile_checks(shapes, committed(), focus_nodes=named)
    query = next(
        c.query
        for c in checks
        if c.sparql is not None and c.sparql.node == URIRef(DCOSH + "Agreement-topicCoverage")
    )
    optional = query[query.index("OPTIONAL") :]
    assert optional.split("}", 1)[0].count("VALUES ?this") == 1
    assert query.count("VALUES ?this") == 3  # each branch, and the first one's OPTIONAL


def test_an_optional_naming_this_at_the_groups_own_level_starts_from_the_focus_too() -> None:
    group = (
        '?this <p> ?v . OPTIONAL { ?s <q> ?this } OPTIONAL { ?a <b> ?c } "OPTIONAL { ?this }" '
        "# OPTIONAL { ?this }\n FILTER NOT EXISTS { ?this <r> ?x } optional { ?this <t> ?w }"
    )
    assert focus_in_optionals(group, "F") == (
        '?this <p> ?v . OPTIONAL { F ?s <q> ?this } OPTIONAL { ?a <b> ?c } "OPTIONAL { ?this }" '
        "# OPTIONAL { ?this }\n FILTER NOT EXISTS { ?this <r> ?x } optional { F ?this <t> ?w }"
    )


def test_an_optional_within_another_group_or_holding_a_sub_select_is_left_alone() -> None:
    nested = "?this <p> ?v . OPTIONAL { ?v <q> ?x OPTIONAL { ?x <r> ?this } }"
    assert focus_in_optionals(nested, "F") == (
        "?this <p> ?v . OPTIONAL { F ?v <q> ?x OPTIONAL { ?x <r> ?this } }"
    )  # the outer one names ?this; the inner one's left side need not bind it
    inner = "{ ?this <p> ?v OPTIONAL { ?v <q> ?this } }"
    assert focus_in_optionals(inner, "F") == inner
    select = "?this <p> ?v . OPTIONAL { { SELECT ?x WHERE { ?this <q> ?x } } }"
    assert focus_in_optionals(select, "F") == select


_COVERAGE = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:Agreement ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "{?value} unsupported" ;
        sh:select \"\"\"SELECT $this ?value WHERE {
            $this <http://example.org/covers> ?value .
            OPTIONAL {
                ?part <http://example.org/of> $this ; <http://example.org/about> ?about .
                ?about <http://example.org/broader>* ?value .
            }
            FILTER (!BOUND(?part))
        }\"\"\" ] ."""
_DATA = """@prefix ex: <http://example.org/> .
ex:a a ex:Agreement ; ex:covers ex:t1, ex:t2, ex:t3 .
ex:a1 ex:of ex:a ; ex:about ex:t1 .
ex:a2 ex:of ex:a ; ex:about ex:t4 . ex:t4 ex:broader ex:t2 .
ex:b a ex:Agreement ; ex:covers ex:t1, ex:t3 .
ex:b1 ex:of ex:b ; ex:about ex:t3 .
ex:c a ex:Agreement ; ex:covers ex:t1 .
ex:c1 ex:of ex:b ; ex:about ex:t1 ."""


def _flagged(report: Graph) -> set[tuple[str, str]]:
    results = report.subjects(URIRef(SH + "focusNode"), None)
    return {
        (str(report.value(r, URIRef(SH + "focusNode"))), str(report.value(r, URIRef(SH + "value"))))
        for r in results
    }


@pytest.mark.parametrize("named", [["a"], ["a", "b"], ["b", "c"], ["a", "b", "c"]])
def test_focus_nodes_named_one_by_one_flag_what_the_whole_run_flags_of_them(
    named: list[str],
) -> None:
    """The OPTIONAL restricted to the focus nodes (named, as an incremental run names them)
    gives each the rows the unrestricted query gives it."""
    shapes = Graph().parse(data=_COVERAGE, format="turtle")
    store = ox.Store()
    store.load(_DATA.encode(), format=ox.RdfFormat.TURTLE)
    whole = _flagged(Run(store, shapes, Terms(), Graph()).execute())
    assert whole == {
        ("http://example.org/a", "http://example.org/t3"),
        ("http://example.org/c", "http://example.org/t1"),
    }  # read from _DATA: a's t3 has no part about it or narrower; c's t1 only b's part c1
    nodes = [f"<http://example.org/{name}>" for name in named]
    checks = compile_checks(shapes, store, focus_nodes={URIRef("http://example.org/S"): nodes})
    assert all(check.query.count("VALUES ?this") == 2 for check in checks)  # pushed in
    found = _flagged(Run(store, shapes, Terms(), Graph(), checks).execute())
    assert found == {row for row in whole if row[0].rsplit("/", 1)[1] in named}
