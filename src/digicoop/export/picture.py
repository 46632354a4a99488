"""Static pictures of a view: an SVG drawn here, and a PNG of that SVG taken by Chromium.

Why not matplotlib or Graphviz: neither is otherwise needed, and the SVG is a few dozen
lines of plain markup. The PNG is a headless-Chromium screenshot of the SVG: Debian's
``chromium`` package is what the browser tests already need in CI, and it renders text and
anti-aliasing exactly as the HTML view does. No chromium on PATH is a clear error.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from digicoop.errors import DigicoopError
from digicoop.export.layout import SIZE, Positions

MARGIN = 40
LEGEND = 190
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
]  # fmt: skip
#: Types whose labels are always drawn (there are few of them and they anchor the picture).
ANCHORS = {"Agreement", "Party", "Person", "GovernanceBody"}


def _radius(size: float) -> float:
    return max(3.0, min(size / 3, 26.0))


def _short(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_svg(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    """An SVG of the view: edges by weight, nodes by type colour and size, a legend."""
    width, height = int(SIZE + 2 * MARGIN + LEGEND), int(SIZE + 2 * MARGIN + 30)
    title = graph.graph.get("title", graph.graph.get("view", ""))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="28" font-size="20">{escape(title)}</text>',
        f'<text x="{MARGIN}" y="{height - 12}" font-size="12" fill="#555">'
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges</text>",
        '<g id="edges" stroke="#888" stroke-opacity="0.35">',
    ]

    def at(node: object) -> tuple[float, float]:
        x, y = positions[node]
        return x + MARGIN, y + MARGIN + 20

    for source, target, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = at(source), at(target)
        stroke = 0.6 + math.sqrt(float(data.get("weight", 1)))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{stroke:.1f}"/>'
        )
    parts.append('</g><g id="nodes" stroke="#333" stroke-width="0.5">')
    label_all = graph.number_of_nodes() <= 120
    labels = []
    for node, data in graph.nodes(data=True):
        x, y = at(node)
        r = _radius(float(data.get("size", 8)))
        parts.append(
            f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
            f"fill={quoteattr(data.get('color', '#ccc'))}>"
            f"<title>{escape(str(data.get('label', node)))}</title></circle>"
        )
        if label_all or data.get("type") in ANCHORS:
            labels.append(
                f'<text x="{x + r + 2:.1f}" y="{y + 4:.1f}">'
                f"{escape(_short(str(data.get('label', node))))}</text>"
            )
    parts.append('</g><g id="labels" font-size="10" fill="#222">')
    parts.extend(labels)
    parts.append("</g>")
    parts.append(_legend(graph, int(SIZE + 2 * MARGIN)))
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode()


def _legend(graph: nx.MultiDiGraph, left: int) -> str:
    counts = Counter(data.get("type", "Resource") for _, data in graph.nodes(data=True))
    colours = {data.get("type"): data.get("color") for _, data in graph.nodes(data=True)}
    rows = [f'<g id="legend" font-size="12" transform="translate({left},60)">']
    for number, (kind, count) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))):
        y = number * 20
        rows.append(
            f'<circle cx="8" cy="{y}" r="6" fill={quoteattr(str(colours[kind]))} stroke="#333" '
            f'stroke-width="0.5"/><text x="20" y="{y + 4}">{escape(str(kind))} ({count})</text>'
        )
    rows.append("</g>")
    return "\n".join(rows)


def find_browser() -> str:
    """The Chromium executable on PATH; raises :class:`DigicoopError` saying how to get one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise DigicoopError(
        "PNG export needs Chromium (looked for chromium, chromium-browser, google-chrome on "
        "PATH): install it with 'apt-get install -y chromium', or export --format svg"
    )


def svg_to_png(svg: bytes, timeout: float = 60) -> bytes:
    """Screenshot ``svg`` at its own size in headless Chromium; raises DigicoopError."""
    browser = find_browser()
    text = svg.decode()
    width = int(text.split('width="', 1)[1].split('"', 1)[0])
    height = int(text.split('height="', 1)[1].split('"', 1)[0])
    with tempfile.TemporaryDirectory(prefix="digicoop-png-") as folder:
        source, target = Path(folder) / "view.svg", Path(folder) / "view.png"
        source.write_bytes(svg)
        command = [
            browser, *CHROMIUM_ARGS, f"--user-data-dir={folder}/profile",
            f"--window-size={width},{height}", f"--screenshot={target}", source.as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise DigicoopError(
                f"Chromium took longer than {timeout:g} s to draw the PNG"
            ) from None
        if not target.is_file():
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise DigicoopError(f"Chromium wrote no PNG (exit {done.returncode}): {' '.join(tail)}")
        return target.read_bytes()


def to_png(graph: nx.MultiDiGraph, positions: Positions) -> bytes:
    return svg_to_png(to_svg(graph, positions))
