"""The store in this process: pyoxigraph, in memory or on disk (read-only).

Why pyoxigraph: rdflib's SPARQL engine is orders of magnitude slower; rdflib stays for
parsing-heavy tooling, SHACL and deterministic serialisation elsewhere in the project.

Loading rules (:meth:`GraphStore.load`):

* Dataset formats (N-Quads ``.nq``, TriG ``.trig``, JSON-LD ``.jsonld``/``.json``, which
  may hold ``@graph``s) keep their named graphs; triples in their default graph stay in the
  store's default graph (still part of the union default graph).
* Triple formats (Turtle ``.ttl``, N-Triples ``.nt``, RDF/XML ``.rdf``/``.owl``/``.xml``)
  go into ONE named graph: the IRI given with the source
  (``DataSource(path, graph=...)``), or else the file's own ``file://`` IRI. Everything is
  therefore addressable by ``GRAPH`` and listed in the service description.

Querying (:meth:`GraphStore.run`): with no dataset in the request the default graph is the
union of all graphs, unless the query has ``FROM`` / ``FROM NAMED``. A :class:`DatasetSpec`
(the protocol's ``default-graph-uri`` / ``named-graph-uri``) replaces the dataset, overriding
``FROM`` / ``FROM NAMED``; an IRI that names no graph in the store is an empty graph.
Nothing is ever fetched from the network.

>>> store = GraphStore.from_text('<http://a> <http://p> "x" .', "application/n-triples",
...                              graph="http://g")
>>> out = store.run("ASK { GRAPH <http://g> { ?s ?p ?o } }", Formats.default())
>>> out.body
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from digicoop import disk_store
from digicoop.errors import DigicoopError
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

QUAD_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
TRIPLE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

#: Result formats by media type, for SELECT and ASK.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Graph formats by media type, for CONSTRUCT and DESCRIBE.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


_REFUSED = "the query tried to reach another server (SERVICE); this process has no network"


@dataclass
class _BoundedWriter:
    """A file-like sink that stops the serialiser once ``limit`` bytes are passed."""

    limit: int
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0
    overflowed: bool = False

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            self.overflowed = True
            raise OSError("result too large")
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the chunks are kept in memory."""


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of ``path`` from its extension; raises :class:`LoadError` if unknown."""
    suffix = path.suffix.lower()
    found = QUAD_FORMATS.get(suffix) or TRIPLE_FORMATS.get(suffix)
    if found is None:
        known = ", ".join(sorted({*QUAD_FORMATS, *TRIPLE_FORMATS}))
        raise LoadError(f"{path}: unknown RDF format {suffix!r} (known: {known})")
    return found


def digest(sources: Iterable[DataSource]) -> str:
    """A SHA-256 over every file's bytes and graph name: changes exactly when the data does."""
    hasher = hashlib.sha256()
    for source in sources:
        hasher.update(source.graph_iri().encode() + b"\0")
        try:
            hasher.update(source.path.read_bytes())
        except OSError as error:
            raise LoadError(f"{source.path}: cannot read ({error.strerror})") from None
        hasher.update(b"\0")
    return hasher.hexdigest()


_POSITION = re.compile(r"error at (\d+):(\d+)")


def _syntax_error(error: SyntaxError) -> QuerySyntaxError:
    text = str(error)
    match = _POSITION.search(text)
    line, column = (int(match[1]), int(match[2])) if match else (None, None)
    if len(text) > 200:
        text = text[:200] + "…"
    return QuerySyntaxError(text, line, column)


def _graphs(iris: tuple[str, ...]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as error:
        raise InvalidIriError(f"invalid graph IRI: {error}") from None


class GraphStore:
    """An in-memory dataset and the one way to query it (:meth:`run`)."""

    def __init__(self, store: ox.Store, digest_hex: str, quads: int | None = None) -> None:
        self._store = store
        self.digest = digest_hex
        self._quads = quads

    @classmethod
    def load(cls, sources: Iterable[DataSource]) -> GraphStore:
        """Load every source; raises :class:`LoadError` naming the file that failed.

        A source that is an on-disk store's directory (:mod:`digicoop.disk_store`, written by
        ``digicoop build``) is opened read-only instead of loaded: it must be the only one.
        Files are read by ``Store.load``, not ``bulk_load``: into memory the bulk loader costs
        more and leaves a store the named queries run more slowly on (500 agreements: 9.4-9.8 s
        to load against 12-14 s, the 47 queries 10-25 % less CPU; bench/results.md, seventh
        round)."""
        sources = list(sources)
        if any(disk_store.is_store(source.path) for source in sources):
            if len(sources) != 1:
                raise LoadError("an on-disk store is served alone, without other data files")
            try:
                store, record = disk_store.open_read_only(sources[0].path)
            except DigicoopError as error:
                raise LoadError(str(error)) from None
            return cls(store, record.sha256, record.quads)
        store = ox.Store()
        for source in sources:
            fmt = rdf_format(source.path)
            target = None if fmt.supports_datasets else ox.NamedNode(source.graph_iri())
            try:
                store.load(path=str(source.path), format=fmt, to_graph=target)
            except SyntaxError as error:
                raise LoadError(f"{source.path}: {error}") from None
            except OSError as error:
                raise LoadError(f"{source.path}: cannot read ({error})") from None
        return cls(store, digest(sources))

    @classmethod
    def from_text(cls, text: str, media_type: str, graph: str | None = None) -> GraphStore:
        """A store from RDF text (for tests and examples); triples go to ``graph``."""
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise LoadError(f"unknown media type {media_type!r}")
        store = ox.Store()
        target = ox.NamedNode(graph) if graph and not fmt.supports_datasets else None
        store.bulk_load(text.encode(), format=fmt, to_graph=target)
        return cls(store, hashlib.sha256(text.encode()).hexdigest())

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted (blank-node graph names are left out)."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        # an on-disk store would count by a scan of its index: its build recorded the number
        return self._quads if self._quads is not None else len(self._store)

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
        """Evaluate ``query`` and serialise the answer in the format chosen for its kind.

        ``base_iri`` resolves relative IRIs in the query (the protocol lets the service pick
        it; the endpoint passes its own URL). ``names_dataset``: whether the query has its
        own FROM, when the caller already read the text (the endpoint's screen does), so the
        text is not tokenised a second time; None reads it here. Raises :class:`QuerySyntaxError`,
        :class:`InvalidIriError`, :class:`NotAcceptableError` or :class:`ResultTooLargeError`.
        """
        bound: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
        bound = dict(substitutions or {})
        try:
            if names_dataset is None:
                names_dataset = dataset is None and has_dataset_clause(query)
            if dataset is None and names_dataset:  # the query's FROM decides
                result = self._store.query(query, base_iri=base_iri, substitutions=bound)
            elif dataset is None:  # no dataset given: the default graph is the union of all
                result = self._store.query(
                    query, base_iri=base_iri, use_default_graph_as_union=True, substitutions=bound
                )
            else:
                result = self._store.query(
                    query,
                    base_iri=base_iri,
                    default_graph=_graphs(dataset.default_graphs),  # type: ignore[arg-type]
                    named_graphs=_graphs(dataset.named_graphs),  # type: ignore[arg-type]
                    substitutions=bound,
                )
        except SyntaxError as error:
            raise _syntax_error(error) from None
        except RuntimeError as error:  # e.g. a substituted variable the SELECT does not project
            raise StoreError(str(error)) from None
        except PermissionError:  # an ASK evaluates at once: its SERVICE was refused
            raise NetworkRefusedError(_REFUSED) from None
        if isinstance(result, ox.QueryBoolean):
            kind, media_type = "boolean", formats.boolean
        elif isinstance(result, ox.QuerySolutions):
            kind, media_type = "solutions", formats.solutions
        else:
            kind, media_type = "graph", formats.graph
        if media_type is None:
            raise NotAcceptableError(f"no acceptable media type for a {kind} result")
        writer = _BoundedWriter(max_bytes)
        fmt = GRAPH_FORMATS[media_type] if kind == "graph" else RESULT_FORMATS[media_type]
        try:
            result.serialize(writer, fmt)  # type: ignore[arg-type]
        except PermissionError:  # a SERVICE met a process without network (api.sandbox)
            raise NetworkRefusedError(_REFUSED) from None
        except OSError as error:
            if writer.overflowed:
                raise ResultTooLargeError(
                    f"the result is larger than {max_bytes} bytes; add a LIMIT"
                ) from None
            raise StoreError(f"query evaluation failed: {error}") from None
        return Outcome(kind, media_type, b"".join(writer.chunks))
