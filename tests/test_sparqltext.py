"""The linear SPARQL lexer: what it finds, what it skips, and that it stays linear."""

from __future__ import annotations

import time

import pytest

from digicoop.sparqltext import shape, where_group, with_constants, words


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("SELECT * { SERVICE <http://x/> {} }", True),
        ("select * { service <http://x/> {} }", True),
        ("PREFIX ex: <http://e/> SELECT * { ?s ex:a\\#b ?o SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s ?p ?o.SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s ?p 1.SERVICE <http://x/> {} }", True),
        ("SELECT * { SERVICE# comment\n<http://x/> {} }", True),
        ('SELECT * { ?s ?p "SERVICE" }', False),
        ("SELECT * { ?s ex:SERVICE ?o } # SERVICE", False),
        ("SELECT * { ?s <http://e/SERVICE> ?o }", False),
    ],
)
def test_service_is_found_where_it_is_a_keyword_only(text: str, service: bool) -> None:
    assert shape(text).uses_service is service


def test_an_escaped_hash_belongs_to_the_prefixed_name() -> None:
    assert ("pname", "ex:a\\#b") in words("SELECT * { ?s ex:a\\#b ?o }")


def test_first_keyword_skips_the_prologue_and_from_is_found() -> None:
    found = shape("BASE <http://b/> PREFIX p: <http://p/> select * from <http://g> {}")
    assert found.first_keyword == "SELECT" and found.names_dataset


def test_depth_counts_brackets_outside_strings_and_iris() -> None:
    assert shape("SELECT * { { ( [ ] ) } }").depth == 4
    assert shape('ASK { FILTER("{{{{" != "") }').depth == 2


def test_pathological_text_is_lexed_in_linear_time() -> None:
    """``a.`` repeated made the old lexer quadratic (hours at 1 MB); a generous bound here."""
    started = time.perf_counter()
    for text in ("a." * 250_000, "a" * 500_000 + ":", "<" + "a" * 500_000, '"' + "a" * 500_000):
        words(text)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # an expression: the term
        ("SELECT ?x { ?s ?p ?o FILTER(CONTAINS(?o, ?x)) }", 'SELECT ?x { ?s ?p ?o FILTER(CONTAINS(?o, "w")) }'),
        ("SELECT ?x { BIND(STR(?x) AS ?y) }", 'SELECT ?x { BIND(STR("w") AS ?y) }'),
        ("SELECT ?x { { SELECT ?x (STR(?x) AS ?y) {} } }", 'SELECT ?x { { SELECT ?x (STR("w") AS ?y) {} } }'),
        # a pattern, a name after AS, a VALUES header, a string: the variable
        ("SELECT ?x { ?s ?p ?x }", "SELECT ?x { ?s ?p ?x }"),
        ("SELECT ?x { BIND(1 AS ?x) }", "SELECT ?x { BIND(1 AS ?x) }"),
        ("SELECT ?x { VALUES (?x) { (1) } }", "SELECT ?x { VALUES (?x) { (1) } }"),
        ("SELECT ?x { FILTER(?o = '?x') }", "SELECT ?x { FILTER(?o = '?x') }"),
        ("SELECT ?x { FILTER(BOUND(?x) || ?x) }", 'SELECT ?x { FILTER(BOUND(?x) || "w") }'),
        # a group inside an expression is patterns again
        ("SELECT ?x { FILTER(NOT EXISTS { ?s ?p ?x }) }", "SELECT ?x { FILTER(NOT EXISTS { ?s ?p ?x }) }"),
        # a sub-query that does not project it has a variable of its own by that name
        ("SELECT ?x { { SELECT ?s { FILTER(?s = ?x) } } }", "SELECT ?x { { SELECT ?s { FILTER(?s = ?x) } } }"),
        ("SELECT ?x { { SELECT ?x { FILTER(?s = ?x) } } }", 'SELECT ?x { { SELECT ?x { FILTER(?s = "w") } } }'),
        ("SELECT ?x { { SELECT * { FILTER(?s = ?x) } } FILTER(?x) }", 'SELECT ?x { { SELECT * { FILTER(?s = "w") } } FILTER("w") }'),
        # COUNT(*) in a projection does not project everything
        ("SELECT ?x { { SELECT ?s (COUNT(*) AS ?n) { FILTER(?s = ?x) } GROUP BY ?s } }", "SELECT ?x { { SELECT ?s (COUNT(*) AS ?n) { FILTER(?s = ?x) } GROUP BY ?s } }"),
        ("SELECT ?x { { SELECT ?s {} } FILTER(?x) }", 'SELECT ?x { { SELECT ?s {} } FILTER("w") }'),
        ("SELECT ?x { { SELECT ?s {} GROUP BY ?s HAVING(?x) } }", "SELECT ?x { { SELECT ?s {} GROUP BY ?s HAVING(?x) } }"),
        # a prefix named "as" is no keyword
        ("SELECT ?x { FILTER(as:f(?x)) }", 'SELECT ?x { FILTER(as:f("w")) }'),
    ],
)  # fmt: skip
def test_terms_are_written_in_expressions_only(text: str, written: str) -> None:
    assert with_constants(text, text.index("{") + 1, {"x": '"w"'}) == written


def test_terms_are_written_after_the_start_only() -> None:
    text = "SELECT (STR(?x) AS ?y) { FILTER(?x) }"
    assert (
        with_constants(text, text.index("{"), {"x": "1"}) == "SELECT (STR(?x) AS ?y) { FILTER(1) }"
    )


def test_a_prefix_named_like_a_keyword_is_a_prefix() -> None:
    """One lexer for every reader: ``where:`` is a prefix, not the keyword WHERE (the WHERE
    group is the one after the keyword, not the CONSTRUCT template)."""
    text = "PREFIX where: <http://e/> CONSTRUCT { ?s where:p ?o } WHERE { ?s ?p ?o }"
    assert where_group(text) == text.index("WHERE {") + len("WHERE {")
    assert ("pname", "where:p") in words(text)
