"""Cytoscape.js elements: the node-and-edge JSON that the Cytoscape format writes and the
interactive HTML view draws, so both show one model of the graph.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from digicoop.export.layout import Positions


def cytoscape_elements(graph: nx.MultiDiGraph, positions: Positions) -> dict[str, Any]:
    """Cytoscape.js JSON: ``{"data": ..., "elements": {"nodes": [...], "edges": [...]}}``.

    Each node is ``{"data": {"id", "label", "type", ...}, "position": {"x", "y"}}``; each
    edge ``{"data": {"id", "source", "target", "relation", ...}}`` (ids unique), ready for
    ``cytoscape({elements: json.elements})`` or Cytoscape desktop's JSON import.
    """
    nodes = []
    for node, data in graph.nodes(data=True):
        element: dict[str, Any] = {"data": {"id": str(node), **data}}
        if node in positions:
            x, y = positions[node]
            element["position"] = {"x": x, "y": y}
        nodes.append(element)
    edges = [
        {"data": {"id": f"e{number}", "source": str(source), "target": str(target), **data}}
        for number, (source, target, data) in enumerate(graph.edges(data=True))
    ]
    return {"data": dict(graph.graph), "elements": {"nodes": nodes, "edges": edges}}


def to_cytoscape(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    return json.dumps(cytoscape_elements(graph, positions), indent=1, ensure_ascii=False).encode()
