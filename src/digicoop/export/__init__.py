"""Views of the graph for visualisation tools, projected from the RDF by SPARQL.

:func:`export` is the whole pipeline: build the view from the store (:mod:`.views`), lay it
out (:mod:`.layout`) and serialise it (:mod:`.formats`). The command line and the server
both call it, with a different :data:`~digicoop.export.sparql.Select`.

>>> sorted(FORMATS)[:3]
['cytoscape', 'dot', 'gexf']
"""

from __future__ import annotations

from digicoop.export.formats import FORMATS, UnknownFormatError, get_format
from digicoop.export.layout import layout
from digicoop.export.sparql import Select
from digicoop.export.views import VIEWS, UnknownViewError, build

__all__ = ["FORMATS", "VIEWS", "UnknownFormatError", "UnknownViewError", "export"]


def export(view: str, format_name: str, select: Select, link_base: str | None = None) -> bytes:
    """The view ``view`` in ``format_name``; raises UnknownViewError / UnknownFormatError.

    The format is checked first so that a typo costs no queries. ``link_base`` applies to
    the HTML view only (see :func:`digicoop.export.html.to_html`).
    """
    fmt = get_format(format_name)
    graph = build(view, select)
    positions = layout(graph)
    if fmt.name == "html" and link_base:
        from digicoop.export.html import to_html

        return to_html(graph, positions, link_base)
    return fmt.write(graph, positions)
