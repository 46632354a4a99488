"""Content negotiation: the client's Accept header (with q-values) against what we offer.

The store serialises by canonical media type (see :mod:`digicoop.store`); aliases such as
``application/json`` are accepted and answered with the canonical type. A ``format`` short
name (``json``, ``csv``, ``ttl``…) overrides Accept so that plain links can download a format.
"""

from __future__ import annotations

from dataclasses import dataclass

from digicoop.store import Formats

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"

#: (media type a client may ask for, canonical media type served), in server preference.
RESULT_OFFERS = [
    (JSON, JSON),
    (XML, XML),
    (CSV, CSV),
    (TSV, TSV),
    ("application/json", JSON),
    ("application/xml", XML),
    ("text/xml", XML),
]
BOOLEAN_OFFERS = [(a, c) for a, c in RESULT_OFFERS]
GRAPH_OFFERS = [
    (TURTLE, TURTLE),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-quads", "application/n-quads"),
    ("application/trig", "application/trig"),
    ("application/x-turtle", TURTLE),
    ("text/plain", "application/n-triples"),
    ("application/xml", "application/rdf+xml"),
    ("application/json", "application/ld+json"),
]

#: ``format=`` short names and the canonical type each stands for.
FORMAT_NAMES = {
    "json": JSON,
    "xml": XML,
    "csv": CSV,
    "tsv": TSV,
    "ttl": TURTLE,
    "turtle": TURTLE,
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nq": "application/n-quads",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """-1 if this range does not cover ``media_type``, else its specificity (0-2)."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append(MediaRange(main, sub or "*", q))
    return ranges


def choose(ranges: list[MediaRange], offers: list[tuple[str, str]]) -> str | None:
    """The canonical type of the best offer: highest q, ties to server order; None if none."""
    best: tuple[float, int] | None = None
    chosen = None
    for position, (asked, canonical) in enumerate(offers):
        specificity, q = -1, 0.0
        for media_range in ranges:
            level = media_range.matches(asked)
            if level > specificity:
                specificity, q = level, media_range.q
        if specificity < 0 or q <= 0:
            continue
        score = (q, -position)
        if best is None or score > best:
            best, chosen = score, canonical
    return chosen


def ranges_for_format(format_name: str) -> list[MediaRange]:
    """The single media range a ``format=`` short name stands for (none if unknown)."""
    wanted = FORMAT_NAMES.get(format_name.lower())
    if wanted is None:
        return []
    main, _, sub = wanted.partition("/")
    return [MediaRange(main, sub, 1.0)]


def formats_for(accept: str | None, format_name: str | None = None) -> Formats:
    """The media type for each kind of result, from ``format=`` if given, else Accept."""
    ranges = ranges_for_format(format_name) if format_name else parse_accept(accept)
    return Formats(
        solutions=choose(ranges, RESULT_OFFERS),
        boolean=choose(ranges, BOOLEAN_OFFERS),
        graph=choose(ranges, GRAPH_OFFERS),
    )


def content_type(media_type: str) -> str:
    """The Content-Type header for a canonical media type (text types say UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
