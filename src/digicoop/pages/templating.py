"""The site's HTML: Jinja2 templates (``templates/site/``) with one base layout and menu.

Why Jinja2 rather than f-strings: every page shares one layout and navigation
(``base.html``), values are escaped by default (autoescape), and a page's markup can be read
as markup. Filters turn IRIs into links to this server (``link``) and CURIEs (``curie``).

>>> render_string("{{ iri | link('Denmark') }}", iri="https://w3id.org/digicoop/id/party/dk")
'<a href="/id/party/dk" title="https://w3id.org/digicoop/id/party/dk">Denmark</a>'
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from digicoop.pages.html import curie, link, local_href

#: The menu on every page: (path, label). The first whose path prefixes the URL is current.
NAV = (
    ("/", "Query"),
    ("/agreements", "Agreements"),
    ("/compare/", "Compare two"),
    ("/compare/matrix.html", "Partner × topic"),
    ("/compare/timeline.html", "Timeline"),
    ("/export/", "Views"),
    ("/ontology", "Ontology"),
    ("/topic/", "Topics"),
    ("/docs", "API docs"),
)


def _link(iri: str, label: str | None = None) -> Markup:
    return Markup(link(iri, label))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("digicoop", "templates/site"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["link"] = _link
    env.filters["curie"] = curie
    env.filters["href"] = local_href
    env.globals["nav"] = NAV
    return env


def render(template: str, **context: Any) -> str:
    """The page ``template`` rendered with ``context`` (values escaped unless Markup)."""
    return environment().get_template(template).render(**context)


def render_string(source: str, **context: Any) -> str:
    """A template given as text (doctests, small fragments)."""
    return environment().from_string(source).render(**context)


def page(title: str, body: str, alternates: dict[str, str] | None = None, current: str = "") -> str:
    """A whole page in the site's layout (``templates/site/base.html``) around ``body``.

    ``body`` is HTML the caller built with :func:`digicoop.pages.html.escape`; ``alternates`` (media type → href)
    become ``<link rel="alternate">``; ``current`` is the menu entry to mark.
    """
    return render(
        "page.html", title=title, body=Markup(body), alternates=alternates, current=current
    )
