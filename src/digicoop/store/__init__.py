"""Where the graph lives, behind one interface (:class:`QueryStore`): every part of the
endpoint, the named queries, the pages and the exports ask a store for graph names and for
answers to SPARQL text, and never learn which store answers.

* :mod:`digicoop.store.local`: the store in this process, pyoxigraph; files loaded into
  memory, or the on-disk store ``digicoop build`` writes (:mod:`digicoop.disk_store`) opened
  read-only so that every worker shares one copy through the page cache.
* :mod:`digicoop.store.remote`: a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki,
  QLever, GraphDB) answering under the same rules (``digicoop serve --store URL``).
* :mod:`digicoop.store.push`: the way data gets there (``digicoop push``), the SPARQL 1.1
  Graph Store Protocol.
* :mod:`digicoop.store.model`: what they all take and give (sources, datasets, formats,
  answers, errors).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pyoxigraph as ox

from digicoop.store.local import GraphStore, digest, rdf_format
from digicoop.store.model import (
    MAX_BYTES,
    DatasetSpec,
    DataSource,
    Formats,
    InvalidIriError,
    LoadError,
    NetworkRefusedError,
    NotAcceptableError,
    Outcome,
    QuerySyntaxError,
    ResultTooLargeError,
    StoreError,
    has_dataset_clause,
)
from digicoop.store.remote import RemoteSource, RemoteStore


class QueryStore(Protocol):
    """What the endpoint needs of a store: its identity, its graphs, its size, its answers."""

    #: Changes exactly when the data does: answers cached under it stay right.
    digest: str

    def graph_names(self) -> list[str]: ...

    def __len__(self) -> int: ...

    def run(
        self,
        query: str,
        formats: Formats,
        dataset: DatasetSpec | None = None,
        substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
        max_bytes: int = MAX_BYTES,
        base_iri: str | None = None,
        names_dataset: bool | None = None,
    ) -> Outcome: ...


def open_store(sources: tuple[DataSource, ...]) -> QueryStore:
    """The store the sources describe: remote if one is a :class:`RemoteSource`, else files
    (or an on-disk store) loaded here."""
    remote = [s for s in sources if isinstance(s, RemoteSource)]
    if remote:
        return RemoteStore.open(remote[0])
    return GraphStore.load(sources)


__all__ = [
    "MAX_BYTES",
    "DataSource",
    "DatasetSpec",
    "Formats",
    "GraphStore",
    "InvalidIriError",
    "LoadError",
    "NetworkRefusedError",
    "NotAcceptableError",
    "Outcome",
    "QueryStore",
    "QuerySyntaxError",
    "RemoteSource",
    "RemoteStore",
    "ResultTooLargeError",
    "StoreError",
    "digest",
    "has_dataset_clause",
    "open_store",
    "rdf_format",
]
