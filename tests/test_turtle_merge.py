"""turtle_merge.py: the canonical Turtle of a union of subject-disjoint graphs, merged from
theirs, is what the writer gives for the union's triples; the reuse graph kept per link."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from bench.synth import generate

from digicoop import turtle_merge
from digicoop.agreement_cache import AgreementCache
from digicoop.assemble import Reuse, provision_iri, reuse_graph
from digicoop.graph_parts import summarise
from digicoop.paths import Paths
from digicoop.reuse import ReuseLink, find_reuse_links
from digicoop.segment import segment
from digicoop.sources import load_corpus
from digicoop.turtle import turtle
from digicoop.turtle_merge import merge, reuse_graph_file, reuse_turtle
from digicoop.vocab import DCO, PREFIXES, RDF


def _links(root: Path) -> list[ReuseLink]:
    paths = Paths(root)
    return find_reuse_links([segment(s) for s in load_corpus(paths.corpus, paths.root)])


def _reuse_of(link: ReuseLink) -> Reuse:
    return Reuse(
        provision_iri(link.provision.agreement_id, link.provision.eid),
        provision_iri(link.source.agreement_id, link.source.eid),
        link.similarity,
    )


def _written(links: list[ReuseLink]) -> bytes:
    return turtle(reuse_graph(map(_reuse_of, links)), PREFIXES).encode()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[ReuseLink]:
    root = tmp_path_factory.mktemp("synthetic")
    generate(12, seed=3, out=root)
    return _links(root)


def test_the_reuse_links_of_the_five_merge_into_the_writers_bytes(project_root: Path) -> None:
    links = _links(project_root)
    assert links, "the five reuse each other's wording"
    assert merge(_written([link]) for link in links) == _written(links)


def test_the_reuse_links_of_a_synthetic_corpus_merge_into_the_writers_bytes(
    synthetic: list[ReuseLink],
) -> None:
    assert len(synthetic) > 100
    assert merge(_written([link]) for link in reversed(synthetic)) == _written(synthetic)


def test_a_subject_in_two_graphs_is_refused() -> None:
    one = b"@prefix ex: <http://example.org/> .\n\nex:a ex:p 1 .\n"
    two = b"@prefix ex: <http://example.org/> .\n\n<http://example.org/a> ex:p 2 .\n"
    with pytest.raises(ValueError, match="two graphs"):
        merge([one, two])


def test_nothing_merges_into_nothing() -> None:
    assert merge([]) == b"" == turtle([], PREFIXES).encode()


def test_the_kept_links_give_the_same_bytes_as_writing_them_all(
    tmp_path: Path, synthetic: list[ReuseLink]
) -> None:
    """A first build keeps each link's Turtle; a later one with links gone and links new
    reads what it kept and writes only the new."""
    cache = AgreementCache(tmp_path, "v1")
    first, later = synthetic[: len(synthetic) // 2], synthetic[len(synthetic) // 4 :]
    assert reuse_turtle(first, _reuse_of, PREFIXES, cache) == _written(first)
    assert reuse_turtle(later, _reuse_of, PREFIXES, AgreementCache(tmp_path, "v1")) == _written(
        later
    )
    assert reuse_turtle(later, _reuse_of, PREFIXES, None) == _written(later)


def test_doctests() -> None:
    assert doctest.testmod(turtle_merge).failed == 0


def test_the_reuse_graphs_part_added_up_from_its_links_is_the_part_counted_from_it(
    tmp_path: Path, synthetic: list[ReuseLink]
) -> None:
    """The build counts the reuse graph from each link's part (graph_parts.union): the same
    part as counting the merged Turtle, for a first build and one with links gone and new."""
    first, later = synthetic[: len(synthetic) // 2], synthetic[len(synthetic) // 4 :]
    for links in (first, later):
        data, part = reuse_graph_file(links, _reuse_of, PREFIXES, AgreementCache(tmp_path, "v1"))
        assert data == _written(links)
        assert part == summarise(data, None)
        assert part is not None and part.triples == 6 * len(links)
    assert reuse_graph_file(first, _reuse_of, PREFIXES, None) == (_written(first), None)


def test_a_link_graph_holding_facts_the_description_copies_is_added_up_whole(
    tmp_path: Path, synthetic: list[ReuseLink], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept apart, a link is its blocks, triples and subjects; one that also types an
    agreement (none does today) keeps its whole part, so the sum stays the count."""

    def typed(reuses: list[Reuse]) -> set[tuple[object, ...]]:
        triples = reuse_graph(reuses)
        for reuse in reuses:
            triples.add((reuse.other, RDF.type, DCO.Agreement))
        return triples  # type: ignore[return-value]

    monkeypatch.setattr(turtle_merge, "reuse_graph", typed)
    links = synthetic[:40]
    data, part = reuse_graph_file(links, _reuse_of, PREFIXES, AgreementCache(tmp_path, "v1"))
    assert part == summarise(data, None) and part is not None and part.agreements
