"""``/sparql``: the SPARQL 1.1 Protocol query operation and the service description.

The FastAPI routes below document the operation (OpenAPI) and answer it through
:func:`sparql`; in the running app, :class:`SparqlRoute` reaches the same function first, as
a plain ASGI layer, so that the most frequent request skips FastAPI's per-request machinery
(see the class).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.types import Receive, Scope, Send

from digicoop.api import negotiation, service_description
from digicoop.api import screen as screening
from digicoop.api.cache import Answer, etag_for, matches
from digicoop.api.engine import Engine, get_engine
from digicoop.api.errors import ApiError, error_response, unexpected
from digicoop.api.pool import Job
from digicoop.api.protocol import read_request
from digicoop.sparqltext import Shape

router = APIRouter()

_STRINGS = {"type": "array", "items": {"type": "string"}}
_QUERY_PARAMS = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "SPARQL query"},
    {"name": "default-graph-uri", "in": "query", "schema": _STRINGS},
    {"name": "named-graph-uri", "in": "query", "schema": _STRINGS},
    {
        "name": "format",
        "in": "query",
        "schema": {"type": "string", "enum": sorted(negotiation.FORMAT_NAMES)},
    },
]
_GET_DOC = {"parameters": _QUERY_PARAMS}
_POST_DOC = {
    "parameters": _QUERY_PARAMS[1:],
    "requestBody": {
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}},
                    "required": ["query"],
                }
            },
        }
    },
}
CACHE_HEADERS = {"Cache-Control": "no-cache", "Vary": "Accept"}


def finish(request: Request, answer: Answer, etag: str | None, status: int = 200) -> Response:
    """The response for ``answer``; a HEAD request gets the headers and no body."""
    headers = dict(CACHE_HEADERS)
    if etag:
        headers["ETag"] = etag
    if answer.next_page:  # RFC 8288; the JSON body links it too (api.paging)
        headers["Link"] = f'<{answer.next_page}>; rel="next"'
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(answer.body))
        return Response(b"", status, headers, negotiation.content_type(answer.media_type))
    return Response(answer.body, status, headers, negotiation.content_type(answer.media_type))


async def answer_query(request: Request, engine: Engine, job: Job, key: list[str]) -> Response:
    """Revalidate, serve from cache, or run ``job``: shared by /sparql and /queries.

    A listed ETag that matches is answered 304 at once: it was handed out with a 200, so the
    query is known to be valid. ``If-None-Match: *`` says "if any answer exists", which only
    the engine can tell: the query runs (or comes from the cache) and a 304 replaces the 200,
    while a malformed query still gets its 400.
    """
    accept = request.headers.get("accept", "")
    return await answer_prepared(request, engine, job, etag_for(engine.info.digest, [*key, accept]))


async def answer_prepared(request: Request, engine: Engine, job: Job, etag: str) -> Response:
    """:func:`answer_query` once the ETag is known."""
    condition = request.headers.get("if-none-match")
    if matches(condition, etag, wildcard=False):
        return Response(status_code=304, headers={"ETag": etag, **CACHE_HEADERS})
    cached = engine.cache.get(etag)
    if cached is None:
        outcome = engine.answer_here(job) or await engine.run(job, request)
        cached = Answer(outcome.media_type, outcome.body, outcome.next_page)
        engine.cache.put(etag, cached)
    if matches(condition, etag):
        return Response(status_code=304, headers={"ETag": etag, **CACHE_HEADERS})
    return finish(request, cached, etag)


async def screen(query: str, engine: Engine) -> Shape:
    """Size, nesting and update checks; SERVICE only where the workers keep the network."""
    settings = engine.settings
    refuse_service = not engine.sealed and not settings.allow_service
    return await screening.screen_query(
        query, settings.max_query_bytes, settings.max_query_depth, refuse_service
    )


def _describe(request: Request, engine: Engine, format_name: str | None) -> Response:
    if format_name:
        ranges = negotiation.ranges_for_format(format_name)
    else:
        ranges = negotiation.parse_accept(request.headers.get("accept"))
    media_type = negotiation.choose(ranges, negotiation.GRAPH_OFFERS)
    if media_type is None:
        raise ApiError(406, "not-acceptable", "the service description is available as RDF only")
    endpoint = str(request.url.replace(query="", fragment="")).rstrip("?")
    info = engine.info
    body = service_description.render(
        endpoint, info.graphs, info.triples, engine.settings.allow_service, media_type
    )
    return finish(request, Answer(media_type, body), None)


#: GET query strings up to this length have their preparation remembered (:func:`sparql`).
PLAN_BYTES = 4096


def _plan_key(request: Request) -> tuple[object, ...] | None:
    """Everything a GET's preparation reads: query string, Accept and what makes the URL."""
    scope = request.scope
    raw = scope.get("query_string", b"")
    if scope["method"] not in {"GET", "HEAD"} or not raw or len(raw) > PLAN_BYTES:
        return None
    headers = request.headers
    return (
        raw,
        headers.get("accept", ""),
        headers.get("host", ""),
        scope.get("scheme"),
        scope.get("server"),
        scope.get("root_path", ""),
        scope["path"],
    )


async def sparql(request: Request, engine: Engine) -> Response:
    """The query operation (or, for a GET without a query, the service description).

    A GET's preparation (reading the query string, screening the text, negotiating the
    formats, hashing the ETag) depends only on the request's text, so for a repeated GET it
    is taken from ``engine.plans`` (bounded, least recently used); the query itself runs
    every time, and a request that fails its screen is never remembered.
    """
    plan_key = _plan_key(request)
    if plan_key is not None:
        plan = engine.plans.get(plan_key)
        if plan is not None:
            engine.plans.move_to_end(plan_key)
            return await answer_prepared(request, engine, *plan)
    parsed = await read_request(request)
    if parsed.query is None:
        if request.method == "POST":
            raise ApiError(400, "missing-query", "the request has no query")
        return _describe(request, engine, parsed.format)
    shape = await screen(parsed.query, engine)
    formats = negotiation.formats_for(request.headers.get("accept"), parsed.format)
    base = str(request.url.replace(query="", fragment="")).rstrip("?")
    max_bytes = engine.settings.max_result_bytes
    job = Job(parsed.query, formats, parsed.dataset, None, max_bytes, base, shape.names_dataset)
    dataset = parsed.dataset
    key = [
        "sparql",
        base,
        parsed.query,
        "\x1f".join(dataset.default_graphs) if dataset else "-",
        "\x1f".join(dataset.named_graphs) if dataset else "-",
        parsed.format or "",
        request.headers.get("accept", ""),
    ]
    etag = etag_for(engine.info.digest, key)
    if plan_key is not None:
        engine.plans[plan_key] = (job, etag)
        while len(engine.plans) > engine.max_plans:
            engine.plans.popitem(last=False)
    return await answer_prepared(request, engine, job, etag)


@router.api_route("/sparql", methods=["GET", "HEAD"], openapi_extra=_GET_DOC, summary="Query (GET)")
async def sparql_get(request: Request) -> Response:
    """SPARQL query by GET; without ``query``, the service description (RDF)."""
    return await sparql(request, get_engine(request))


@router.post("/sparql", openapi_extra=_POST_DOC, summary="Query (POST)")
async def sparql_post(request: Request) -> Response:
    """SPARQL query by POST: form-encoded or ``application/sparql-query``."""
    return await sparql(request, get_engine(request))


class SparqlRoute:
    """``GET``/``HEAD``/``POST /sparql`` answered as plain ASGI, in front of the FastAPI app.

    Why: profiled under the named-query mix (bench/results.md, "Issue 15, third round"),
    FastAPI's layers between the server and a handler (its error, telemetry and body-size
    middleware, matching the path against every route, solving dependencies, which also
    parses the query string a second time, the exception middleware) were a large share of
    the front process's CPU per query. This layer answers the same requests with the same
    function (:func:`sparql`), hence the same responses, and the same error shape: an
    :class:`ApiError` as :func:`error_response`, anything unexpected as the 500 of
    :mod:`digicoop.api.errors`, logged. :func:`digicoop.api.app.create_app` puts the access
    log, CORS and the body limit outside it, so they apply to both paths. Other methods and
    paths go on to FastAPI (405, 404, /docs, the pages).
    """

    METHODS = frozenset({"GET", "HEAD", "POST"})

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if scope["type"] != "http" or path != "/sparql" or scope["method"] not in self.METHODS:
            await self.app(scope, receive, send)
            return
        scope["app"] = self.app  # as FastAPI would set it: Request.app, get_engine
        request = Request(scope, receive)
        try:
            response = await sparql(request, get_engine(request))
        except ApiError as error:
            response = error_response(error)
        except Exception as error:  # the error shape, never a trace (as errors.install does)
            response = await unexpected(request, error)
        await response(scope, receive, send)
