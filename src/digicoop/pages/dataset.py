"""The dataset describes itself: ``/.well-known/void`` (VoID + DCAT) and a JSON-LD context.

The description is ``graph:dataset`` as the build wrote it (counts, named graphs, licence,
sources; see :mod:`digicoop.describe`) plus the build date, which only the server knows
(the modification time of the data file it serves) and which is kept out of the files so
that rebuilds are byte-identical, and the address of its own SPARQL endpoint. RDF by content negotiation (Turtle for most clients),
HTML for browsers.

JSON-LD answers carry an ``@context`` made from the prefixes the pages print (``dco:``,
``topic:``...), also served alone at ``/context.jsonld`` for clients that want to compact
other answers with it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from digicoop.api.service_description import RDFLIB_FORMATS
from digicoop.api.settings import Settings
from digicoop.describe import DATASET, GRAPH_IRI
from digicoop.pages.html import PREFIXES
from digicoop.pages.negotiate import HTML, negotiate, rdf_headers
from digicoop.pages.source import construct
from digicoop.pages.templating import render

router = APIRouter()


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context``: the printed prefixes (``dco`` → the ontology's IRI...)."""
    return {prefix.rstrip(":"): namespace for prefix, namespace in PREFIXES.items()} | {
        "sd": "http://www.w3.org/ns/sparql-service-description#"
    }


def serialise(graph: Graph, media_type: str) -> bytes:
    """``graph`` in ``media_type``; JSON-LD compacted with :func:`jsonld_context`."""
    for prefix, namespace in jsonld_context().items():
        graph.bind(prefix, namespace)
    fmt = RDFLIB_FORMATS[media_type]
    if fmt == "json-ld":
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    else:
        text = graph.serialize(format=fmt)
    return text.encode("utf-8")


def build_date(settings: Settings) -> datetime | None:
    """When the served data file was written (the build's time), if the data is a file."""
    for source in settings.data:
        path = getattr(source, "path", None)
        if path is not None and path.is_file():
            return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    return None


async def description(request: Request) -> Graph:
    """``graph:dataset`` with the build date and this server's endpoint added."""
    triples = await construct(request, "graph-describe", "application/n-triples", graph=GRAPH_IRI)
    graph = Graph()
    graph.parse(data=triples.decode("utf-8"), format="nt")
    endpoint = URIRef(str(request.base_url) + "sparql")
    graph.add((DATASET, URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), endpoint))
    built = build_date(request.app.state.settings)
    if built is not None:
        graph.add((DATASET, DCTERMS.modified, Literal(built.isoformat(), datatype=XSD.dateTime)))
    return graph


@router.get("/.well-known/void", summary="The dataset's VoID and DCAT description")
async def void(request: Request) -> Response:
    media = negotiate(request)
    graph = await description(request)
    if media != HTML:
        return Response(serialise(graph, media), headers=rdf_headers(media))
    facts: list[tuple[str, Any]] = sorted(
        (str(p), o) for p, o in graph.predicate_objects(DATASET) if not isinstance(o, URIRef)
    )
    subsets = sorted(
        (
            str(graph.value(s, DCTERMS.title)),
            str(graph.value(s, URIRef("http://rdfs.org/ns/void#triples"))),
            str(graph.value(s, URIRef("http://www.w3.org/ns/sparql-service-description#name"))),
        )
        for s in graph.objects(DATASET, URIRef("http://rdfs.org/ns/void#subset"))
    )
    links = sorted(
        (str(p), str(o)) for p, o in graph.predicate_objects(DATASET) if isinstance(o, URIRef)
    )
    page = render(
        "dataset.html", title="About the dataset", facts=facts, links=links, subsets=subsets,
        current="",
    )  # fmt: skip
    return HTMLResponse(page, headers={"Vary": "Accept"})


@router.get("/context.jsonld", summary="The JSON-LD context of the dataset's prefixes")
async def context() -> Response:
    body = json.dumps({"@context": jsonld_context()}, indent=1)
    return Response(body, media_type="application/ld+json")


async def rdf(request: Request, name: str, media_type: str, **values: str) -> bytes:
    """The CONSTRUCT query ``name`` as ``media_type``; JSON-LD gets the ``@context``.

    The store writes JSON-LD in expanded form (full IRIs, no context); it is re-read and
    compacted with the dataset's prefixes, so ``dco:party`` reads as such.
    """
    if media_type != "application/ld+json":
        return await construct(request, name, media_type, **values)
    triples = await construct(request, name, "application/n-triples", **values)
    graph = Graph()
    graph.parse(data=triples.decode("utf-8"), format="nt")
    return serialise(graph, media_type)


@router.get("/graphs/{name}", summary="The dataset file being served (the VoID data dump)")
async def data_dump(name: str, request: Request) -> Response:
    """The served RDF file itself, by name (``digicoop.trig``), as the build wrote it."""
    from fastapi.responses import FileResponse

    from digicoop.api.errors import ApiError
    from digicoop.store import rdf_format

    for source in request.app.state.settings.data:
        path = getattr(source, "path", None)
        if path is not None and path.name == name and path.is_file():
            return FileResponse(path, media_type=rdf_format(path).media_type)
    raise ApiError(404, "not-found", f"this server does not serve a file named {name!r}")
