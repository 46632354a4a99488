"""Views of the graph for visualisation tools, projected from the RDF by SPARQL.

:func:`export` is the whole pipeline: build the view from the store (:mod:`.views`), lay it
out (:mod:`.layout`) and serialise it (:mod:`.formats`). The command line and the server
both call it, with a different :data:`~digicoop.export.sparql.Select`.

>>> sorted(FORMATS)[:3]
['cytoscape', 'dot', 'gexf']
"""

from __future__ import annotations

from digicoop.export.formats import FORMATS, UnknownFormatError, get_format
from digicoop.export.html import to_html
from digicoop.export.layout import layout
from digicoop.export.sparql import Select
from digicoop.export.views import VIEWS, UnknownViewError, build

__all__ = [
    "CALENDAR",
    "FORMATS",
    "VIEWS",
    "UnknownFormatError",
    "UnknownViewError",
    "export",
    "export_all",
]

#: The calendar of term ends and notice deadlines: ``digicoop export calendar`` (iCalendar).
CALENDAR = "calendar"
#: Formats ``export --all`` writes unless told: all but PNG, which needs a browser per view.
ALL_FORMATS = tuple(name for name in FORMATS if name != "png")


def export(view: str, format_name: str, select: Select, link_base: str | None = None) -> bytes:
    """The view ``view`` in ``format_name``; raises UnknownViewError / UnknownFormatError.

    The view ``calendar`` is the iCalendar file of term ends and notice deadlines (its only
    format is ``ics``).

    The format is checked first so that a typo costs no queries. ``link_base`` applies to
    the HTML view only (see :func:`digicoop.export.html.to_html`).
    """
    if view == CALENDAR:
        from digicoop.export.calendar import to_ical

        return to_ical(select, link_base or "https://w3id.org/digicoop/")
    fmt = get_format(format_name)
    graph = build(view, select)
    positions = layout(graph)
    if fmt.name == "html" and link_base:
        return to_html(graph, positions, link_base)
    return fmt.write(graph, positions)


def export_all(select: Select, formats: tuple[str, ...] = ALL_FORMATS) -> dict[str, bytes]:
    """Every view in every one of ``formats``, and the calendar: file name → bytes.

    Each view is projected and laid out once for all its formats.
    """
    chosen = [get_format(name) for name in formats]
    files: dict[str, bytes] = {}
    for view in VIEWS:
        graph = build(view, select)
        positions = layout(graph)
        for fmt in chosen:
            files[f"{view}.{fmt.extension}"] = fmt.write(graph, positions)
    files[f"{CALENDAR}.ics"] = export(CALENDAR, "ics", select)
    return files
