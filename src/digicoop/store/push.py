"""Publish the dataset's named graphs into a server that speaks the SPARQL 1.1 Graph Store Protocol.

Why two phases: a PUT replaces one graph, so a push of many graphs that fails half-way would
leave the server with some graphs new and some old. Instead every graph is first PUT under a
*staging* name (``urn:digicoop:staging:{sha256 of the final IRI}``: deterministic, so a later
push overwrites what a failed one left), its triple count is checked, and only when all are
staged and checked are they switched into place:

* with ``update_url`` (a SPARQL 1.1 Update endpoint on the same store), by ONE update request
  of ``MOVE`` operations, which servers such as Oxigraph and Fuseki run as one transaction:
  either every graph is replaced or none is;
* without it, by PUTting each final graph after keeping a copy of what it held; if that
  fails, the copies are PUT back (if the server is gone, the error says which graphs may
  need a re-push, and re-running the push repairs them: a push is idempotent).

Counts are checked again after the switch. Every failure raises :class:`PushError`, one
clean line naming the graph and what went wrong; no traceback, no response body dump.

>>> plan = Plan.from_text('<http://a> <http://p> <http://o> <http://g> .')
>>> [(g.iri, g.triples) for g in plan.graphs]
[('http://g', 1)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from digicoop.errors import DigicoopError

NTRIPLES = "application/n-triples"
STAGING_PREFIX = "urn:digicoop:staging:"


class PushError(DigicoopError):
    """The push failed; the message says which graph and whether the server was left unchanged."""


@dataclass(frozen=True)
class GraphPayload:
    """One named graph to publish: its IRI, its N-Triples body and its triple count."""

    iri: str
    body: bytes
    triples: int

    @property
    def staging(self) -> str:
        return STAGING_PREFIX + hashlib.sha256(self.iri.encode()).hexdigest()


@dataclass(frozen=True)
class Plan:
    """Every named graph of a dataset, in IRI order (the default graph is not pushed)."""

    graphs: tuple[GraphPayload, ...]

    @classmethod
    def from_store(cls, store: ox.Store) -> Plan:
        payloads = []
        names = sorted(
            (g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value
        )
        for name in names:
            quads = list(store.quads_for_pattern(None, None, None, name))
            body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
            payloads.append(GraphPayload(name.value, body or b"", len(quads)))
        return cls(tuple(payloads))

    @classmethod
    def from_file(cls, path: Path) -> Plan:
        """The named graphs of a TriG or N-Quads file; raises :class:`PushError` if unreadable."""
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None or not fmt.supports_datasets:
            raise PushError(f"{path}: not a dataset file (use .trig or .nq)")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError) as error:
            raise PushError(f"{path}: cannot read: {error}") from None
        return cls.from_store(store)

    @classmethod
    def from_text(cls, text: str, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> Plan:
        store = ox.Store()
        store.bulk_load(text.encode(), format=fmt)
        return cls.from_store(store)


@dataclass(frozen=True)
class PushReport:
    """What a successful push did."""

    graphs: int
    triples: int
    atomic: bool


Progress = Callable[[str], None]


def _describe(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectError):
        return "cannot connect (is the server running?)"
    if isinstance(error, httpx.TimeoutException):
        return "the server did not answer in time"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server closed the connection"
    return type(error).__name__


class GraphStoreClient:
    """The four Graph Store Protocol calls a push needs, over one HTTP client."""

    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url = url
        self.client = client

    def _call(self, method: str, graph: str, what: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.client.request(method, self.url, params={"graph": graph}, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as error:
            raise PushError(f"{what} <{graph}>: {_describe(error)}") from None
        if response.status_code == 404 and method in {"GET", "DELETE"}:
            return response
        if response.status_code >= 400:
            raise PushError(f"{what} <{graph}>: the server answered {response.status_code}")
        return response

    def put(self, graph: str, body: bytes) -> None:
        self._call("PUT", graph, "writing", content=body, headers={"Content-Type": NTRIPLES})

    def get(self, graph: str) -> bytes | None:
        """The graph as N-Triples, or None if the server has no such graph."""
        response = self._call("GET", graph, "reading", headers={"Accept": NTRIPLES})
        return None if response.status_code == 404 else response.content

    def count(self, graph: str) -> int:
        body = self.get(graph)
        if not body:
            return 0
        return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))

    def delete(self, graph: str) -> None:
        self._call("DELETE", graph, "deleting")


def _check(gsp: GraphStoreClient, graph: str, expected: int, label: str) -> None:
    found = gsp.count(graph)
    if found != expected:
        raise PushError(f"{label} <{graph}>: the server holds {found} triples, expected {expected}")


def _switch_atomically(client: httpx.Client, update_url: str, plan: Plan) -> None:
    update = " ;\n".join(f"MOVE SILENT <{g.staging}> TO <{g.iri}>" for g in plan.graphs)
    try:
        response = client.post(
            update_url, content=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )  # fmt: skip
    except httpx.HTTPError as error:
        raise PushError(
            f"switching the staged graphs into place: {_describe(error)}; the update is one "
            "transaction, so the published graphs are either all old or all new: re-run the push"
        ) from None
    if response.status_code >= 400:
        raise PushError(
            f"switching the staged graphs into place: the update endpoint answered "
            f"{response.status_code}; the published graphs are unchanged"
        )


def _switch_by_put(gsp: GraphStoreClient, plan: Plan, progress: Progress | None) -> None:
    """Replace each graph, keeping the old copy; put the old copies back on failure."""
    saved: list[tuple[str, bytes | None]] = []
    try:
        for graph in plan.graphs:
            saved.append((graph.iri, gsp.get(graph.iri)))
            gsp.put(graph.iri, graph.body)
            if progress:
                progress(graph.iri)
    except PushError as failure:
        unrestored = []
        for iri, old in reversed(saved):
            try:
                gsp.delete(iri) if old is None else gsp.put(iri, old)
            except PushError:
                unrestored.append(iri)
        if unrestored:
            raise PushError(
                f"{failure}; {len(unrestored)} graph(s) could not be restored "
                f"(first <{unrestored[-1]}>): re-run the push to complete it"
            ) from None
        raise PushError(f"{failure}; every graph was restored to what it held") from None


def push(
    plan: Plan,
    url: str,
    *,
    update_url: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> PushReport:
    """Publish every graph of ``plan`` to the Graph Store endpoint ``url``.

    Raises :class:`PushError` (one line) on any failure, leaving the published graphs as
    they were (see the module docstring for how, with and without ``update_url``).
    """
    with _client(client) as http:
        gsp = GraphStoreClient(url, http)
        for graph in plan.graphs:
            try:
                gsp.put(graph.staging, graph.body)
                _check(gsp, graph.staging, graph.triples, "staging")
            except PushError as error:
                _drop_staging(gsp, plan)
                raise PushError(f"{error}; the published graphs are unchanged") from None
            if progress:
                progress(graph.iri)
        if update_url:
            _switch_atomically(http, update_url, plan)
        else:
            _switch_by_put(gsp, plan, None)
            _drop_staging(gsp, plan)
        for graph in plan.graphs:
            _check(gsp, graph.iri, graph.triples, "after the push")
    return PushReport(len(plan.graphs), sum(g.triples for g in plan.graphs), bool(update_url))


def _drop_staging(gsp: GraphStoreClient, plan: Plan) -> None:
    """Best effort: a server that has gone away keeps them until the next push replaces them."""
    for graph in plan.graphs:
        try:
            gsp.delete(graph.staging)
        except PushError:
            return


@contextmanager
def _client(client: httpx.Client | None) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    with httpx.Client(timeout=httpx.Timeout(60.0, connect=5.0)) as owned:
        yield owned


__all__ = ["GraphPayload", "Plan", "PushError", "PushReport", "push"]
