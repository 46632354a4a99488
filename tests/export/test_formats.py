"""Every view in every format, re-read by a consumer of that format.

GraphML and GEXF go back through networkx's readers, node-link through
``node_link_graph``, the Cytoscape JSON is checked against the shape Cytoscape.js loads
(and loaded by Cytoscape.js itself in ``test_browser.py``), DOT is parsed by a small
reader here (Graphviz is not a test dependency), SVG by an XML parser, PNG by its header.
"""

from __future__ import annotations

import io
import json
import re
import struct
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from digicoop.export import FORMATS, VIEWS
from digicoop.export.formats import UnknownFormatError, get_format
from digicoop.export.layout import layout

PICTURE_VIEWS = ["agreements-topics"]  # PNG costs a browser start; one view is enough


def _write(graph: nx.MultiDiGraph, name: str) -> bytes:
    return get_format(name).write(graph, layout(graph))


@pytest.fixture(scope="module")
def positions(views: dict[str, nx.MultiDiGraph]) -> dict[str, dict]:
    return {name: layout(graph) for name, graph in views.items()}


@pytest.mark.parametrize("view", list(VIEWS))
def test_graphml_reads_back(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    back = nx.read_graphml(io.BytesIO(get_format("graphml").write(graph, positions[view])))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node, data = next(iter(graph.nodes(data=True)))
    assert back.nodes[node]["label"] == data["label"]
    assert back.nodes[node]["type"] == data["type"]


@pytest.mark.parametrize("view", list(VIEWS))
def test_gexf_reads_back(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    back = nx.read_gexf(io.BytesIO(get_format("gexf").write(graph, positions[view])))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node, data = next(iter(graph.nodes(data=True)))
    assert back.nodes[node]["label"] == data["label"]
    assert set(back.nodes[node]["viz"]) >= {"color", "size", "position"}


@pytest.mark.parametrize("view", list(VIEWS))
def test_node_link_reads_back(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    data = json.loads(get_format("node-link").write(graph, positions[view]))
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert all("x" in node and "y" in node for node in data["nodes"])


@pytest.mark.parametrize("view", list(VIEWS))
def test_cytoscape_elements_shape(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    document = json.loads(get_format("cytoscape").write(graph, positions[view]))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert len(nodes) == graph.number_of_nodes()
    assert len(edges) == graph.number_of_edges()
    ids = [n["data"]["id"] for n in nodes]
    assert len(set(ids)) == len(ids)
    assert all(set(n["position"]) == {"x", "y"} for n in nodes)
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(set(edge_ids) | set(ids)) == len(edge_ids) + len(ids)  # ids unique overall
    known = set(ids)
    assert all(e["data"]["source"] in known and e["data"]["target"] in known for e in edges)
    assert document["data"]["view"] == view


_DOT_NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[', re.MULTILINE)
_DOT_EDGE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[', re.MULTILINE)


@pytest.mark.parametrize("view", list(VIEWS))
def test_dot_statements(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    text = get_format("dot").write(graph, positions[view]).decode()
    assert text.startswith(f'digraph "{view}" {{') and text.rstrip().endswith("}")
    edges = _DOT_EDGE.findall(text)
    nodes = [n for n in _DOT_NODE.findall(text) if not _DOT_EDGE.match(f'  "{n}" -> ')]
    node_lines = [
        line for line in text.splitlines() if line.startswith('  "') and '" -> "' not in line
    ]
    assert len(edges) == graph.number_of_edges()
    assert len(node_lines) == graph.number_of_nodes()
    assert {e for pair in edges for e in pair} <= set(nodes)


@pytest.mark.parametrize("view", list(VIEWS))
def test_svg_parses_with_one_circle_per_node(view: str, views: dict, positions: dict) -> None:
    graph = views[view]
    root = ET.fromstring(get_format("svg").write(graph, positions[view]))
    circles = root.findall(".//{http://www.w3.org/2000/svg}circle[@class='node']")
    lines = root.findall(".//{http://www.w3.org/2000/svg}line")
    assert len(circles) == graph.number_of_nodes()
    assert len(lines) >= graph.number_of_edges()


@pytest.mark.parametrize("view", PICTURE_VIEWS)
def test_png_is_a_picture_of_the_svg_size(view: str, views: dict, positions: dict) -> None:
    png = get_format("png").write(views[view], positions[view])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    svg = get_format("svg").write(views[view], positions[view]).decode()
    assert f'width="{width}"' in svg and f'height="{height}"' in svg


@pytest.mark.parametrize("view", list(VIEWS))
def test_html_is_self_contained(view: str, views: dict, positions: dict) -> None:
    html = get_format("html").write(views[view], positions[view]).decode()
    assert "cytoscape" in html and "<script src" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    data = html.split('<script type="application/json" id="graph-data">', 1)[1]
    elements = json.loads(data.split("</script>", 1)[0].replace("<\\/", "</"))["elements"]
    assert len(elements["nodes"]) == views[view].number_of_nodes()


def test_every_format_is_tested() -> None:
    tested = {"graphml", "gexf", "node-link", "cytoscape", "dot", "svg", "png", "html"}
    assert tested == set(FORMATS)


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError, match="graphml"):
        get_format("xlsx")


@pytest.mark.parametrize("view", ["full", "signatories-agreements-bodies"])
def test_graphml_edge_ids_are_unique(view: str, views: dict, positions: dict) -> None:
    text = get_format("graphml").write(views[view], positions[view]).decode()
    ids = re.findall(r'<edge [^>]*\bid="([^"]+)"', text)
    assert len(ids) == views[view].number_of_edges()
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("view", list(VIEWS))
def test_gexf_has_no_stray_networkx_column(view: str, views: dict, positions: dict) -> None:
    text = get_format("gexf").write(views[view], positions[view]).decode()
    assert "networkx_key" not in text
    assert 'title="relation"' in text  # the edge's relation is a column of its own


def test_provisions_are_labelled_as_readers_cite_them(views: dict) -> None:
    graph = views["provision-level"]
    denmark_4d = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc/sec_4__item_d"
    assert graph.nodes[denmark_4d]["label"] == "Japan–Denmark › Section 4 › d"
    labels = [d["label"] for _, d in graph.nodes(data=True) if d["type"] == "Provision"]
    assert labels and not [label for label in labels if "__" in label]
