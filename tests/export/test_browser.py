"""The exported HTML view opened from a file in headless Chromium (Debian's, via Playwright).

It must render the network with exactly the view's nodes and edges, make no network
request beyond the file itself, and log no console error. The Cytoscape JSON export is
loaded by the vendored Cytoscape.js in the same browser: a real consumer of that format.
A screenshot is kept in ``tests/artifacts/``. No chromium is a failure, never a skip.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from browser import ARTIFACTS, chromium_page
from digicoop.export.formats import get_format
from digicoop.export.html import VENDOR
from digicoop.export.layout import layout


@pytest.mark.browser
@pytest.mark.parametrize("view", ["agreements-topics", "signatories-agreements-bodies"])
def test_html_view_renders_every_node(
    view: str, views: dict[str, nx.MultiDiGraph], tmp_path: Path
) -> None:
    graph = views[view]
    page_file = tmp_path / f"{view}.html"
    page_file.write_bytes(get_format("html").write(graph, layout(graph)))
    with chromium_page(1400, 900) as watched:
        page, problems = watched.page, watched.problems
        requests = watched.requests
        page.goto(page_file.as_uri(), wait_until="load")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        assert page.evaluate("digicoopView.nodes().length") == graph.number_of_nodes()
        assert page.evaluate("digicoopView.edges().length") == graph.number_of_edges()
        assert page.inner_text("#node-count") == str(graph.number_of_nodes())
        # the canvas was drawn: cytoscape's layers exist and have a size
        box = page.locator("#cy canvas").first.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 300
        first = next(iter(graph.nodes))
        page.evaluate(f"digicoopView.getElementById({json.dumps(first)}).emit('tap')")
        assert graph.nodes[first]["label"] in page.inner_text("#details")
        page.screenshot(path=str(ARTIFACTS / f"export-{view}.png"))
    assert problems == [], problems
    assert requests == [page_file.as_uri()], requests


@pytest.mark.browser
def test_cytoscape_json_loads_in_cytoscape_js(views: dict[str, nx.MultiDiGraph]) -> None:
    graph = views["provision-level"]
    document = get_format("cytoscape").write(graph, layout(graph)).decode()
    library = (VENDOR / "cytoscape.min.js").read_text(encoding="utf-8")
    with chromium_page() as watched:
        page = watched.page
        page.set_content("<div id='cy' style='width:400px;height:400px'></div>")
        page.add_script_tag(content=library)
        counts = page.evaluate(
            """(text) => { const doc = JSON.parse(text);
               const cy = cytoscape({container: document.getElementById('cy'),
                                     elements: doc.elements, layout: {name: 'preset'}});
               return [cy.nodes().length, cy.edges().length]; }""",
            document,
        )
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert watched.problems == [], watched.problems
