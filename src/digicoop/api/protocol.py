"""Reading a SPARQL 1.1 Protocol query request, in each of its three forms, or refusing it.

GET with ``query=``; POST ``application/x-www-form-urlencoded`` with ``query=`` in the body;
POST ``application/sparql-query`` with the query as the body. ``default-graph-uri`` and
``named-graph-uri`` may repeat, in the URL and (for the form) in the body. Every update form
is refused with 403, since this endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request

from digicoop.api.errors import ApiError
from digicoop.store import DatasetSpec

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

READ_ONLY = "this endpoint is read-only: SPARQL Update requests are refused"


@dataclass(frozen=True)
class QueryRequest:
    """A query request as the protocol defines it; ``query`` None asks for the description."""

    query: str | None
    dataset: DatasetSpec | None
    format: str | None


def _pairs(raw: str, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "not-utf8", f"the {where} is not valid UTF-8") from None


def _decode(body: bytes, where: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(
            400, "not-utf8", f"the {where} is not valid UTF-8 (byte {error.start})"
        ) from None


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        raise ApiError(
            400,
            "missing-content-type",
            f"a POST needs a Content-Type: {FORM} or {SPARQL_QUERY}",
        )
    main, *params = header.split(";")
    parsed = {}
    for param in params:
        key, _, value = param.partition("=")
        parsed[key.strip().lower()] = value.strip().strip('"').lower()
    return main.strip().lower(), parsed


def _build(pairs: list[tuple[str, str]], body_query: str | None) -> QueryRequest:
    names = [name for name, _ in pairs]
    if "update" in names:
        raise ApiError(403, "read-only", READ_ONLY)
    queries = [value for name, value in pairs if name == "query"]
    if body_query is not None:
        queries.append(body_query)
    if len(queries) > 1:
        raise ApiError(400, "multiple-queries", "give exactly one query, not several")
    defaults = tuple(v for n, v in pairs if n == "default-graph-uri")
    named = tuple(v for n, v in pairs if n == "named-graph-uri")
    formats = [v for n, v in pairs if n == "format"]
    dataset = DatasetSpec(defaults, named) if defaults or named else None
    return QueryRequest(queries[0] if queries else None, dataset, formats[0] if formats else None)


async def read_request(request: Request) -> QueryRequest:
    """The query request carried by ``request``; raises :class:`ApiError` (4xx) if malformed."""
    url_pairs = _pairs(request.url.query, "query string")
    if request.method in {"GET", "HEAD"}:
        return _build(url_pairs, None)
    media_type, params = _media_type(request.headers.get("content-type"))
    charset = params.get("charset", "utf-8")
    if charset not in {"utf-8", "utf8"}:
        raise ApiError(400, "not-utf8", f"charset {charset!r} is not supported: use UTF-8")
    body = await request.body()
    if media_type == SPARQL_UPDATE:
        raise ApiError(403, "read-only", READ_ONLY)
    if media_type == FORM:
        return _build(url_pairs + _pairs(_decode(body, "request body"), "request body"), None)
    if media_type == SPARQL_QUERY:
        return _build(url_pairs, _decode(body, "query"))
    raise ApiError(
        400,
        "unsupported-content-type",
        f"Content-Type {media_type!r} is not {FORM} or {SPARQL_QUERY}",
    )
