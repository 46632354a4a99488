"""The HTML the pages share: escaping, readable prefixes and IRI-to-server-path links.

Older pages build their body from small functions, every value passing through
:func:`escape`; :func:`digicoop.pages.templating.page` puts the body into the site's one
Jinja2 layout, which gives every page the same menu.
Every IRI under ``https://w3id.org/digicoop/`` is linked to the same path on this server
(``/id/...``, ``/topic/...``, ``/ontology#Term``), so the pages are browsable offline.

>>> local_href("https://w3id.org/digicoop/id/party/jp")
'/id/party/jp'
>>> local_href("http://purl.org/dc/terms/title")
'http://purl.org/dc/terms/title'
"""

from __future__ import annotations

from html import escape as _escape

BASE = "https://w3id.org/digicoop/"
#: Readable prefixes for IRIs shown on the pages.
PREFIXES = {
    "dco:": "https://w3id.org/digicoop/ontology#",
    "topic:": "https://w3id.org/digicoop/topic/",
    "modality:": "https://w3id.org/digicoop/modality/",
    "clause:": "https://w3id.org/digicoop/clause-type/",
    "status:": "https://w3id.org/digicoop/legal-status/",
    "role:": "https://w3id.org/digicoop/role/",
    "kind:": "https://w3id.org/digicoop/kind/",
    "event:": "https://w3id.org/digicoop/event/",
    "id:": "https://w3id.org/digicoop/id/",
    "graph:": "https://w3id.org/digicoop/graph/",
    "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
    "owl:": "http://www.w3.org/2002/07/owl#",
    "skos:": "http://www.w3.org/2004/02/skos/core#",
    "dcterms:": "http://purl.org/dc/terms/",
    "org:": "http://www.w3.org/ns/org#",
    "prov:": "http://www.w3.org/ns/prov#",
    "eli:": "http://data.europa.eu/eli/ontology#",
    "foaf:": "http://xmlns.com/foaf/0.1/",
    "oa:": "http://www.w3.org/ns/oa#",
    "xsd:": "http://www.w3.org/2001/XMLSchema#",
    "freq:": "http://purl.org/cld/freq/",
    "void:": "http://rdfs.org/ns/void#",
    "dcat:": "http://www.w3.org/ns/dcat#",
}


def escape(value: object) -> str:
    return _escape(str(value), quote=True)


def local_href(iri: str) -> str:
    """The link for ``iri``: a server path for our namespace, the IRI itself otherwise."""
    if iri.startswith(BASE + "ontology#"):
        return "/ontology#" + iri.split("#", 1)[1]
    if iri.startswith(BASE):
        return "/" + iri[len(BASE) :]
    return iri


def curie(iri: str) -> str:
    """``dco:party`` for a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix + iri[len(namespace) :]
    return iri


def link(iri: str, label: str | None = None) -> str:
    """An ``<a>`` to ``iri`` showing ``label`` (or its CURIE)."""
    text = label or curie(iri)
    return f'<a href="{escape(local_href(iri))}" title="{escape(iri)}">{escape(text)}</a>'
