"""reuse_step.py: the reuse graph written straight from the links is the graph the assembler's
triples give, and its part for the dataset is the part counted from its Turtle."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from bench.synth import generate
from bench.synth.generate import manifest

from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import reuse_graph
from digicoop.graph_parts import summarise
from digicoop.model import Document
from digicoop.paths import Paths
from digicoop.pipeline import build
from digicoop.reuse import ReuseLink, find_reuse_links
from digicoop.reuse_step import (
    TRIPLES_PER_LINK,
    as_reuse,
    kept_written,
    read_ahead,
    reuse_part,
    run,
    written,
)
from digicoop.segment import segment
from digicoop.sources import load_corpus
from digicoop.turtle import turtle
from digicoop.vocab import PREFIXES
from solutions import select
from test_reuse import _dev_corpus

DCO = "https://w3id.org/digicoop/ontology#"


def _documents(root: Path) -> list[Document]:
    paths = Paths(root)
    return [segment(source) for source in load_corpus(paths.corpus, paths.root)]


@pytest.fixture(scope="module")
def corpora(project_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """The links of the five, of the five with the 27 dev texts, and of a synthetic corpus."""
    synthetic = tmp_path_factory.mktemp("synthetic")
    generate(12, seed=3, out=synthetic)
    five = _documents(project_root)
    return {
        "five": find_reuse_links(five),
        "five and dev": find_reuse_links(five + _dev_corpus(project_root)),
        "synthetic": find_reuse_links(_documents(synthetic)),
    }


def _assembled(links: list[ReuseLink]) -> bytes:
    return turtle(reuse_graph(map(as_reuse, links)), PREFIXES).encode("utf-8")


@pytest.mark.parametrize("name", ["five", "five and dev", "synthetic"])
def test_the_graph_written_from_the_links_is_the_writers_turtle_of_their_triples(
    corpora: dict[str, list[ReuseLink]], name: str
) -> None:
    links = corpora[name]
    assert links, f"the {name} texts reuse each other's wording"
    data, _ = written(links, PREFIXES)
    assert data == _assembled(links)
    assert written(reversed(links), PREFIXES)[0] == data, "the order of the links is no input"


@pytest.mark.parametrize("name", ["five", "synthetic"])
def test_its_part_is_the_part_counted_from_its_turtle(
    corpora: dict[str, list[ReuseLink]], name: str
) -> None:
    links = corpora[name]
    data, subjects = written(links, PREFIXES)
    part = reuse_part(data, subjects, len(links))
    assert part == summarise(data, None)
    assert part.triples == TRIPLES_PER_LINK * len(links)


def test_no_link_writes_an_empty_graph() -> None:
    data, subjects = written([], PREFIXES)
    assert data == b"" == _assembled([])
    assert reuse_part(data, subjects, 0) == summarise(b"", None)


def test_each_record_carries_its_provisions_agreement_ids_and_eids(
    corpora: dict[str, list[ReuseLink]],
) -> None:
    """Luxembourg's Paragraph 3 a) repeats Denmark's word for word (read in corpus/): its
    record names both provisions and carries both ids and eIds as plain strings."""
    data, _ = written(corpora["five"], PREFIXES)
    graph = ox.Store()
    graph.load(data, format=ox.RdfFormat.TURTLE)
    provision = "https://w3id.org/digicoop/id/agreement/japan-luxembourg-moc/sec_3__item_a"
    rows = select(
        graph,
        f"SELECT ?a ?e ?b ?f ?s WHERE {{ ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"
        f" <{provision}> ; <{DCO}subjectAgreementId> ?a ; <{DCO}subjectEId> ?e ;"
        f" <{DCO}objectAgreementId> ?b ; <{DCO}objectEId> ?f ; <{DCO}similarity> ?s }}",
    )
    found = [[term.value for term in row] for row in rows]
    assert [values[:4] for values in found] == [
        ["japan-luxembourg-moc", "sec_3__item_a", "japan-denmark-moc", "sec_3__item_a"]
    ]
    assert float(found[0][4]) == 1.0


def test_the_blocks_kept_from_a_build_give_the_bytes_of_writing_every_link(
    tmp_path: Path, corpora: dict[str, list[ReuseLink]]
) -> None:
    """A first build keeps each link's blocks; a later one with links gone and links new
    reads what it kept, writes only the new, and gives the bytes written from nothing."""
    links = corpora["synthetic"]
    first, later = links[: len(links) // 2], links[len(links) // 4 :]
    for some in (first, later, later):
        cache = AgreementCache(tmp_path, "v1")
        assert kept_written(some, PREFIXES, cache) == written(some, PREFIXES)
    entries = list(tmp_path.glob("reuse-blocks/*/*.pickle"))
    assert len(entries) == 1, "one entry: the last build's links"


def test_a_step_starts_from_the_entries_read_ahead(project_root: Path, tmp_path: Path) -> None:
    """What a build reads while its workers make agreements (read_ahead): the last memo and
    blocks, read ahead and then gone from the directory, are still what the step starts
    from (nothing found stale, nothing written again), and the graph is the same."""
    documents = _documents(project_root)
    first = run(documents, {}, PREFIXES, AgreementCache(tmp_path, "v1"))
    assert sorted(p.parent.parent.name for p in tmp_path.glob("*/*/*.pickle")) == [
        "reuse-blocks",
        "reuse-memo",
    ]
    ahead = AgreementCache(tmp_path, "v1")
    read_ahead(ahead, PREFIXES)
    for path in tmp_path.glob("*/*/*.pickle"):
        path.unlink()
    assert run(documents, {}, PREFIXES, ahead) == first
    assert list(tmp_path.glob("*/*/*.pickle")) == [], "both found read ahead: none rewritten"
    assert run(documents, {}, PREFIXES, AgreementCache(tmp_path, "v1")) == first
    assert len(list(tmp_path.glob("*/*/*.pickle"))) == 2, "without them: worked out, kept"


def test_a_build_after_adding_or_removing_an_agreement_writes_the_reuse_graph_of_a_whole_build(
    tmp_path: Path,
) -> None:
    """The build keeps what the reuse step worked out (digicoop.reuse.Memo, each link's
    blocks): adding an agreement to a built corpus, then removing another, gives the reuse
    graph, byte for byte, of a build of the same corpus from nothing."""
    project = tmp_path / "project"
    entries = generate(9, seed=11, out=project)
    listed = project / "corpus" / "manifest.toml"
    middle = entries[4]
    steps = (
        [entry for entry in entries if entry is not middle],
        entries,
        entries[1:],
    )
    for step, chosen in enumerate(steps):
        listed.write_text(manifest(chosen), encoding="utf-8")
        build(Paths(project), validate=False)
        fresh = tmp_path / f"fresh-{step}"
        shutil.copytree(project / "corpus", fresh / "corpus")
        for name in ("ontology", "shapes"):
            shutil.copytree(project / name, fresh / name)
        build(Paths(fresh), validate=False)
        incremental = (project / "graphs" / "reuse.ttl").read_bytes()
        assert incremental == (fresh / "graphs" / "reuse.ttl").read_bytes()
        assert incremental.count(b"a dco:TextReuse") > 10
