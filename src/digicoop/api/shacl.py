"""``POST /shacl``: validate a posted RDF document against the project's shapes.

Apache Jena Fuseki's SHACL service is the model: the body is the data (Turtle, N-Triples,
JSON-LD or TriG, by ``Content-Type``), the answer is the W3C validation report, negotiated by
``Accept`` (Turtle by default, JSON-LD, N-Triples), or the findings as JSON
(``application/json``, the shape of ``digicoop validate --format json``). The status is 200
whether or not the data conforms, as Fuseki's is: the report says which.

Errors use the one JSON error shape: 400 for a body that does not parse (with the parser's
line and column when it gives them) or an unknown content type, 406 for an unknown Accept,
413 over the body limit (the app's middleware), 503 if the server's own shapes are broken. Quotes are not compared with source files:
posted data comes from elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Header, Request, Response

from digicoop.api import negotiation
from digicoop.api.errors import ApiError
from digicoop.api.settings import Settings, get_settings
from digicoop.errors import DigicoopError
from digicoop.paths import find_root
from digicoop.validate import validate_graph
from digicoop.validate.report import render

router = APIRouter()

#: Content-Type (without parameters) → the parser's format.
INPUT_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/x-trig": ox.RdfFormat.TRIG,
}
#: What ``Accept`` may ask for, in the server's order of preference.
OUTPUT_OFFERS = [
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/json", "application/json"),
]
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}


def project_root(settings: Settings) -> Path:
    """The tree whose ``shapes/`` and ``ontology/`` judge the data: the one holding the query
    library if it has shapes (how ``digicoop serve`` runs), else the one found from the
    working directory."""
    candidate = settings.queries_dir.resolve().parent
    has_shapes = any((candidate / "shapes").glob("*.ttl"))
    return candidate if has_shapes and (candidate / "ontology").is_dir() else find_root()


def _parse(body: bytes, content_type: str | None) -> ox.Store:
    media = (content_type or "").split(";")[0].strip().lower()
    fmt = INPUT_FORMATS.get(media)
    if fmt is None:
        known = ", ".join(sorted(INPUT_FORMATS))
        raise ApiError(
            400,
            "unsupported-content-type",
            f"cannot read Content-Type {media or '(none)'!r}; send one of {known}",
        )
    store = ox.Store()
    try:
        store.load(input=body, format=fmt, base_iri="urn:digicoop:posted:")
    except (SyntaxError, ValueError) as error:
        text = " ".join(str(error).split())[:300] or type(error).__name__
        extra = {}
        if isinstance(error, SyntaxError) and error.lineno is not None:
            extra = {"line": error.lineno, "column": error.offset or 0}
        raise ApiError(
            400, "invalid-rdf", f"the body is not valid {media}: {text}", **extra
        ) from error
    return store


async def _body(request: Request) -> bytes:
    """The raw body (read in the event loop; validation then runs in a worker thread)."""
    return await request.body()


@router.post("/shacl")
def shacl(
    body: Annotated[bytes, Depends(_body)] = b"",
    content_type: Annotated[str | None, Header()] = None,
    accept: Annotated[str | None, Header()] = None,
    settings: Annotated[Settings, Depends(get_settings)] = None,  # type: ignore[assignment]
) -> Response:
    """Validate the body; answer the W3C report (or the findings as JSON)."""
    chosen = negotiation.choose(negotiation.parse_accept(accept), OUTPUT_OFFERS)
    if chosen is None:
        offered = ", ".join(media for media, _ in OUTPUT_OFFERS)
        raise ApiError(406, "not-acceptable", f"the report is available as {offered}")
    store = _parse(body, content_type)
    try:
        result = validate_graph(store, project_root(settings), check_sources=False)
    except DigicoopError as error:  # the server's shapes or ontology are broken, not the data
        raise ApiError(503, "shapes-unavailable", str(error)) from error
    if chosen == "application/json":
        payload = json.loads(render(result, "json"))
        return Response(json.dumps(payload, ensure_ascii=False), media_type="application/json")
    text = result.report_graph.serialize(format=_RDFLIB_FORMATS[chosen])
    return Response(text, media_type=negotiation.content_type(chosen))
