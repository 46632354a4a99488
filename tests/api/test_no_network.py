"""SERVICE cannot reach anything: a real listener waits, every spelling of SERVICE is tried.

The old screen scanned the text and missed ``ex:a\\#b`` (an escape it took for a comment), so
the server POSTed to the listener and returned its reply. Now the query workers have no
network at all (:mod:`digicoop.sandbox`); the listener must see no connection whatever the
text looks like, while the same listener is reached by an unsealed engine (the control).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pyoxigraph as ox
import pytest

from .server import Server

SECRET = "listener-secret-reply"
REPLY = (
    '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"'
    + SECRET
    + '"}}]}}'
).encode()


@dataclass
class Listener:
    """A loopback HTTP server that counts connections and answers with a SPARQL result."""

    sock: socket.socket
    connections: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.connections.append(conn.recv(65536))
                    head = (
                        "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                        f"Content-Length: {len(REPLY)}\r\nConnection: close\r\n\r\n"
                    )
                    conn.sendall(head.encode() + REPLY)
                except OSError:
                    pass


@pytest.fixture()
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    found = Listener(sock)
    thread = threading.Thread(target=found.serve, daemon=True)
    thread.start()
    yield found
    sock.close()


def service_forms(url: str) -> dict[str, str]:
    """Every way we know to spell a SERVICE call to ``url``."""
    body = "{ ?x ?y ?z }"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {body} }}",
        "escape-in-name": "PREFIX ex: <http://e/> SELECT * WHERE { OPTIONAL { ?s ex:a\\#b ?o } "
        f"SERVICE <{url}> {body} }}",
        "lower-case": f"select * where {{ service <{url}> {body} }}",
        "comment-inside": f"SELECT * WHERE {{ SERVICE # <- hidden?\n <{url}> {body} }}",
        "prefixed-iri": f"PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r: {body} }}",
        "base-relative": f"BASE <{url}> SELECT * WHERE {{ SERVICE <> {body} }}",
        "variable": f"SELECT * WHERE {{ VALUES ?svc {{ <{url}> }} SERVICE ?svc {body} }}",
        "nested": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> "
        f"{{ SERVICE <{url}> {body} }} }} }} }}",
        "after-number": f"SELECT * WHERE {{ ?s ?p 1.SERVICE <{url}> {body} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {body} }}",
        "ask": f"ASK {{ SERVICE <{url}> {body} }}",
        "construct": f"CONSTRUCT {{ ?x ?y ?z }} WHERE {{ SERVICE <{url}> {body} }}",
        "from": f"SELECT * FROM <{url}> WHERE {body}",
    }


def test_the_listener_is_reached_by_an_unsealed_engine(listener: Listener) -> None:
    """The control: without the sandbox, pyoxigraph does call the listener."""
    rows = list(ox.Store().query(service_forms(listener.url)["plain"]))  # type: ignore[arg-type]
    assert listener.connections and str(rows[0]["x"].value) == SECRET  # type: ignore[index]


@pytest.mark.parametrize("form", sorted(service_forms("http://x/")))
def test_no_service_form_reaches_the_network(
    form: str, sample_server: Server, listener: Listener
) -> None:
    query = service_forms(listener.url)[form]
    with httpx.Client(base_url=sample_server.url, timeout=30) as http:
        answers = [
            http.get("/sparql", params={"query": query}),
            http.post("/sparql", data={"query": query}),
            http.post(
                "/sparql", content=query, headers={"content-type": "application/sparql-query"}
            ),
        ]
    assert listener.connections == []
    for response in answers:
        assert SECRET not in response.text
        if response.status_code != 200:  # SILENT and FROM answer, with nothing fetched
            assert response.status_code in {400, 403}, response.text
    if form in {"plain", "escape-in-name", "lower-case", "ask", "construct"}:
        assert answers[0].status_code == 403
        assert answers[0].json()["error"]["code"] == "service-disabled"
