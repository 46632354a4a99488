"""ASGI middleware: a request-body size limit and a structured (JSON lines) access log."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from digicoop.api.errors import ApiError, error_body

access_log = logging.getLogger("digicoop.access")


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class BodyLimitMiddleware:
    """Refuse (413) a request body over ``max_bytes``: by Content-Length, or while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is larger than {self.max_bytes} bytes"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _send_json(send, 413, error_body(413, "body-too-large", message))
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            event = await receive()
            received += len(event.get("body", b""))
            if received > self.max_bytes:
                raise ApiError(413, "body-too-large", message)  # answered by the app's handler
            return event

        await self.app(scope, limited, send)


class AccessLogMiddleware:
    """One JSON object per request on the ``digicoop.access`` logger.

    Being outermost, it also stamps the request's arrival (``request.state.arrival``, a
    ``time.monotonic()`` instant): query deadlines count from there. The line is written by
    hand (only the two strings a client chooses go through ``json.dumps``), the timestamp is
    formatted once a second and the record skips the logger's caller lookup: as a
    ``json.dumps`` of a dict through ``Logger.info`` it was a tenth of the front process's
    CPU per query (bench/results.md, "Issue 15, third round").
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._second = -1
        self._stamp = ""

    def _timestamp(self) -> str:
        second = int(time.time())
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return self._stamp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        scope.setdefault("state", {})["arrival"] = time.monotonic()
        status, size = 500, 0

        async def recording(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, recording)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                line = (
                    f'{{"ts": "{self._timestamp()}", "method": {json.dumps(scope["method"])}, '
                    f'"path": {json.dumps(scope["path"])}, '
                    f'"query_bytes": {len(scope.get("query_string", b""))}, '
                    f'"status": {status}, "bytes": {size}, '
                    f'"ms": {round((time.perf_counter() - start) * 1000, 3)}, '
                    f'"client": {json.dumps(client[0] if client else None)}}}'
                )
                access_log.handle(
                    access_log.makeRecord(
                        access_log.name, logging.INFO, __file__, 0, line, (), None
                    )
                )
