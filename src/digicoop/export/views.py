"""The views: networkx graphs projected from the RDF by the queries in ``export/queries``.

Each view is a function of a :data:`~digicoop.export.sparql.Select`; it runs its queries
and turns rows into nodes and edges, adding only presentation (colour, size, a fallback
label). Node keys are the resources' IRIs, so every node links back to its page.

Views (``VIEWS``):

* ``agreements-topics``: agreements and topics; an edge per pair with ``weight`` (the
  provisions linking them) and ``modality_<degree>`` counts (firm, intention, ...).
* ``partners-initiatives``: partner parties and the entities their agreements cite.
* ``signatories-agreements-bodies``: persons, agreements and bodies; edges ``signed``,
  ``signed-for``, ``participant`` (with ``role``) and ``establishes``.
* ``provision-level``: provisions, their parents, topics, cited entities and text reuse.
* ``full``: every IRI-to-IRI link in the agreements' graphs except types and evidence.

All views are :class:`networkx.MultiDiGraph` (the full view has parallel edges), keyed by
``relation``; graph attributes ``view`` and ``title`` say what the picture is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from digicoop.errors import DigicoopError
from digicoop.export.sparql import Row, Select, local_name, queries

#: Node colours by coarse type (see ``labels.rq``); Gephi, Cytoscape and the pictures use them.
COLOURS = {
    "Agreement": "#d62728",
    "Provision": "#9edae5",
    "Topic": "#2ca02c",
    "Modality": "#98df8a",
    "Party": "#1f77b4",
    "Organization": "#aec7e8",
    "GovernanceBody": "#17becf",
    "Person": "#ff7f0e",
    "Signature": "#ffbb78",
    "Signing": "#ffbb78",
    "Participation": "#c7c7c7",
    "Place": "#8c564b",
    "SourceText": "#7f7f7f",
    "Initiative": "#9467bd",
    "CitedOrganisation": "#c5b0d5",
    "Forum": "#e377c2",
    "Facility": "#f7b6d2",
    "Strategy": "#bcbd22",
    "Instrument": "#dbdb8d",
    "Event": "#c49c94",
    "Role": "#e7ba52",
    "LegalStatus": "#e7ba52",
    "Concept": "#b5cf6b",
    "Resource": "#cccccc",
}


class UnknownViewError(DigicoopError):
    """The view name is not one of :data:`VIEWS`."""


@dataclass(frozen=True)
class View:
    name: str
    title: str
    build: Callable[[Select], nx.MultiDiGraph]


def _ranked(text: str) -> str:
    """Drop the ``rank<TAB>`` prefix that ``labels.rq`` and ``types.rq`` use to pick one."""
    return text.split("\t", 1)[1]


def _labels(select: Select) -> dict[str, tuple[str, str]]:
    """IRI → (label, type) for every resource in the data."""
    library = queries("export")
    names = {
        row["node"].value: _ranked(row["label"].value) for row in select(library["labels"], {})
    }
    kinds = {row["node"].value: _ranked(row["type"].value) for row in select(library["types"], {})}
    from digicoop.labels import all_provision_labels  # here: labels imports this package

    names.update(all_provision_labels(select))  # "Japan–Denmark › Section 4 › d", not the eId
    return {
        iri: (names.get(iri) or local_name(iri), kinds.get(iri) or "Resource")
        for iri in names.keys() | kinds.keys()
    }


def _graph(name: str, title: str) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(view=name, title=title)


def _add_node(graph: nx.MultiDiGraph, iri: str, labels: dict[str, tuple[str, str]]) -> None:
    if iri in graph:
        return
    label, kind = labels.get(iri, (local_name(iri), "Resource"))
    graph.add_node(iri, label=label, type=kind, iri=iri, color=COLOURS.get(kind, "#cccccc"))


def _add_edges(
    graph: nx.MultiDiGraph,
    rows: list[Row],
    labels: dict[str, tuple[str, str]],
    relation: str | None = None,
) -> None:
    """One edge per row from ``?source`` to ``?target``; other columns become attributes."""
    for row in rows:
        source, target = row["source"].value, row["target"].value
        _add_node(graph, source, labels)
        _add_node(graph, target, labels)
        attributes = {
            key: term.python()
            for key, term in row.items()
            if key not in {"source", "target", "home"}
        }
        if "predicate" in attributes:
            attributes["relation"] = local_name(str(attributes["predicate"]))
        attributes.setdefault("relation", relation or "link")
        attributes.setdefault("weight", 1)
        graph.add_edge(source, target, key=attributes["relation"], **attributes)


def _sized(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``size`` from the weighted degree, so the busiest nodes stand out in every tool."""
    for node, degree in graph.degree(weight="weight"):
        graph.nodes[node]["size"] = round(8 + 4 * math.sqrt(degree), 2)
        graph.nodes[node]["degree"] = int(degree)
    return graph


def agreements_topics(select: Select) -> nx.MultiDiGraph:
    library, labels = queries("export"), _labels(select)
    graph = _graph("agreements-topics", "Agreements and the topics they cover")
    _add_edges(graph, select(library["agreements-topics.edges"], {}), labels, "covers")
    degrees = sorted(
        {row["degree"].value for row in select(library["agreements-topics.modality"], {})}
    )
    rows = select(library["agreements-topics.modality"], {})
    for _, _, data in graph.edges(data=True):
        for degree in degrees:
            data[f"modality_{local_name(degree)}"] = 0
    for row in rows:
        key = f"modality_{local_name(row['degree'].value)}"
        edge = graph.edges[row["source"].value, row["target"].value, "covers"]
        edge[key] = row["count"].python()
    return _sized(graph)


def partners_initiatives(select: Select) -> nx.MultiDiGraph:
    library, labels = queries("export"), _labels(select)
    graph = _graph("partners-initiatives", "Partners and the initiatives their agreements cite")
    _add_edges(graph, select(library["partners-initiatives.edges"], {}), labels, "cites")
    return _sized(graph)


def signatories_agreements_bodies(select: Select) -> nx.MultiDiGraph:
    library, labels = queries("export"), _labels(select)
    graph = _graph("signatories-agreements-bodies", "Signatories, agreements and bodies")
    rows = select(library["signatories-agreements-bodies.edges"], {})
    for row in rows:
        row.pop("weight", None)  # one fact per edge; the count only groups roles
    _add_edges(graph, rows, labels)
    return _sized(graph)


def provision_level(select: Select) -> nx.MultiDiGraph:
    library, labels = queries("export"), _labels(select)
    graph = _graph("provision-level", "Provisions, topics, citations and text reuse")
    _add_edges(graph, select(library["provision-level.edges"], {}), labels)
    for row in select(library["provision-level.attributes"], {}):
        node = row["node"].value
        if node in graph:
            graph.nodes[node]["kind"] = row["kind"].value
            graph.nodes[node]["agreement"] = row["agreement"].value
            graph.nodes[node]["modality"] = row["modality"].value if "modality" in row else ""
    return _sized(graph)


def full(select: Select) -> nx.MultiDiGraph:
    library, labels = queries("export"), _labels(select)
    graph = _graph("full", "Every link between resources in the agreements")
    _add_edges(graph, select(library["full.edges"], {}), labels)
    return _sized(graph)


VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        View("agreements-topics", "Agreements and the topics they cover", agreements_topics),
        View("partners-initiatives", "Partners and what they cite", partners_initiatives),
        View(
            "signatories-agreements-bodies",
            "Signatories, agreements and bodies",
            signatories_agreements_bodies,
        ),
        View("provision-level", "Provisions, topics, citations, reuse", provision_level),
        View("full", "Every link in the agreements' graphs", full),
    )
}


def build(name: str, select: Select) -> nx.MultiDiGraph:
    """The view ``name``; raises :class:`UnknownViewError` listing the known views."""
    view = VIEWS.get(name)
    if view is None:
        raise UnknownViewError(f"unknown view {name!r} (known: {', '.join(VIEWS)})")
    return view.build(select)
