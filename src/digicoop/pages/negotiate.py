"""Content negotiation for linked-data pages: HTML for browsers, RDF for everyone else.

The Accept header decides (q-values honoured, ties go to the order below, so ``*/*`` gets
HTML), unless ``?format=`` names a format, which plain links can use. The parsing is the
endpoint's (:mod:`digicoop.api.negotiation`), so both answer the same header the same way.
"""

from __future__ import annotations

from fastapi import Request

from digicoop.api.errors import ApiError
from digicoop.api.negotiation import MediaRange, choose, parse_accept

HTML = "text/html"
#: (media type asked for, media type served), in server preference.
OFFERS = [
    (HTML, HTML),
    ("application/xhtml+xml", HTML),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/x-turtle", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("text/plain", "application/n-triples"),
]
FORMAT_NAMES = {
    "html": HTML,
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
}
#: Alternate formats linked from every page.
ALTERNATES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}


def negotiate(request: Request) -> str:
    """The media type to answer with; raises a 406 ApiError naming what is on offer."""
    name = request.query_params.get("format")
    if name is not None:
        wanted = FORMAT_NAMES.get(name.lower())
        if wanted is None:
            known = ", ".join(FORMAT_NAMES)
            raise ApiError(400, "bad-format", f"unknown format {name!r} (known: {known})")
        return wanted
    ranges: list[MediaRange] = parse_accept(request.headers.get("accept"))
    chosen = choose(ranges, OFFERS)
    if chosen is None:
        offered = ", ".join(sorted({served for _, served in OFFERS}))
        raise ApiError(406, "not-acceptable", f"this resource is available as {offered}")
    return chosen


def rdf_headers(media_type: str) -> dict[str, str]:
    return {"Vary": "Accept", "Content-Type": _content_type(media_type)}


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
