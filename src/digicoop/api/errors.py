"""One JSON error shape for every error the endpoint answers, and no stack traces.

Shape: ``{"error": {"status": 400, "code": "query-syntax", "message": "...", ...}}`` with
optional ``line``/``column`` (syntax errors) or ``parameter`` (named-query parameters).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("digicoop.api")


class ApiError(Exception):
    """An error answered to the client as-is: its status, a stable code and a message."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers: dict[str, str] = {}


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON error shape (pinned by a test)."""
    return {"error": {"status": status, "code": code, "message": message, **extra}}


def error_response(error: ApiError) -> JSONResponse:
    body = error_body(error.status, error.code, error.message, **error.extra)
    return JSONResponse(body, status_code=error.status, headers=error.headers)


async def _api_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error)


async def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
    return JSONResponse(
        error_body(error.status_code, code, str(error.detail)),
        status_code=error.status_code,
        headers=getattr(error, "headers", None),
    )


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = f"{where}: {first.get('msg', 'invalid request')}"
    return JSONResponse(error_body(400, "bad-request", message), status_code=400)


async def unexpected(request: Request, error: Exception) -> JSONResponse:
    """Log the trace on the server; tell the client only that something failed."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return JSONResponse(error_body(500, "internal", "internal server error"), status_code=500)


def install(app: FastAPI) -> None:
    """Route every kind of error through the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, unexpected)
