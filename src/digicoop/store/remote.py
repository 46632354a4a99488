"""The store interface (:class:`digicoop.store.QueryStore`) over a remote SPARQL 1.1 endpoint.

Why: the embedded pyoxigraph store holds the whole graph in each query worker's memory;
past a few thousand agreements, or where an organisation already runs a triple store
(Oxigraph server, Apache Jena Fuseki, QLever, GraphDB), ``digicoop serve --store URL`` serves
the same API (query page, named queries, exports) with the queries answered remotely. Data
gets there with ``digicoop push``.

The endpoint's rules are kept, not the remote server's defaults:

* no dataset in the request and no ``FROM``: the default graph is the union of the named
  graphs, sent as the protocol's ``default-graph-uri`` + ``named-graph-uri`` lists (every
  SPARQL 1.1 server understands them), unless ``union_default=True`` says the server already
  does this (``oxigraph serve --union-default-graph``, Fuseki's ``unionDefaultGraph``);
* a request's dataset is passed on as those parameters; ``FROM`` stays in the query;
* named-query parameters are bound with a trailing ``VALUES`` block of RDF terms (never
  pasted into the query's text), the portable equivalent of pyoxigraph's substitutions;
* a ``BASE`` is prepended for the endpoint's base IRI; answers larger than ``max_bytes``
  raise :class:`ResultTooLargeError`; a 400 from the server is a :class:`QuerySyntaxError`.

``digest`` hashes the graph names and sizes read when the store is opened: answers cached
under it are right until the remote data changes, so restart the endpoint after a push.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from digicoop.sparqltext import words
from digicoop.store.model import (
    MAX_BYTES,
    DatasetSpec,
    DataSource,
    Formats,
    NotAcceptableError,
    Outcome,
    QuerySyntaxError,
    ResultTooLargeError,
    StoreError,
    has_dataset_clause,
)

_KINDS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True)
class RemoteSource(DataSource):
    """A remote SPARQL endpoint in place of files (``path`` is unused)."""

    path: Path = Path("<remote>")
    url: str = ""
    union_default: bool = False
    timeout: float = 30.0


def query_kind(query: str) -> str:
    """'solutions', 'boolean' or 'graph', from the query form (the first form keyword)."""
    for kind, value in words(query):
        if kind == "word" and value.upper() in _KINDS:
            return _KINDS[value.upper()]
    raise QuerySyntaxError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)", None, None)


def values_block(substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }``; terms written by pyoxigraph, so always well-formed."""
    if not substitutions:
        return ""
    names = " ".join(str(v) for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"


@dataclass
class RemoteStore:
    """A remote SPARQL endpoint behind the store interface (:class:`digicoop.store.QueryStore`)."""

    source: RemoteSource
    client: httpx.Client
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    digest: str = ""

    @classmethod
    def open(cls, source: RemoteSource, client: httpx.Client | None = None) -> RemoteStore:
        """Connect and read the graph names and sizes; raises :class:`StoreError` if unreachable.

        >>> RemoteStore.open(RemoteSource(url="http://127.0.0.1:9/query"))
        Traceback (most recent call last):
        digicoop.store.model.StoreError: http://127.0.0.1:9/query: cannot connect (is the server running?)
        """
        http = client or httpx.Client(timeout=httpx.Timeout(source.timeout, connect=5.0))
        store = cls(source, http)
        rows = store._select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        store.graphs = [row["g"]["value"] for row in rows if row["g"]["type"] == "uri"]
        store.triples = sum(int(row["n"]["value"]) for row in rows)
        listing = "\n".join(f"{row['g']['value']} {row['n']['value']}" for row in rows)
        store.digest = hashlib.sha256(f"{source.url}\n{listing}".encode()).hexdigest()
        return store

    def graph_names(self) -> list[str]:
        """The IRIs of the remote named graphs, sorted, as read when the store was opened."""
        return list(self.graphs)

    def __len__(self) -> int:
        return self.triples

    def _select(self, query: str) -> list[dict[str, dict[str, str]]]:
        outcome = self._send(query, {}, "application/sparql-results+json", MAX_BYTES)
        rows: list[dict[str, dict[str, str]]] = json.loads(outcome)["results"]["bindings"]
        return rows

    def _send(self, query: str, params: dict[str, list[str]], accept: str, limit: int) -> bytes:
        data = {"query": query, **params}
        headers = {"Accept": accept}
        try:
            with self.client.stream("POST", self.source.url, data=data, headers=headers) as reply:
                if reply.status_code == 400:
                    text = reply.read().decode("utf-8", "replace").strip().splitlines()
                    message = (text[0] if text else "the server rejected the query")[:200]
                    raise QuerySyntaxError(message, None, None)
                if reply.status_code >= 400:
                    raise StoreError(f"the SPARQL server answered {reply.status_code}")
                chunks, size = [], 0
                for chunk in reply.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise ResultTooLargeError(
                            f"the result is larger than {limit} bytes; add a LIMIT"
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.ConnectError:
            raise StoreError(
                f"{self.source.url}: cannot connect (is the server running?)"
            ) from None
        except httpx.HTTPError as error:
            raise StoreError(f"{self.source.url}: {type(error).__name__}") from None

    def _dataset(
        self, query: str, dataset: DatasetSpec | None, names_dataset: bool | None
    ) -> dict[str, list[str]]:
        if dataset is not None:
            return {
                "default-graph-uri": list(dataset.default_graphs),
                "named-graph-uri": list(dataset.named_graphs),
            }
        if names_dataset is None:
            names_dataset = has_dataset_clause(query)
        if self.source.union_default or names_dataset:
            return {}
        return {"default-graph-uri": self.graphs, "named-graph-uri": self.graphs}

    def run(
        self,
        query: str,
        formats: Formats,
        dataset: DatasetSpec | None = None,
        substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
        max_bytes: int = MAX_BYTES,
        base_iri: str | None = None,
        names_dataset: bool | None = None,
    ) -> Outcome:
        """As :meth:`digicoop.store.local.GraphStore.run`, answered by the remote endpoint
        (``names_dataset``: whether the query has its own FROM, when the caller read the text).

        Raises :class:`QuerySyntaxError`, :class:`NotAcceptableError`,
        :class:`ResultTooLargeError`, or :class:`StoreError` if the server fails or is gone.
        """
        kind = query_kind(query)
        media_type = {"solutions": formats.solutions, "boolean": formats.boolean}.get(
            kind, formats.graph
        )
        if media_type is None:
            raise NotAcceptableError(f"no acceptable media type for a {kind} result")
        text = (f"BASE <{base_iri}>\n" if base_iri else "") + query
        text += values_block(substitutions or {})
        body = self._send(text, self._dataset(query, dataset, names_dataset), media_type, max_bytes)
        return Outcome(kind, media_type, body)


__all__ = ["RemoteSource", "RemoteStore", "query_kind", "values_block"]
