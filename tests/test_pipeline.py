"""The build: deterministic, atomic, fresh in git, and general enough for a text it never saw."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal

from digicoop import pipeline
from digicoop.errors import DigicoopError, SourceError, SourceErrors
from digicoop.paths import Paths
from digicoop.pipeline import InvalidBuild, build, compile_graphs, serialise
from digicoop.vocab import DCO, DCTERMS, FOAF, GRAPH, ID, MODALITY, RDF, TOPIC, XSD
from solutions import named_only


def _digests(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def test_the_committed_graphs_are_what_the_sources_build(project_root: Path) -> None:
    """Fails when graphs/ is stale: run `digicoop build` and commit graphs/."""
    expected = serialise(compile_graphs(Paths(project_root)))
    committed = {name: (project_root / "graphs" / name).read_bytes() for name in expected}
    stale = sorted(name for name in expected if committed[name] != expected[name])
    assert not stale, f"graphs/ is stale for {stale}: run `digicoop build` and commit graphs/"


def test_two_builds_write_the_same_bytes(scratch_project: Path) -> None:
    build(Paths(scratch_project), validate=False)
    first = _digests(scratch_project / "graphs")
    build(Paths(scratch_project), validate=False)
    assert _digests(scratch_project / "graphs") == first
    assert set(first) == {
        "digicoop.trig",
        "japan-denmark-moc.ttl",
        "japan-estonia-moc.ttl",
        "japan-eu-digital-partnership.ttl",
        "japan-luxembourg-moc.ttl",
        "japan-uk-digital-partnership.ttl",
        "reuse.ttl",
        "shared.ttl",
    }


def test_the_dataset_has_a_named_graph_per_agreement_and_for_the_vocabularies(
    project_root: Path,
) -> None:
    dataset = Dataset()
    dataset.parse(project_root / "graphs" / "digicoop.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {
        str(GRAPH[n])
        for n in (
            "ontology",
            "topics",
            "dataset",  # the dataset's VoID/DCAT description (describe.py)
            "shared",
            "reuse",  # text reuse across agreements (docs/MODEL.md, "Text reuse")
            "japan-denmark-moc",
            "japan-estonia-moc",
            "japan-eu-digital-partnership",
            "japan-luxembourg-moc",
            "japan-uk-digital-partnership",
        )
    }


def test_the_store_a_build_validates_holds_every_quad_of_its_dataset_file(
    project_root: Path,
) -> None:
    result = compile_graphs(Paths(project_root))
    expected = ox.Store()
    expected.bulk_load(result.files["digicoop.trig"], format=ox.RdfFormat.TRIG)
    held = result.store()
    assert len(held) == len(expected) > 0
    # the vocabularies' blank nodes are labelled afresh by each load: compared without them
    assert named_only(held) == named_only(expected)


def test_a_failed_build_leaves_the_previous_graphs_untouched(scratch_project: Path) -> None:
    paths = Paths(scratch_project)
    build(paths, validate=False)
    before = _digests(paths.graphs)
    source = paths.corpus / "japan-luxembourg-moc.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nAppended.\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"japan-luxembourg-moc\.txt: checksum mismatch"):
        build(paths, validate=False)
    assert _digests(paths.graphs) == before


def test_an_invalid_graph_is_never_written(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths(scratch_project)
    build(paths, validate=False)
    before = _digests(paths.graphs)

    def reject(dataset: Dataset, paths: Paths, *rest: object) -> None:
        raise InvalidBuild("a Violation")

    monkeypatch.setattr(pipeline, "_validate", reject)
    with pytest.raises(InvalidBuild):
        build(paths)
    assert _digests(paths.graphs) == before
    assert not [p for p in paths.graphs.iterdir() if p.name.startswith(".build-")]


def _replace_estonia(project: Path, text: bytes) -> None:
    (project / "corpus" / "japan-estonia-moc.txt").write_bytes(text)
    manifest = project / "corpus" / "manifest.toml"
    manifest.write_text(
        manifest.read_text().replace(
            "3f9122bc8c31008d90bf8ba4654bf3844eb6045732465f78581de9ff3f9b77b6",
            hashlib.sha256(text).hexdigest(),
        )
    )


def test_a_text_without_numbering_is_read_as_paragraphs(scratch_project: Path) -> None:
    _replace_estonia(scratch_project, b"Just a letter.\n\nDear colleague, we write to say hello.\n")
    result = compile_graphs(Paths(scratch_project))
    document = next(d for d in result.documents if d.source.agreement_id == "japan-estonia-moc")
    assert [(p.eid, p.text) for p in document.walk()] == [
        ("text_1", "Just a letter."),
        ("text_2", "Dear colleague, we write to say hello."),
    ]


def test_every_unreadable_source_is_reported_in_one_build(scratch_project: Path) -> None:
    _replace_estonia(scratch_project, b"MEMORANDUM\n\n1. Caf\xe9 society.\n")
    (scratch_project / "corpus" / "japan-eu-digital-partnership.txt").unlink()
    before = (
        sorted(p.name for p in (scratch_project / "graphs").glob("*"))
        if (scratch_project / "graphs").exists()
        else []
    )
    with pytest.raises(SourceErrors) as caught:
        build(Paths(scratch_project), validate=False)
    assert [(e.path, e.line) for e in caught.value.errors] == [
        ("corpus/japan-estonia-moc.txt", 3),
        ("corpus/japan-eu-digital-partnership.txt", None),
    ]
    after = (
        sorted(p.name for p in (scratch_project / "graphs").glob("*"))
        if (scratch_project / "graphs").exists()
        else []
    )
    assert after == before  # nothing written


def test_a_text_segmenting_fails_on_is_reported_with_its_line_by_a_parallel_build(
    scratch_project: Path,
) -> None:
    # the sources are segmented over two processes; the error names the file and line as
    # a one-process build does
    _replace_estonia(scratch_project, b"   \n\n")
    for jobs in (1, 2):
        with pytest.raises(SourceErrors) as caught:
            compile_graphs(Paths(scratch_project), jobs=jobs)
        assert [(e.path, e.line) for e in caught.value.errors] == [
            ("corpus/japan-estonia-moc.txt", 1)
        ]
        assert "source text is empty" in str(caught.value)


def test_an_agreement_in_a_layout_never_seen_builds_into_the_same_kinds_of_facts(
    other_layout_project: Path,
) -> None:
    """A Japan-Finland MoC written for this test: articles, decimal paragraphs, "(a)" items,
    WHEREAS recitals and one-column signatures. No code knows it."""
    result = compile_graphs(Paths(other_layout_project))
    graph = result.graphs["japan-finland-moc"]
    agreement = ID["agreement/japan-finland-moc"]
    assert (agreement, RDF.type, DCO.MemorandumOfCooperation) in graph
    assert set(graph.objects(agreement, DCO.party)) == {ID["party/jp"], ID["party/fi"]}
    assert len(set(graph.objects(agreement, DCO.participant))) == 2
    people = result.shared
    assert {str(people.value(s, FOAF.name)) for s in people.subjects(RDF.type, FOAF.Person)} == {
        "TANAKA Hanako",
        "Aino Virtanen",
    }
    signing = graph.value(agreement, DCO.hasSigning)
    assert graph.value(signing, DCO.signingDate) == Literal("2025-10-14", datatype=XSD.date)
    assert graph.value(agreement, DCO.initialTerm) == Literal("P5Y", datatype=XSD.duration)
    assert graph.value(agreement, DCO.renewalPeriod) == Literal("P2Y", datatype=XSD.duration)
    assert graph.value(agreement, DCO.noticePeriod) == Literal("P90D", datatype=XSD.duration)
    assert graph.value(agreement, DCO.initialTermEnd) == Literal("2030-10-14", datatype=XSD.date)
    assert graph.value(agreement, DCO.noticeDeadline) == Literal("2030-07-16", datatype=XSD.date)
    item_c = ID["agreement/japan-finland-moc/art_2__para_2-1__item_c"]
    assert set(graph.objects(item_c, DCTERMS.subject)) == {TOPIC["trustworthy-ai"]}
    assert set(graph.objects(item_c, DCO.modality)) == {MODALITY.will}
    assert (item_c, DCO.cites, ID["entity/hiroshima-ai-process"]) in graph


def test_an_agreement_id_that_names_one_of_the_builds_own_graphs_is_refused(
    scratch_project: Path,
) -> None:
    manifest = scratch_project / "corpus" / "manifest.toml"
    manifest.write_text(manifest.read_text().replace('"japan-estonia-moc"', '"shared"', 1))
    with pytest.raises(DigicoopError, match=r"manifest\.toml: agreement id 'shared' is reserved"):
        compile_graphs(Paths(scratch_project))


def test_a_build_runs_with_the_cycle_collector_paused_and_restores_it(
    other_layout_project: Path,
) -> None:
    """digicoop.collector: the build's own process keeps most of what it allocates; the
    collector walking it again and again cost a second of adding one agreement to 500."""
    seen: list[bool] = []
    build(
        Paths(other_layout_project), validate=False, progress=lambda _: seen.append(gc.isenabled())
    )
    assert seen and not any(seen)
    assert gc.isenabled()
