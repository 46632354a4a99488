"""The HTML the pages share: one plain layout, escaping, and IRI-to-server-path links.

Pages are built from small functions rather than a template engine: they are short, and
every value passes through :func:`escape` on the way in, so data cannot inject markup.
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
    "status:": "https://w3id.org/digicoop/legal-status/",
    "role:": "https://w3id.org/digicoop/role/",
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
}

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem;
       color: #222; }
nav { border-bottom: 1px solid #ddd; padding-bottom: .4rem; margin-bottom: 1rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
code, .iri { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-all; }
blockquote { margin: .2rem 0; padding: .2rem .6rem; border-left: 3px solid #9ecae1;
             background: #f5faff; }
.muted { color: #666; }
.cell { min-width: 5rem; }
.bar { display: flex; height: .6rem; margin: .2rem 0; }
.bar span { display: block; height: 100%; }
details summary { cursor: pointer; }
"""


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


def page(title: str, body: str, alternates: dict[str, str] | None = None) -> str:
    """A whole page; ``alternates`` (media type → href) become ``<link rel="alternate">``."""
    links = "".join(
        f'<link rel="alternate" type="{escape(media)}" href="{escape(href)}">'
        for media, href in (alternates or {}).items()
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{escape(title)} — digicoop</title>{links}'
        f"<style>{STYLE}</style></head><body>"
        '<nav><a href="/">SPARQL</a><a href="/ontology">Ontology</a><a href="/topic/">Topics</a>'
        '<a href="/compare/matrix.html">Partner × topic</a><a href="/compare/timeline.html">'
        'Timeline</a><a href="/export/">Views</a></nav>'
        f"<h1>{escape(title)}</h1>{body}</body></html>"
    )
