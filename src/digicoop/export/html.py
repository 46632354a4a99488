"""The self-contained interactive HTML view: one file, Cytoscape.js inlined, no network.

Why inline rather than link the library: the page must open from a file (an e-mail
attachment, a report folder) as well as from the server, and a CDN at run time is ruled out.
Cytoscape.js (MIT, vendored from the npm registry in ``static/vendor/cytoscape`` with its
licence) draws the Cytoscape elements JSON that :mod:`digicoop.export.cytoscape` writes, with
the positions of :mod:`digicoop.export.layout` (``preset`` layout), so the page shows the
same picture as the SVG and opens instantly. The template is
``templates/export/view.html``; ``link_base`` (set by the server) turns the graph's
``https://w3id.org/digicoop/`` IRIs into links to the server's own pages.
"""

from __future__ import annotations

import json
from importlib import resources
from string import Template

import networkx as nx

from digicoop.export.cytoscape import cytoscape_elements
from digicoop.export.layout import Positions

VENDOR = resources.files("digicoop") / "static" / "vendor" / "cytoscape"
TEMPLATE = resources.files("digicoop") / "templates" / "export" / "view.html"


def _script_safe(text: str) -> str:
    """Text that cannot close the ``<script>`` element it is embedded in."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def to_html(graph: nx.MultiDiGraph, positions: Positions, link_base: str | None = None) -> bytes:
    """The page for ``graph``; ``link_base`` (e.g. ``http://host/``) makes IRIs local links."""
    from html import escape

    elements = cytoscape_elements(graph, positions)
    for node in elements["elements"]["nodes"]:  # the drawn label; the full one is in details
        label = str(node["data"].get("label", ""))
        node["data"]["short"] = label if len(label) <= 32 else label[:31] + "…"
    if link_base:
        elements["data"]["link_base"] = link_base
    library = (VENDOR / "cytoscape.min.js").read_text(encoding="utf-8")
    page = Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        title=escape(str(graph.graph.get("title", "digicoop view"))),
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        library=_script_safe(library),
        data=_script_safe(json.dumps(elements, ensure_ascii=False)),
    )
    return page.encode()
