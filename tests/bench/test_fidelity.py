"""The fidelity bench: fixtures name only concepts that exist, every provision is found, and
precision and recall count what they should."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from bench.fidelity_topics import FIELDS
from rdflib import SKOS, Graph, URIRef

from bench import fidelity

ROOT = Path(__file__).parents[2]
TOPICS = ROOT / "tests" / "fixtures" / "fidelity" / "topics.toml"


def _concepts(name: str, scheme: str) -> set[str]:
    graph = Graph().parse(ROOT / "ontology" / name)
    return {str(c).rsplit("/", 1)[1] for c in graph.subjects(SKOS.inScheme, URIRef(scheme))}


def test_the_fixture_names_only_concepts_of_the_schemes() -> None:
    topics = _concepts("topics.ttl", "https://w3id.org/digicoop/topic/scheme")
    clauses = _concepts("clause-types.ttl", "https://w3id.org/digicoop/clause-type/scheme")
    entries = fidelity.load_fixture(TOPICS)
    assert len(entries) >= 100
    assert len({e["file"] for e in entries if "dev-corpus" in str(e["file"])}) >= 12
    for entry in entries:
        assert set(cast(list[str], entry["topics"])) <= topics, entry["opening"]
        assert set(cast(list[str], entry["clause_types"])) <= clauses, entry["opening"]


def test_every_provision_of_the_fixture_is_found() -> None:
    cache: dict[str, fidelity.Text] = {}
    missing = [
        (e["file"], e["opening"])
        for e in fidelity.load_fixture(TOPICS)
        if fidelity.locate(fidelity.read_text(str(e["file"]), cache).document, str(e["opening"]))
        is None
    ]
    assert missing == []


def test_precision_and_recall_count_per_value(tmp_path: Path) -> None:
    fixture = tmp_path / "topics.toml"
    fixture.write_text(
        '[[provision]]\nfile = "corpus/japan-estonia-moc.txt"\n'
        'opening = "Each Participant will designate a Point of Contact"\n'
        'topics = ["cybersecurity"]\nclause_types = ["point-of-contact"]\n',
        encoding="utf-8",
    )
    tallies, wrong, unlocated = fidelity.score(fidelity.load_fixture(fixture), FIELDS, {})
    topics = tallies[("topics", "the five", "segmenter")]
    assert (topics.tp, topics.fp, topics.fn) == (0, 0, 1)
    assert (topics.precision, topics.recall) == (1.0, 0.0)
    clauses = tallies[("clause types", "the five", "segmenter")]
    assert (clauses.tp, clauses.fp, clauses.fn) == (1, 0, 0)
    assert [w.field for w in wrong] == ["topics"] and unlocated == []


def test_a_fixture_naming_a_missing_file_is_refused(tmp_path: Path) -> None:
    fixture = tmp_path / "topics.toml"
    fixture.write_text('[[provision]]\nfile = "corpus/nowhere.txt"\nopening = "x"\n')
    with pytest.raises(fidelity.FixtureError, match=r"no file corpus/nowhere\.txt"):
        fidelity.load_fixture(fixture)


def test_a_value_the_reading_allows_is_neither_missed_nor_wrong(tmp_path: Path) -> None:
    fixture = tmp_path / "topics.toml"
    fixture.write_text(
        '[[provision]]\nfile = "corpus/japan-estonia-moc.txt"\n'
        'opening = "Each Participant will designate a Point of Contact"\n',
        encoding="utf-8",
    )
    fields = [
        fidelity.Field(
            "clause types",
            lambda entry: set(),
            FIELDS[1].predicted,
            allowed=lambda entry: {"point-of-contact"},
        )
    ]
    tallies, wrong, _ = fidelity.score(fidelity.load_fixture(fixture), fields, {})
    clauses = tallies[("clause types", "the five", "segmenter")]
    assert (clauses.tp, clauses.fp, clauses.fn) == (0, 0, 0) and wrong == []


def test_a_cited_acronym_is_the_entity_the_reader_defined_in_that_text() -> None:
    from bench import fidelity_commitments as commitments

    entries = fidelity.load_fixture(commitments.FIXTURE)
    noting = next(e for e in entries if str(e["opening"]).startswith("NOTING that both the AOIP"))
    assert "asean-outlook-on-the-indo-pacific" in commitments._expected_citations(noting)
    # An issuer ("by") is an attribute of a citation, allowed but not required.
    roadmap = next(e for e in entries if "AIDER" in str(e.get("citations")))
    assert "apec" in commitments._issuers(roadmap)
    assert "apec" not in commitments._expected_citations(roadmap)
