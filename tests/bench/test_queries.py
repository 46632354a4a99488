"""bench.queries: how a named query's cost growth is measured."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from bench.queries import Answer, counted, growth, present, ranged, with_defaults

from digicoop.querylib import NamedQuery, Param

AGREEMENT = "https://w3id.org/digicoop/id/agreement/"


def _query(*params: Param) -> NamedQuery:
    return NamedQuery("q", "Q", "", params, "SELECT * {}", Path("q.rq"))


def test_growth_is_cost_over_the_largest_of_answer_agreements_and_counts() -> None:
    # a list of every agreement: 100 times the agreements, 100 times the time: flat
    assert growth(Answer(0.001, 5, 5), Answer(0.1, 500, 500)) == 1.0
    # a count per topic: as many rows at both sizes, but every agreement is read
    assert growth(Answer(0.001, 35, 5), Answer(0.2, 35, 500)) == 2.0
    # a list that grows faster than the corpus (links): cost per row
    assert growth(Answer(0.001, 10, 5), Answer(1.0, 10_000, 500)) == 1.0
    # a count of links, which grow faster than the corpus: cost per link counted
    assert growth(Answer(0.001, 1, 5, 15), Answer(1.5, 30, 500, 22_500)) == 1.0
    # a question about one agreement must cost the same at any size
    assert growth(Answer(0.001, 4, 1), Answer(0.003, 4, 1)) == 3.0


def test_a_question_about_an_agreement_is_asked_of_one_the_data_holds() -> None:
    about = _query(
        Param("first", "iri", AGREEMENT + "absent-a"),
        Param("second", "iri", AGREEMENT + "present"),
        Param("year", "integer", "2024"),
    )
    chosen = [AGREEMENT + "a", AGREEMENT + "present"]
    assert present(about, chosen, chosen) == {
        "first": AGREEMENT + "a",
        "second": AGREEMENT + "present",
    }
    copies = [AGREEMENT + "r0-a", AGREEMENT + "r0-present"]
    assert present(about, chosen, copies)["first"] == AGREEMENT + "r0-a"
    assert ranged(about, 500) == 2
    assert ranged(_query(Param("year", "integer", "2024")), 500) == 500


def test_counted_sums_the_count_columns_of_the_answer() -> None:
    store = ox.Store()
    for i, o in enumerate(["a", "a", "b"]):
        store.add(ox.Quad(ox.NamedNode(f"x:s{i}"), ox.NamedNode("x:p"), ox.NamedNode(f"x:{o}")))
    text = "SELECT ?o (COUNT(?s) AS ?n) WHERE { ?s <x:p> ?o } GROUP BY ?o"
    query = NamedQuery("q", "Q", "", (), text, Path("q.rq"))
    assert counted(query, list(store.query(text))) == 3  # type: ignore[arg-type]
    plain = NamedQuery("q", "Q", "", (), "SELECT ?s WHERE { ?s <x:p> ?o }", Path("q.rq"))
    assert counted(plain, list(store.query(plain.text))) == 0  # type: ignore[arg-type]


def test_an_agreement_the_small_store_holds_is_asked_of_its_first_copy_at_the_large() -> None:
    about = _query(Param("agreement", "iri", AGREEMENT + "b"))
    small = [AGREEMENT + "a", AGREEMENT + "b"]
    large = [AGREEMENT + "r0-a", AGREEMENT + "r0-b", AGREEMENT + "r1-a", AGREEMENT + "r1-b"]
    assert present(about, small, small) == {"agreement": AGREEMENT + "b"}
    assert present(about, small, large) == {"agreement": AGREEMENT + "r0-b"}


def test_a_parameter_without_default_takes_the_value_given_and_no_other() -> None:
    page = _query(
        Param("resource", "iri"),
        Param("agreement", "iri"),
        Param("scheme", "iri", "https://example.org/scheme"),
    )
    given = {"resource": "https://example.org/jp", "scheme": "https://example.org/other"}
    bound = with_defaults(page, given)
    assert [(p.name, p.default) for p in bound.params] == [
        ("resource", "https://example.org/jp"),
        ("agreement", None),  # nothing given: still required
        ("scheme", "https://example.org/scheme"),  # a declared default is kept
    ]
    named = with_defaults(page, {"agreement": AGREEMENT + "a"})
    assert ranged(named, 500) == 1  # a question about the agreement given, not the corpus
