"""Serialisers for the views: one function per format, each ``(graph, positions) -> bytes``.

The files are meant for the tools people open them in: GraphML (yEd, Gephi), GEXF with
``viz`` colour/size/position (Gephi), Cytoscape.js elements JSON, node-link JSON (D3),
DOT (Graphviz), a self-contained HTML page, an SVG and a PNG picture. Positions come from
:func:`digicoop.export.layout.layout` so every format draws the same picture.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph(view="v", title="t")
>>> graph.add_edge("a", "b", key="x", relation="x", weight=1)
'x'
>>> print(to_dot(graph, {}).decode().splitlines()[0])
digraph "v" {
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from digicoop.errors import DigicoopError
from digicoop.export.cytoscape import to_cytoscape
from digicoop.export.html import to_html
from digicoop.export.layout import Positions
from digicoop.export.picture import to_png, to_svg


class UnknownFormatError(DigicoopError):
    """The format name is not one of :data:`FORMATS`."""


def _hex_rgb(colour: str) -> dict[str, int]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


def numbered_edges(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edge keys are unique ids ``e0``, ``e1``... in the graph's edge order.

    A view keys its edges by relation, so two edges of one relation share a key; GraphML
    writes the key as the edge id, and Gephi rejects or merges edges with the same id.
    """
    copy = nx.MultiDiGraph(**graph.graph)
    copy.add_nodes_from(graph.nodes(data=True))
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        copy.add_edge(source, target, key=f"e{number}", **data)
    return copy


def to_graphml(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    """GraphML with every node and edge attribute as a typed key; x/y from the layout."""
    copy = numbered_edges(graph)
    for node, (x, y) in positions.items():
        copy.nodes[node]["x"], copy.nodes[node]["y"] = x, y
    buffer = io.BytesIO()
    nx.write_graphml(copy, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    """GEXF 1.2 with ``viz`` colour, size and position, which Gephi shows as they are."""
    copy = graph.copy()
    for node, data in copy.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        data["viz"] = {
            "color": {**_hex_rgb(data["color"]), "a": 1.0},
            "size": data["size"],
            "position": {"x": x, "y": -y, "z": 0.0},
        }
    for number, (_, _, data) in enumerate(copy.edges(data=True)):
        data["id"] = f"e{number}"
    buffer = io.BytesIO()
    nx.write_gexf(copy, buffer, encoding="utf-8")
    return _without_networkx_key(buffer.getvalue())


_KEY_ATTRIBUTE = re.compile(rb'\s*<attribute id="(\d+)" title="networkx_key"[^>]*/>')


def _without_networkx_key(gexf: bytes) -> bytes:
    """GEXF without the ``networkx_key`` column networkx adds for a multigraph's edge keys
    (the key is the edge's ``relation``, already a column of its own)."""
    found = _KEY_ATTRIBUTE.search(gexf)
    if not found:
        return gexf
    values = re.compile(rb'\s*<attvalue for="' + found[1] + rb'" value="[^"]*"\s*/>')
    return values.sub(b"", _KEY_ATTRIBUTE.sub(b"", gexf, count=1))


def to_node_link(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    """networkx's node-link JSON (``nodes`` and ``links``), the shape D3 examples use."""
    data = nx.node_link_data(graph, edges="links")
    for node in data["nodes"]:
        if node["id"] in positions:
            node["x"], node["y"] = positions[node["id"]]
    return json.dumps(data, indent=1, ensure_ascii=False).encode()


def _dot_id(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attributes(data: dict[str, Any]) -> str:
    return ", ".join(f"{_dot_id(k)}={_dot_id(v)}" for k, v in sorted(data.items()))


def to_dot(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    """Graphviz DOT (written directly: pydot is a dependency for no other reason).

    Colours and labels use Graphviz's own attribute names (``fillcolor``, ``label``), so
    ``dot -Tsvg`` draws the same colours as the other formats.
    """
    lines = [f"digraph {_dot_id(graph.graph.get('view', 'digicoop'))} {{"]
    lines.append(f"  label={_dot_id(graph.graph.get('title', ''))};")
    lines.append('  node [style="filled", shape="ellipse", fontsize="10"];')
    for node, data in graph.nodes(data=True):
        attributes = {**data, "fillcolor": data.get("color", "#cccccc")}
        attributes.pop("color", None)
        if node in positions:
            x, y = positions[node]
            attributes["pos"] = f"{x},{-y}"
        lines.append(f"  {_dot_id(node)} [{_dot_attributes(attributes)}];")
    for source, target, data in graph.edges(data=True):
        attributes = {**data, "label": data.get("relation", "")}
        lines.append(f"  {_dot_id(source)} -> {_dot_id(target)} [{_dot_attributes(attributes)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Format:
    """A format: its name, file extension, media type and writer."""

    name: str
    extension: str
    media_type: str
    write: Callable[[nx.MultiDiGraph, Positions], bytes]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("graphml", "graphml", "application/graphml+xml", to_graphml),
        Format("gexf", "gexf", "application/gexf+xml", to_gexf),
        Format("cytoscape", "cyjs", "application/json", to_cytoscape),
        Format("node-link", "json", "application/json", to_node_link),
        Format("dot", "dot", "text/vnd.graphviz", to_dot),
        Format("html", "html", "text/html", to_html),
        Format("svg", "svg", "image/svg+xml", to_svg),
        Format("png", "png", "image/png", to_png),
    )
}


def get_format(name: str) -> Format:
    """The format ``name``; raises :class:`UnknownFormatError` listing the known formats."""
    found = FORMATS.get(name)
    if found is None:
        raise UnknownFormatError(f"unknown format {name!r} (known: {', '.join(FORMATS)})")
    return found
