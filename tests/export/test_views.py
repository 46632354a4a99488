"""Each view has exactly the nodes and edges that an independent SPARQL count finds.

The counting queries (``counts/{view}.rq``) are written from the data model, not copied
from the view's own queries: they count distinct facts, so a view that drops, duplicates or
invents an edge fails here.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from digicoop.export import VIEWS
from digicoop.export.sparql import Select, run_text
from digicoop.export.views import COLOURS, UnknownViewError, build

COUNTS = Path(__file__).parent / "counts"


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
