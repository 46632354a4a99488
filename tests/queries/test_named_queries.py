"""Every named query, on the built graph, with pyoxigraph AND rdflib, against expected rows.

The expected files (``expected/NAME.csv`` for the query's defaults, ``expected/NAME@CASE.csv``
for the cases in :data:`CASES`) were written from a reading of corpus/, not from output.
Where the graph disagrees with the reading, the case is marked ``xfail`` naming the defect in
the graph (:data:`DEFECTS`); the expected file keeps the reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from digicoop.querylib import NamedQuery
from digicoop.store import GraphStore

from .engines import oxigraph_rows, rdflib_rows, read_expected, to_csv

EXPECTED = Path(__file__).parent / "expected"
QUERIES = Path(__file__).parents[2] / "queries"
ID = "https://w3id.org/digicoop/id/"
TOPIC = "https://w3id.org/digicoop/topic/"
CLAUSE = "https://w3id.org/digicoop/clause-type/"
KIND = "https://w3id.org/digicoop/kind/"

#: Extra parameter values per query: (query, case name, parameters).
CASES: list[tuple[str, str, dict[str, str]]] = [
    ("signed-in-year", "2024", {"year": "2024"}),
    ("signed-in-year", "2023", {"year": "2023"}),
    ("agreements-by-topic", "space", {"topic": TOPIC + "space"}),
    (
        "topics-in-one-not-other",
        "lu-dk",
        {
            "first": ID + "agreement/japan-luxembourg-moc",
            "second": ID + "agreement/japan-denmark-moc",
        },
    ),
    ("bodies-of-a-side", "gb", {"party": ID + "party/gb"}),
    ("search", "dfft", {"phrase": "Data Free Flow with Trust"}),
    ("text-reuse", "identical", {"min_percent": "100"}),
    ("renewal-period", "1y", {"period": "P1Y"}),
    ("initial-term-ending-before", "2027", {"before": "2027-01-01"}),
    ("commitment-strength-on-topic", "semiconductors", {"topic": TOPIC + "semiconductors"}),
    ("modality-profile", "lu", {"agreement": ID + "agreement/japan-luxembourg-moc"}),
    # Denmark came first (2024): Luxembourg (2026) repeats its wording, not the reverse.
    ("text-reuse-in-agreement", "dk", {"agreement": ID + "agreement/japan-denmark-moc"}),
    ("agreements-with-clause", "funding", {"clause": CLAUSE + "funding"}),
    ("agreements-by-kind", "partnership", {"instrument": KIND + "partnership"}),
    ("issued-in-year", "2024", {"year": "2024"}),
    (
        "who-commits-on-topic",
        "intention",
        {
            "topic": TOPIC + "semiconductors",
            "degree": "https://w3id.org/digicoop/modality/intention",
        },
    ),
]

#: Graph defects (owned by the extractors) that make a case disagree with the reading.
DEFECTS: dict[str, str] = {}


def _cases(library_dir: Path) -> list[tuple[str, str, dict[str, str]]]:
    names = sorted(p.stem for p in library_dir.glob("*.rq"))
    return [(name, "", {}) for name in names] + CASES


def _id(case: tuple[str, str, dict[str, str]]) -> str:
    return case[0] + (f"@{case[1]}" if case[1] else "")


ALL = _cases(QUERIES)


def _marks(case: tuple[str, str, dict[str, str]]) -> list[pytest.MarkDecorator]:
    reason = DEFECTS.get(_id(case))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


PARAMS = [pytest.param(case, id=_id(case), marks=_marks(case)) for case in ALL]


def _expected(case: tuple[str, str, dict[str, str]]) -> Path:
    return EXPECTED / f"{_id(case)}.csv"


def test_library_is_large_enough(library: dict[str, NamedQuery]) -> None:
    assert len(library) >= 30
    assert all(q.title and q.description for q in library.values())


@pytest.mark.parametrize("case", [_id(c) for c in ALL])
def test_every_case_has_an_expected_file(case: str) -> None:
    assert (EXPECTED / f"{case}.csv").is_file(), f"write expected/{case}.csv from the texts"


def test_no_stray_expected_files() -> None:
    known = {_id(c) for c in ALL}
    assert sorted(p.stem for p in EXPECTED.glob("*.csv") if p.stem not in known) == []


@pytest.mark.parametrize("case", PARAMS)
def test_oxigraph(
    case: tuple[str, str, dict[str, str]],
    library: dict[str, NamedQuery],
    oxigraph_store: GraphStore,
) -> None:
    header, rows = oxigraph_rows(oxigraph_store, library[case[0]], case[2])
    expected = read_expected(_expected(case))
    assert to_csv(header, rows) == to_csv(*expected)


@pytest.mark.parametrize("case", PARAMS)
def test_rdflib(
    case: tuple[str, str, dict[str, str]], library: dict[str, NamedQuery], rdflib_dataset: Dataset
) -> None:
    header, rows = rdflib_rows(rdflib_dataset, library[case[0]], case[2])
    expected = read_expected(_expected(case))
    assert to_csv(header, rows) == to_csv(*expected)


@pytest.mark.parametrize("case", [pytest.param(c, id=_id(c)) for c in ALL])
def test_engines_agree(
    case: tuple[str, str, dict[str, str]],
    library: dict[str, NamedQuery],
    oxigraph_store: GraphStore,
    rdflib_dataset: Dataset,
) -> None:
    """Independent of the expected file: both engines give the same rows in the same order."""
    query = library[case[0]]
    assert oxigraph_rows(oxigraph_store, query, case[2]) == rdflib_rows(
        rdflib_dataset, query, case[2]
    )
