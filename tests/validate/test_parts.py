"""parts.py: a part of an incremental validation keeps its findings, reads its rdflib triples
only when asked, and the parts merge into the findings and report the whole run gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import changes, parts, shacl, validate_graph
from digicoop.validate.evidence import SourceProblem
from digicoop.validate.result import Finding

from .conftest import ROOT
from .test_incremental import BREAK, assert_same, committed, needs_graph

pytestmark = needs_graph


def _broken():  # type: ignore[no-untyped-def]
    store = committed()
    store.update(BREAK)
    return store


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> changes.State:
    """The state an incremental run of the five, one of them broken, leaves."""
    cache = AgreementCache(tmp_path_factory.mktemp("parts") / "cache", "test")
    validate_graph(_broken(), ROOT, incremental=True, cache=cache)
    state = cache.get("state", cache.key("state"))
    assert isinstance(state, changes.State)
    return state


def test_a_kept_part_reads_its_triples_only_when_asked(kept: changes.State) -> None:
    part = kept.agreements["japan-denmark-moc"].part
    assert isinstance(part, parts.Part) and part.findings, "the broken agreement's findings"
    again = pickle.loads(pickle.dumps(part))
    assert again._data is None, "not unpickled with the part"
    assert again.findings == part.findings
    assert again.results and again._data is not None
    assert again == part


def test_the_parts_findings_are_the_whole_runs(kept: changes.State) -> None:
    shapes = shacl.shapes_graph(ROOT / "shapes")
    found = [k.part for k in kept.agreements.values() if isinstance(k.part, parts.Part)]
    merged = parts.merge(found, shapes)  # type: ignore[arg-type]
    whole = validate_graph(_broken(), ROOT)
    by_agreement = [f for f in whole.findings if f.agreement]  # the rest: no agreement's part
    assert [f for f in merged.findings if f.agreement] == by_agreement
    assert any(f.severity == "Violation" for f in by_agreement)


def test_a_source_problem_two_parts_name_is_one_finding() -> None:
    shapes = shacl.shapes_graph(ROOT / "shapes")
    problem = SourceProblem(
        URIRef("https://w3id.org/digicoop/shapes#Evidence-source"),
        URIRef("https://w3id.org/digicoop/id/agreement/x/source"),
        None,
        Literal("corpus/x.txt"),
        "the source file cannot be read",
    )
    one, other = parts.Part([], [], {}, [], [problem]), parts.Part([], [], {}, [], [problem])
    merged = parts.merge([one, other], shapes)
    assert [(f.severity, f.focus, f.message) for f in merged.findings] == [
        ("Violation", str(problem.focus), problem.message)
    ]
    report = merged.report()
    assert len(list(report.objects(None, URIRef("http://www.w3.org/ns/shacl#result")))) == 1


def test_the_report_is_merged_only_when_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    merge_report = parts.report_of

    def counted(*args: object) -> object:
        made.append(1)
        return merge_report(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parts, "report_of", counted)
    cache = AgreementCache(tmp_path / "cache", "test")
    result = validate_graph(_broken(), ROOT, incremental=True, cache=cache)
    assert not result.conforms and made == [], "the findings, without the report"
    assert_same(validate_graph(_broken(), ROOT), result)
    assert made == [1]
    assert all(isinstance(f, Finding) for f in result.findings)
