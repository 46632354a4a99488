"""Each view has exactly the nodes and edges that an independent SPARQL count finds.

The counting queries (``counts/{view}.rq``) are written from the data model, not copied
from the view's own queries: they count distinct facts, so a view that drops, duplicates or
invents an edge fails here.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import networkx as nx
import pytest

from digicoop.export import VIEWS
from digicoop.export.sparql import Select, run_text, store_select
from digicoop.export.views import COLOURS, UnknownViewError, build
from digicoop.paths import Paths
from digicoop.pipeline import DATASET_NAME, compile_graphs
from digicoop.store import DataSource, GraphStore

COUNTS = Path(__file__).parent / "counts"
ROOT = Path(__file__).resolve().parents[2]


def test_every_view_has_a_count_query() -> None:
    assert sorted(p.stem for p in COUNTS.glob("*.rq")) == sorted(VIEWS)


@pytest.mark.parametrize("view", list(VIEWS))
def test_counts_match_sparql(view: str, views: dict[str, nx.MultiDiGraph], select: Select) -> None:
    expected = run_text(select, (COUNTS / f"{view}.rq").read_text(encoding="utf-8"))[0]
    graph = views[view]
    assert graph.number_of_nodes() == expected["nodes"].python()
    assert graph.number_of_edges() == expected["edges"].python()
    assert graph.number_of_nodes() > 0


@pytest.mark.parametrize("view", list(VIEWS))
def test_nodes_carry_what_tools_colour_and_size_by(
    view: str, views: dict[str, nx.MultiDiGraph]
) -> None:
    for node, data in views[view].nodes(data=True):
        assert data["iri"] == node
        assert data["label"], node
        assert data["color"] == COLOURS[data["type"]]
        assert data["size"] >= 8


def test_agreements_topics_edges_carry_weight_and_modality_mix(
    views: dict[str, nx.MultiDiGraph],
) -> None:
    graph = views["agreements-topics"]
    # The degrees of the commitment scale (ontology/modality.ttl) that the corpus uses.
    degrees = {
        "binding",
        "firm",
        "intention",
        "recommendation",
        "directive",
        "aspiration",
        "possibility",
        "acknowledgement",
    }
    keys = set()
    for _, _, data in graph.edges(data=True):
        assert data["weight"] >= 1
        mix = {k.removeprefix("modality_"): data[k] for k in data if k.startswith("modality_")}
        assert {"firm", "intention", "recommendation", "possibility"} <= set(mix) <= degrees
        assert all(n >= 0 for n in mix.values())
        keys.add(frozenset(mix))
    assert len(keys) == 1  # every edge has the same columns
    types = {data["type"] for _, data in graph.nodes(data=True)}
    assert types == {"Agreement", "Topic"}


def test_japan_is_not_a_partner(views: dict[str, nx.MultiDiGraph]) -> None:
    assert "https://w3id.org/digicoop/id/party/jp" not in views["partners-initiatives"]
    assert "https://w3id.org/digicoop/id/party/eu" in views["partners-initiatives"]


def test_unknown_view_names_the_known_ones(select: Select) -> None:
    with pytest.raises(UnknownViewError, match="agreements-topics"):
        build("nope", select)


@pytest.fixture(scope="module")
def non_japan(tmp_path_factory: pytest.TempPathFactory) -> Select:
    """A dataset of one dev-corpus agreement Japan is no party to (its graph's name shares
    nothing with the five's)."""
    root = tmp_path_factory.mktemp("non-japan")
    source = ROOT / "tests" / "fixtures" / "dev-corpus" / "us-uae-ai-cooperation-2024.txt"
    (root / "corpus").mkdir()
    shutil.copy(source, root / "corpus" / source.name)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    (root / "corpus" / "manifest.toml").write_text(
        f'[[agreement]]\nid = "us-uae-ai-cooperation-2024"\nfile = "{source.name}"\n'
        f'sha256 = "{digest}"\n',
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "ontology", root / "ontology")
    result = compile_graphs(Paths(root))
    trig = root / "digicoop.trig"
    trig.write_bytes(result.files[DATASET_NAME])
    return store_select(GraphStore.load([DataSource(trig)]))


@pytest.mark.parametrize("view", list(VIEWS))
def test_counts_match_sparql_for_an_agreement_of_other_parties(
    view: str, non_japan: Select
) -> None:
    expected = run_text(non_japan, (COUNTS / f"{view}.rq").read_text(encoding="utf-8"))[0]
    graph = build(view, non_japan)
    assert graph.number_of_nodes() == expected["nodes"].python()
    assert graph.number_of_edges() == expected["edges"].python()
    if view == "full":
        assert graph.number_of_edges() > 0
