"""A SPARQL constraint's top-level UNION gets the focus nodes in every branch, or is left alone."""

from __future__ import annotations

from rdflib import URIRef

from digicoop.validate import shacl
from digicoop.validate.fast.engine import compile_checks
from digicoop.validate.fast.unions import focus_in_branches, split_where

from .conftest import ROOT
from .test_incremental import committed, needs_graph

DCOSH = "https://w3id.org/digicoop/shapes#"


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
