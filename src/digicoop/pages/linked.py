"""Linked-data pages: every IRI minted under ``https://w3id.org/digicoop/`` resolves here.

The IRI's path maps to the same server path (``id/party/jp`` → ``/id/party/jp``; a
``#fragment`` IRI is described on its base's page; ``ontology#Term`` → ``/ontology``, see
:mod:`digicoop.pages.docs`). Browsers get HTML: the resource's facts, the quote from the
source text that is the evidence for each, and links to its neighbours; other clients get
Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation (``?format=`` overrides). An IRI
the graph does not mention is a 404 in the endpoint's JSON error shape.
"""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from digicoop.api.errors import ApiError
from digicoop.export.sparql import Row, Term
from digicoop.pages.dataset import rdf
from digicoop.pages.html import BASE, curie, escape, link
from digicoop.pages.negotiate import ALTERNATES, HTML, negotiate, rdf_headers
from digicoop.pages.source import select
from digicoop.pages.templating import page

router = APIRouter()

#: Namespaces of SKOS schemes: ``/{name}/{slug}`` is a concept, ``/{name}/`` the scheme's docs.
SCHEMES = ("topic", "modality", "clause-type", "legal-status", "role", "kind", "event")
LABELS = {
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2000/01/rdf-schema#label",
}


def _literal(term: Term) -> str:
    note = f"@{term.lang}" if term.lang else (curie(term.datatype) if term.datatype else "")
    note_html = f' <small class="muted">{escape(note)}</small>' if note else ""
    return f"{escape(term.value)}{note_html}"


def _value(row: Row, key: str = "object") -> str:
    term = row[key]
    if term.is_iri:
        return link(term.value, row["label"].value if "label" in row else None)
    return _literal(term)


def _evidence_by_fact(rows: list[Row]) -> dict[tuple[str, str, str], list[Row]]:
    found: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        key = (row["subject"].value, row["predicate"].value, row["object"].value)
        found[key].append(row)
    return found


def _quote(row: Row, names: dict[str, str] | None = None) -> str:
    provision = row["provision"].value
    label = (names or {}).get(provision, provision.rsplit("/", 1)[-1])
    return (
        f"<blockquote>“{escape(row['exact'].value)}”</blockquote><small>"
        f"{link(provision, label)} · "
        f"characters {escape(row['start'].value)}–{escape(row['end'].value)} · "
        f"{link(row['evidence'].value, 'evidence record')}</small>"
    )


def resource_html(
    iri: str,
    out: list[Row],
    incoming: list[Row],
    evidence: list[Row],
    names: dict[str, str] | None = None,
) -> str:
    """The HTML page of ``iri`` from the rows of the three resource queries.

    ``names`` (IRI → label) gives provisions their readable path, in the title too.
    """
    names = names or {}
    title = next(
        (
            r["object"].value
            for r in out
            if r["subject"].value == iri and r["predicate"].value in LABELS
        ),
        names.get(iri) or curie(iri),
    )
    quotes = _evidence_by_fact(evidence)
    sections = []
    by_subject: dict[str, list[Row]] = defaultdict(list)
    for row in out:
        by_subject[row["subject"].value].append(row)
    for subject, rows in sorted(by_subject.items(), key=lambda kv: (kv[0] != iri, kv[0])):
        lines = []
        for row in rows:
            key = (subject, row["predicate"].value, row["object"].value)
            cited = "".join(_quote(q, names) for q in quotes.get(key, []))
            graph = link(row["graph"].value, row["graph"].value.rsplit("/", 1)[-1])
            lines.append(
                f'<tr class="fact"><td>{link(row["predicate"].value)}</td><td>{_value(row)}</td>'
                f"<td>{cited}</td><td><small>{graph}</small></td></tr>"
            )
        heading = (
            ""
            if subject == iri
            else f'<h3 id="{escape(subject.rsplit("#", 1)[-1])}">{escape(curie(subject))}</h3>'
        )
        sections.append(
            f'{heading}<table class="facts"><tr><th>property</th><th>value</th>'
            f"<th>evidence (quote from the source text)</th><th>graph</th></tr>"
            f"{''.join(lines)}</table>"
        )
    elsewhere = [q for q in evidence if q["subject"].value != iri]
    stated = "".join(
        f"<li>{link(q['subject'].value, names.get(q['subject'].value))} "
        f"{link(q['predicate'].value)} this resource{_quote(q, names)}</li>"
        for q in elsewhere
    )
    neighbours = "".join(
        f"<li>{_value(row, 'subject')} <span class='muted'>{escape(curie(row['predicate'].value))}"
        "</span></li>"
        for row in incoming
    )
    formats = " · ".join(f'<a href="?format={name}">{name}</a>' for name in ALTERNATES)
    body = (
        f'<p class="iri">{escape(iri)}</p><p>Also as {formats}.</p>'
        f"<h2>Facts</h2>{''.join(sections) or '<p>No facts with this subject.</p>'}"
        + (f"<h2>Facts about it, with evidence</h2><ul>{stated}</ul>" if stated else "")
        + (f'<h2>Linked from</h2><ul id="incoming">{neighbours}</ul>' if neighbours else "")
    )
    return page(title, body, {media: f"?format={name}" for name, media in ALTERNATES.items()})


async def describe(request: Request, iri: str) -> Response:
    """HTML or RDF for one resource; 404 if the graph does not mention it."""
    media = negotiate(request)
    out = await select(request, "resource-out", resource=iri)
    incoming = await select(request, "resource-in", resource=iri)
    if not out and not incoming:
        raise ApiError(404, "not-found", f"the graph says nothing about <{iri}>")
    if media != HTML:
        body = await rdf(request, "resource-describe", media, resource=iri)
        return Response(body, headers=rdf_headers(media))
    evidence = await select(request, "resource-evidence", resource=iri)
    from digicoop.pages.query_page import iris_in, label_map  # query_page imports this package

    names = await label_map(request, iris_in(out, incoming, evidence) | {iri})
    page = resource_html(iri, out, incoming, evidence, names)
    return HTMLResponse(page, headers={"Vary": "Accept"})


@router.get("/id/{path:path}", summary="A resource the build minted (HTML or RDF)")
async def minted(path: str, request: Request) -> Response:
    return await describe(request, f"{BASE}id/{path}")


@router.get("/graph/{name}", summary="A named graph: summary page, or all its triples as RDF")
async def named_graph(name: str, request: Request) -> Response:
    iri = f"{BASE}graph/{name}"
    media = negotiate(request)
    rows = await select(request, "graph-size", graph=iri)
    if not rows:
        raise ApiError(404, "not-found", f"no named graph <{iri}>")
    if media != HTML:
        triples = await rdf(request, "graph-describe", media, graph=iri)
        return Response(triples, headers=rdf_headers(media))
    size = rows[0]
    agreement = f"{BASE}id/agreement/{name}"
    formats = " · ".join(f'<a href="?format={n}">{n}</a>' for n in ALTERNATES)
    body = (
        f'<p class="iri">{escape(iri)}</p><p>{escape(size["triples"].value)} triples about '
        f"{escape(size['subjects'].value)} subjects. Download: {formats}.</p>"
        f"<p>If this graph holds an agreement, start at {link(agreement)}.</p>"
    )
    return HTMLResponse(page(f"Graph {name}", body), headers={"Vary": "Accept"})


def _concept_route(namespace: str):  # type: ignore[no-untyped-def]
    async def concept(slug: str, request: Request) -> Response:
        return await describe(request, f"{BASE}{namespace}/{slug}")

    concept.__name__ = f"{namespace.replace('-', '_')}_concept"
    return concept


for _namespace in SCHEMES:
    router.add_api_route(
        f"/{_namespace}/{{slug}}",
        _concept_route(_namespace),
        methods=["GET"],
        summary=f"A concept of the {_namespace} scheme (HTML or RDF)",
    )
