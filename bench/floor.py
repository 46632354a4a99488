"""The floor of a Python HTTP front: uvicorn, run as ``digicoop serve`` runs it, answering
every request with a fixed SPARQL JSON body and doing nothing else.

``python -m bench.floor PORT``; :mod:`bench.endpoint` starts it as the peer ``asgi-floor``.

Why: the endpoint's target at 5 agreements is a rate against Oxigraph's own server, whose
HTTP layer is Rust in the engine's process. Whatever digicoop does per request (screening,
the hop to a worker, the engine), it cannot answer faster than its HTTP server answers
nothing. Measured in the same run as the others, this peer's rate bounds what any design
with a Python front can reach: the engine's CPU per query added to the floor's is a ceiling
(bench/results.md, "Issue 15, fourth round: the endpoint at 5 and at 500*").
"""

from __future__ import annotations

import sys

from starlette.types import Receive, Scope, Send

#: A bindings body of about the median size of the named-query mix's answers at 5 (1 kB).
BODY = (
    b'{"head":{"vars":["agreement","label"]},"results":{"bindings":['
    + b",".join(
        b'{"agreement":{"type":"uri","value":"https://w3id.org/digicoop/agreement/a%d"},'
        b'"label":{"type":"literal","value":"An agreement","xml:lang":"en"}}' % n
        for n in range(7)
    )
    + b"]}}"
)
HEADERS = [
    (b"content-type", b"application/sparql-results+json"),
    (b"content-length", str(len(BODY)).encode()),
]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer any HTTP request with :data:`BODY` (lifespan events are ignored)."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


def main(argv: list[str]) -> None:
    import uvicorn

    # as digicoop.commands.serve runs it: uvicorn's defaults (uvloop, httptools), no access log
    uvicorn.run(app, host="127.0.0.1", port=int(argv[0]), access_log=False, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
