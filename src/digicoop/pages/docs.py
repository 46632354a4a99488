"""Human-readable documentation of the ontology and the SKOS schemes, at their namespaces.

Why our own generator rather than pyLODE: pyLODE 3.4.1 as published does not import (its
``version.py`` opens a ``pyproject.toml`` that the wheel does not ship), and it would also
read the ontology from the Turtle file rather than from the data being served. This page
is built by SPARQL on the served graphs (``graph:ontology``, ``graph:topics``), so it shows
exactly what the endpoint holds: every class and property with its label, comment,
domain, range and super-terms, anchored by local name so ``/ontology#party`` lands on it;
and each scheme as a tree of concepts with definitions and how often the data uses each.
RDF is served at the same paths by content negotiation.
"""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from digicoop.export.sparql import Row, local_name
from digicoop.pages.dataset import rdf
from digicoop.pages.html import BASE, curie, escape, link
from digicoop.pages.linked import SCHEMES
from digicoop.pages.negotiate import ALTERNATES, HTML, negotiate, rdf_headers
from digicoop.pages.source import select
from digicoop.pages.templating import page

router = APIRouter()
ONTOLOGY_GRAPH = f"{BASE}graph/ontology"


def _links(text: str) -> str:
    return ", ".join(link(iri) for iri in text.split()) if text else ""


def _header(rows: list[Row]) -> str:
    lines = "".join(
        f"<tr><th>{escape(curie(r['property'].value))}</th><td>"
        + (link(r["value"].value) if r["value"].is_iri else escape(r["value"].value))
        + "</td></tr>"
        for r in rows
    )
    return f'<table class="header">{lines}</table>'


def ontology_html(header: list[Row], terms: list[Row]) -> str:
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in terms:
        by_kind[row["kind"].value].append(row)
    toc = ""
    sections = []
    for kind, rows in by_kind.items():
        toc += (
            f"<p><b>{escape(kind)}</b>: "
            + ", ".join(
                f'<a href="#{escape(local_name(r["term"].value))}">'
                f"{escape(local_name(r['term'].value))}</a>"
                for r in rows
            )
            + "</p>"
        )
        for row in rows:
            name = local_name(row["term"].value)
            facts = [("IRI", f'<span class="iri">{escape(row["term"].value)}</span>')]
            for key, title in (("super", "sub-term of"), ("domain", "domain"), ("range", "range")):
                if key in row and row[key].value:
                    facts.append((title, _links(row[key].value)))
            table = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in facts)
            label = row["label"].value if "label" in row else name
            comment = escape(row["comment"].value) if "comment" in row else ""
            sections.append(
                f'<section class="term" id="{escape(name)}"><h3>{escape(label)} '
                f'<small class="muted">{escape(kind)} dco:{escape(name)}</small></h3>'
                f"<p>{comment}</p><table>{table}</table></section>"
            )
    formats = " · ".join(f'<a href="/ontology?format={n}">{n}</a>' for n in ALTERNATES)
    body = (
        f"{_header(header)}<p>Also as {formats}. Generated from <code>graph:ontology</code> "
        f"as served.</p><h2>Contents</h2>{toc}<h2>Terms</h2>{''.join(sections)}"
    )
    return page("digicoop ontology", body, current="/ontology")


def scheme_html(namespace: str, header: list[Row], concepts: list[Row]) -> str:
    children: dict[str, list[Row]] = defaultdict(list)
    known = {row["concept"].value for row in concepts}
    for row in concepts:
        parent = row["broader"].value if "broader" in row else ""
        children[parent if parent in known else ""].append(row)

    def tree(parent: str) -> str:
        items = []
        for row in sorted(children.get(parent, []), key=lambda r: r["label"].value.lower()):
            iri = row["concept"].value
            definition = escape(row["definition"].value) if "definition" in row else ""
            items.append(
                f'<li class="concept" id="{escape(local_name(iri))}">'
                f"{link(iri, row['label'].value)} <small class='muted'>{escape(curie(iri))} · "
                f"used {escape(row['uses'].value)}×</small><br>{definition}{tree(iri)}</li>"
            )
        return f"<ul>{''.join(items)}</ul>" if items else ""

    title = next(
        (r["value"].value for r in header if r["property"].value.endswith("core#prefLabel")),
        f"{namespace} scheme",
    )
    formats = " · ".join(f'<a href="/{namespace}/?format={n}">{n}</a>' for n in ALTERNATES)
    body = (
        f"{_header(header)}<p>{len(concepts)} concepts. Also as {formats}. Generated from "
        f"<code>graph:topics</code> as served.</p>{tree('')}"
    )
    return page(title, body, current=f"/{namespace}/")


@router.get("/ontology", summary="The ontology: documentation (HTML) or RDF")
async def ontology(request: Request) -> Response:
    media = negotiate(request)
    if media != HTML:
        body = await rdf(request, "graph-describe", media, graph=ONTOLOGY_GRAPH)
        return Response(body, headers=rdf_headers(media))
    header = await select(request, "ontology-header")
    terms = await select(request, "ontology-terms")
    return HTMLResponse(ontology_html(header, terms), headers={"Vary": "Accept"})


def _scheme_route(namespace: str):  # type: ignore[no-untyped-def]
    async def scheme(request: Request) -> Response:
        iri = f"{BASE}{namespace}/scheme"
        media = negotiate(request)
        if media != HTML:
            body = await rdf(request, "scheme-describe", media, scheme=iri)
            return Response(body, headers=rdf_headers(media))
        header = await select(request, "scheme-header", scheme=iri)
        concepts = await select(request, "scheme-concepts", scheme=iri)
        return HTMLResponse(scheme_html(namespace, header, concepts), headers={"Vary": "Accept"})

    scheme.__name__ = f"{namespace.replace('-', '_')}_scheme"
    return scheme


for _namespace in SCHEMES:
    router.add_api_route(
        f"/{_namespace}/",
        _scheme_route(_namespace),
        methods=["GET"],
        summary=f"The {_namespace} scheme: documentation (HTML) or RDF",
    )


@router.get("/ontology/{version}", summary="A version IRI of the ontology (the one served)")
async def ontology_version(version: str, request: Request) -> Response:
    """``owl:versionIRI`` resolves too; only the served version exists here."""
    return await ontology(request)


@router.get("/docs/{name}", summary="Project documents the graph links to (rdfs:seeAlso)")
async def project_document(name: str) -> Response:
    """``docs/MODEL.md`` and its siblings, as plain text, from the project the server runs in."""
    from digicoop.api.errors import ApiError
    from digicoop.errors import DigicoopError
    from digicoop.paths import find_root

    try:
        folder = find_root() / "docs"
    except DigicoopError:
        raise ApiError(404, "not-found", "no project documents on this server") from None
    found = folder / name
    if "/" in name or name.startswith(".") or not found.is_file():
        raise ApiError(404, "not-found", f"no document docs/{name}")
    return Response(found.read_bytes(), media_type="text/plain; charset=utf-8")
