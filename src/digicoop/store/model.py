"""What every store of :mod:`digicoop.store` takes and gives: the data sources, the dataset a
request names, the formats chosen for each kind of answer, the answer, and the errors a user
can act on. Kept apart from the engines so that each implementation imports only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digicoop.errors import DigicoopError
from digicoop.sparqltext import shape

#: The default limit on a serialised answer's size (bytes), for every store and the endpoint.
MAX_BYTES = 50_000_000


class StoreError(DigicoopError):
    """Loading or querying failed in a way the user can act on."""


class LoadError(StoreError):
    """A data file is missing, of unknown format or does not parse; names the file."""


class QuerySyntaxError(StoreError):
    """The query does not parse; ``line`` and ``column`` locate the error (1-based)."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class InvalidIriError(StoreError):
    """A graph IRI given with the request is not a valid IRI."""


class NotAcceptableError(StoreError):
    """No media type the client accepts can carry this kind of result."""


class ResultTooLargeError(StoreError):
    """The serialised result passed the configured byte limit."""


class NetworkRefusedError(StoreError):
    """The query tried to reach the network (SERVICE) and the process may not."""


@dataclass(frozen=True)
class DataSource:
    """One RDF file to load; ``graph`` names the graph for a triple format (see :mod:`digicoop.store.local`)."""

    path: Path
    graph: str | None = None

    def graph_iri(self) -> str:
        return self.graph or self.path.resolve().as_uri()


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset given by the request: the protocol's default-graph-uri / named-graph-uri."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Formats:
    """The media type chosen for each kind of result (None: nothing acceptable)."""

    solutions: str | None = "application/sparql-results+json"
    boolean: str | None = "application/sparql-results+json"
    graph: str | None = "text/turtle"

    @classmethod
    def default(cls) -> Formats:
        return cls()


@dataclass(frozen=True)
class Outcome:
    """A serialised answer: its media type, body and the kind of query that produced it."""

    kind: str  # "solutions" | "boolean" | "graph"
    media_type: str
    body: bytes
    next_page: str | None = None  # the answer is one page; the next is there (api.paging)


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (FROM / FROM NAMED): then the default graph is
    the one it names, not the union, in every store."""
    return shape(query).names_dataset
