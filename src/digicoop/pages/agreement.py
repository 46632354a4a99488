"""The reader's pages: ``/agreements`` (the list) and ``/id/agreement/{id}`` (one agreement).

An agreement's page is written for a policy analyst, not for a SPARQL user: a summary of
who, when, how long and what (each fact with the words it comes from and a link to them),
then the full text as a reading view in which every provision shows its modality, topics,
citations and any other tags the graph gives it. The generic table of triples stays at
``?view=facts``; RDF clients get RDF by content negotiation, as for any resource.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from digicoop.api.engine import get_engine
from digicoop.api.errors import ApiError
from digicoop.export.sparql import Select, queries
from digicoop.pages.html import BASE
from digicoop.pages.linked import describe
from digicoop.pages.negotiate import HTML, negotiate
from digicoop.pages.reader import Reader, build_reader
from digicoop.pages.source import in_thread, select
from digicoop.pages.templating import render

router = APIRouter()
#: Rendered agreement pages kept per loaded dataset (a page costs five queries).
CACHED_PAGES = 64


def term_labels(run: Select) -> dict[str, str]:
    """Labels of the ontology's classes and properties (one query)."""
    rows = run(queries("pages")["term-labels"], {})
    return {row["term"].value: row["label"].value for row in rows}


def load_reader(run: Select, iri: str) -> Reader | None:
    """The reader's view of agreement ``iri``, or None if the graph has no such agreement."""
    library = queries("pages")
    values = {"agreement": iri}
    facts = run(library["agreement-facts"], values)
    if not facts:
        return None
    return build_reader(
        iri,
        facts,
        run(library["agreement-evidence"], values),
        run(library["agreement-provisions"], values),
        run(library["agreement-provision-links"], values),
        term_labels(run),
    )


@router.get("/agreements", response_class=HTMLResponse, summary="Every agreement, with links")
async def agreements(request: Request) -> HTMLResponse:
    rows = await select(request, "agreements-list")
    items = [
        {
            "iri": row["agreement"].value,
            "id": row["id"].value,
            "title": row["title"].value if "title" in row else row["id"].value,
            "parties": [p for p in row["parties"].value.split("|") if p],
            "kinds": [k for k in row["kinds"].value.split("|") if k],
            "signed": row["signed"].value if "signed" in row else "",
        }
        for row in rows
    ]
    return HTMLResponse(
        render("agreements.html", title="Agreements", items=items, current="/agreements")
    )


@router.get("/id/agreement/{agreement_id}", summary="An agreement: reader's page (HTML) or RDF")
async def agreement(agreement_id: str, request: Request) -> Response:
    """HTML for browsers (``?view=facts``: every triple), RDF by content negotiation."""
    iri = f"{BASE}id/agreement/{agreement_id}"
    if negotiate(request) != HTML or request.query_params.get("view") == "facts":
        return await describe(request, iri)
    cache: dict[tuple[str, str], str] = getattr(request.app.state, "reader_cache", None) or {}
    request.app.state.reader_cache = cache
    key = (get_engine(request).info.digest, iri)
    if key not in cache:
        if len(cache) >= CACHED_PAGES:
            cache.clear()
        reader = await in_thread(request, lambda run: load_reader(run, iri))
        if reader is None:
            raise ApiError(404, "not-found", f"the graph has no agreement <{iri}>")
        cache[key] = render(
            "agreement.html", title=reader.title, reader=reader, current="/agreements"
        )
    return HTMLResponse(cache[key], headers={"Vary": "Accept"})
