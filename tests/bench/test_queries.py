"""bench.queries: how a named query's cost growth is measured."""

from __future__ import annotations

from pathlib import Path

from bench.queries import growth, present, ranged

from digicoop.querylib import NamedQuery, Param

AGREEMENT = "https://w3id.org/digicoop/id/agreement/"


def _query(*params: Param) -> NamedQuery:
    return NamedQuery("q", "Q", "", params, "SELECT * {}", Path("q.rq"))


def test_growth_is_cost_over_the_larger_of_answer_and_agreements() -> None:
    # a list of every agreement: 100 times the agreements, 100 times the time: flat
    assert growth((0.001, 5, 5), (0.1, 500, 500)) == 1.0
    # a count per topic: as many rows at both sizes, but every agreement is read
    assert growth((0.001, 35, 5), (0.2, 35, 500)) == 2.0
    # a list that grows faster than the corpus (links): cost per row
    assert growth((0.001, 10, 5), (1.0, 10_000, 500)) == 1.0
    # a question about one agreement must cost the same at any size
    assert growth((0.001, 4, 1), (0.003, 4, 1)) == 3.0


def test_a_question_about_an_agreement_is_asked_of_one_the_data_holds() -> None:
    about = _query(
        Param("first", "iri", AGREEMENT + "absent-a"),
        Param("second", "iri", AGREEMENT + "present"),
        Param("year", "integer", "2024"),
    )
    held = [AGREEMENT + "a", AGREEMENT + "present"]
    assert present(about, held, copied=False) == {
        "first": AGREEMENT + "a",
        "second": AGREEMENT + "present",
    }
    assert present(about, held, copied=True)["first"] == AGREEMENT + "r0-a"
    assert ranged(about, 500) == 2
    assert ranged(_query(Param("year", "integer", "2024")), 500) == 500
