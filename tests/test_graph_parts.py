"""graph_parts.py: each graph's share of the TriG and of the description, combined without
loading the dataset; the figures are the ones a store holding the dataset gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.synth import generate

from digicoop import graph_parts, pipeline
from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import agreement_iri
from digicoop.cli import main
from digicoop.describe import GRAPH_IRI, Counts, counts, describe
from digicoop.graph_parts import cut, distinct_subjects, stitch, summarise
from digicoop.paths import Paths
from digicoop.pipeline import DATASET_NAME, BuildResult, compile_graphs
from digicoop.sources import load_corpus

PREFIXES = b"@prefix ex: <http://example.org/> .\n@prefix id: <https://w3id.org/digicoop/id/> .\n"
A = "https://w3id.org/digicoop/id/agreement/a"


def _store(trig: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_load(trig, format=ox.RdfFormat.TRIG)
    return store


def _parts(graphs: dict[str, tuple[bytes, str | None]]) -> dict[str, graph_parts.GraphPart]:
    return {name: summarise(data, owner) for name, (data, owner) in graphs.items()}


def _same_counts(first: Counts, second: Counts) -> None:
    """Equal counts: the facts about a text may be listed in any order."""
    assert first.graphs == second.graphs
    assert (first.triples, first.subjects) == (second.triples, second.subjects)
    assert (first.agreements, first.derived) == (second.agreements, second.derived)
    assert {s: sorted(facts) for s, facts in first.about.items()} == {
        s: sorted(facts) for s, facts in second.about.items()
    }


def test_a_graph_is_cut_after_its_prefix_lines_and_the_blank_lines_around_its_body() -> None:
    data = PREFIXES + b"\n<http://example.org/a> ex:p 1 .\n\n"
    found = cut(data)
    assert found.prefixes == tuple(PREFIXES.splitlines())
    assert data[found.start : found.end] == b"<http://example.org/a> ex:p 1 ."


def test_an_empty_graph_has_nothing_to_stitch() -> None:
    found = cut(b"")
    assert (found.prefixes, found.start, found.end) == ((), 0, 0)
    assert stitch([("http://example.org/g", b"", found)]) == b"\n\n"


def test_the_stitched_trig_holds_each_graph_as_its_own_turtle_says() -> None:
    one = PREFIXES + b"\nex:a ex:p ex:b .\n"
    two = b'@prefix dc: <http://purl.org/dc/terms/> .\n\nex2:x dc:title "t" .\n'.replace(
        b"ex2:x", b"<http://example.org/x>"
    )
    trig = stitch(
        [("http://example.org/g2", two, cut(two)), ("http://example.org/g1", one, cut(one))]
    )
    assert trig.startswith(b"@prefix dc: <http://purl.org/dc/terms/> .\n@prefix ex: ")
    assert trig.index(b"<http://example.org/g1> {") < trig.index(b"<http://example.org/g2> {")
    store = _store(trig)
    for name, data in (("http://example.org/g1", one), ("http://example.org/g2", two)):
        expected = {
            (q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.TURTLE)
        }
        held = {
            (q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        }
        assert held == expected


def test_a_literal_holding_a_line_or_page_separator_survives_the_stitching() -> None:
    """The writer escapes newline, return and tab only; U+2028 and a form feed stay raw in
    the literal, and must not be taken for line ends (str.splitlines would)."""
    data = PREFIXES + '\nex:a ex:p "one\u2028two\x0cthree" .\n'.encode()
    store = _store(stitch([("http://example.org/g", data, cut(data))]))
    (quad,) = list(store)
    assert quad.object == ox.Literal("one\u2028two\x0cthree")


def test_triples_and_subjects_are_counted_as_a_store_counts_them() -> None:
    data = (
        PREFIXES
        + b'\nex:a ex:p "x", "x"^^<http://www.w3.org/2001/XMLSchema#string> .\nex:a ex:q ex:b .\n'
    )
    part = summarise(data, None)
    assert (part.triples, part.subjects) == (2, 1)


def test_a_subject_in_another_graphs_space_is_counted_once_over_the_dataset() -> None:
    """The reuse graph names provisions of agreement graphs as subjects: the dataset counts
    each once; a subject no graph owns, or one its owner does not have, counts too."""
    agreement = PREFIXES + f"\n<{A}> ex:p 1 .\n<{A}/sec_1> ex:p 2 .\n<{A}-b/x> ex:p 3 .\n".encode()
    reuse = (
        PREFIXES
        + f"\n<{A}/sec_1> ex:reuses ex:z .\n<{A}/sec_9> ex:reuses ex:z .\nex:r ex:p 1 .\n".encode()
    )
    parts = _parts({"http://g/a": (agreement, A), "http://g/reuse": (reuse, None)})
    assert parts["http://g/a"].owned == 2, f"<{A}-b/x> is not in {A}'s space"
    assert distinct_subjects(parts.values()) == 5  # a, a/sec_1, a-b/x, a/sec_9, ex:r
    trig = stitch([("http://g/a", agreement, parts["http://g/a"]),
                   ("http://g/reuse", reuse, parts["http://g/reuse"])])  # fmt: skip
    _same_counts(counts(parts), counts(_store(trig)))


def test_a_labelled_blank_node_of_two_graphs_is_one_node_of_the_dataset() -> None:
    """In one TriG document a label names one node, whichever graph it appears in."""
    one = PREFIXES + b"\n_:n ex:p 1 .\n"
    two = PREFIXES + b"\n_:n ex:p 2 .\n[] ex:p 3 .\n"
    parts = _parts({"http://g/1": (one, None), "http://g/2": (two, None)})
    trig = stitch(
        [("http://g/1", one, parts["http://g/1"]), ("http://g/2", two, parts["http://g/2"])]
    )
    assert distinct_subjects(parts.values()) == 2
    _same_counts(counts(parts), counts(_store(trig)))


def _counted_both_ways(result: BuildResult) -> None:
    """The build's description (from the parts) is the one a store holding its dataset gives."""
    store = _store(result.files[DATASET_NAME])
    description = ox.NamedNode(str(GRAPH_IRI))
    built = {
        (q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, description)
    }
    recounted = describe(store, result.paths.ontology / "dataset.ttl").serialize(format="nt")
    assert built == {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(recounted.encode(), format=ox.RdfFormat.N_TRIPLES)
    }


def test_the_five_are_described_as_a_store_holding_them_counts_them(project_root: Path) -> None:
    _counted_both_ways(compile_graphs(Paths(project_root)))


@pytest.mark.slow
def test_a_synthetic_corpus_is_described_as_a_store_holding_it_counts_it(tmp_path: Path) -> None:
    generate(6, seed=2, out=tmp_path, mix="all")
    _counted_both_ways(compile_graphs(Paths(tmp_path), jobs=2))


def _parts_both_ways(paths: Paths) -> int:
    """Each agreement's part counted from the triples the worker wrote its Turtle from, and
    from the Turtle parsed again: equal (the worker counts from its triples). Returns how
    many agreements were compared."""
    readings, errors = pipeline._read(load_corpus(paths.corpus, paths.root), paths, None, None)
    assert errors == []
    compared = 0
    for task in pipeline._tasks(readings, paths, None):
        _, text, own = pipeline._agreement_made(task)
        assert own is not None
        owner = agreement_iri(task.document.source.agreement_id).value
        assert summarise(text, owner, own) == summarise(text, owner)
        compared += 1
    return compared


def test_an_agreement_is_counted_from_its_triples_as_from_its_turtle(
    project_root: Path, other_layout_project: Path
) -> None:
    assert _parts_both_ways(Paths(project_root)) == 5
    assert _parts_both_ways(Paths(other_layout_project)) == 1


@pytest.mark.slow
def test_the_dev_texts_are_counted_from_their_triples_as_from_their_turtle(
    scratch_project: Path, project_root: Path
) -> None:
    """Texts of other governments: every layout of the dev corpus, literals in many scripts."""
    texts = sorted(str(p) for p in (project_root / "tests/fixtures/dev-corpus").glob("*.txt"))
    assert main(["add", "--name-as-id", "--root", str(scratch_project), *texts]) == 0
    assert _parts_both_ways(Paths(scratch_project)) == 27 + 5


@pytest.mark.slow
def test_a_synthetic_corpus_is_counted_from_its_triples_as_from_its_turtle(
    tmp_path: Path,
) -> None:
    generate(8, seed=3, out=tmp_path, mix="all")
    assert _parts_both_ways(Paths(tmp_path)) == 8


def test_each_agreement_graph_owns_the_subjects_under_its_agreement(
    scratch_project: Path,
) -> None:
    """The build's parts (kept in its cache) name each agreement's IRI as the owner of its
    graph, so the dataset's subjects are counted from owned counts, not one set of all."""
    paths = Paths(scratch_project)
    compile_graphs(paths, cache=AgreementCache(paths.build_cache, "test"))
    parts = [pickle.loads(p.read_bytes())[1] for p in paths.build_cache.glob("part/*/*.pickle")]
    owned = [part for part in parts if part.owner is not None]
    assert len(owned) == 5
    for part in owned:
        assert part.owner.startswith("https://w3id.org/digicoop/id/agreement/")
        assert part.owned > 0 and not part.foreign, part.owner
