"""How views reach the graph: one ``Select`` callable, backed by a store or the server's pool.

Views are *projections*: every node and edge comes from a SPARQL query on the store, so the
facts are never copied into Python data structures that could drift from the graph. The
queries are files (``export/queries/*.rq``, ``pages/queries/*.rq``) in the query library's
header format (:mod:`digicoop.querylib`), so they are parsed and checked the same way and
parameters are bound as RDF terms, never pasted into the text.

A ``Select`` takes a :class:`~digicoop.querylib.NamedQuery` and parameter values and returns
rows of :class:`Term`. The command line uses :func:`store_select` (a
:class:`~digicoop.store.GraphStore` in this process); the server hands the same views a
select that runs in its worker pool, so both see exactly the same answers.

>>> from digicoop.store import GraphStore
>>> store = GraphStore.from_text('<http://a> <http://p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .',
...                              "application/n-triples", graph="http://g")
>>> rows = run_text(store_select(store), "SELECT ?o WHERE { ?s ?p ?o }")
>>> rows[0]["o"].python()
7
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from digicoop.querylib import NamedQuery, load_library
from digicoop.store import Formats, GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"
BASE = "https://w3id.org/digicoop/"
_NUMBERS = {XSD + t for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}
_SOLUTIONS = Formats(solutions="application/sparql-results+json", graph="text/turtle")


@dataclass(frozen=True)
class Term:
    """One RDF term of a result row, as the SPARQL JSON results format gives it."""

    kind: str  # "uri" | "literal" | "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"

    def python(self) -> str | int | float | bool:
        """The value as a plain Python scalar (numbers and booleans converted, else text)."""
        if self.datatype in _NUMBERS:
            return int(self.value)
        if self.datatype in {XSD + "decimal", XSD + "double", XSD + "float"}:
            return float(self.value)
        if self.datatype == XSD + "boolean":
            return self.value in {"true", "1"}
        return self.value


Row = dict[str, Term]
Select = Callable[[NamedQuery, Mapping[str, str]], list[Row]]


def parse_results(body: bytes) -> list[Row]:
    """Rows of a SPARQL JSON results document (unbound variables are left out)."""
    document = json.loads(body)
    rows = []
    for binding in document["results"]["bindings"]:
        rows.append(
            {
                name: Term(
                    "uri" if cell["type"] == "uri" else cell["type"].replace("typed-", ""),
                    cell["value"],
                    cell.get("datatype"),
                    cell.get("xml:lang"),
                )
                for name, cell in binding.items()
            }
        )
    return rows


def store_select(store: GraphStore) -> Select:
    """A select that runs on ``store`` in this process (used by ``digicoop export``)."""

    def select(query: NamedQuery, values: Mapping[str, str]) -> list[Row]:
        outcome = store.run(query.bound_text(values), _SOLUTIONS, substitutions=query.bind(values))
        return parse_results(outcome.body)

    return select


def run_text(select: Select, text: str) -> list[Row]:
    """Run an ad-hoc SELECT (doctests and tests only; the views use query files)."""
    query = NamedQuery("adhoc", "adhoc", "", (), text, Path("<text>"))
    return select(query, {})


@cache
def queries(package: str) -> dict[str, NamedQuery]:
    """The query files shipped in ``digicoop.<package>/queries``, parsed and checked once."""
    folder = Path(str(resources.files("digicoop") / package / "queries"))
    return load_library(folder)


def local_name(iri: str) -> str:
    """The last path segment or fragment of an IRI: a readable fallback label."""
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            iri = iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri
