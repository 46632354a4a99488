"""A hypothesis fuzz run against the real server: whatever is sent, no answer is a 5xx.

Requests mix SPARQL-shaped fragments with arbitrary text, headers, parameters, methods and
bytes; every response must be < 500 and, when an error, in the one JSON error shape.
"""

from __future__ import annotations

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .server import Server

FRAGMENTS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "?s", "?p", "?o", "*", ".",
    "FILTER(", ")", "GRAPH", "FROM", "NAMED", "<http://e/x>", '"x"', "'y'@en", "1", "LIMIT",
    "OPTIONAL", "UNION", "VALUES", "BIND(", "AS", "SERVICE", "INSERT DATA", "DROP ALL", "LOAD",
    "PREFIX ex: <http://e/>", "ex:a", "COUNT(*)", "GROUP BY", "ORDER BY", "#", "\n", "\\", "\x00",
    "<<", ">>", "a", "REGEX(?o, \"(a+)+$\")", "STRLEN(", "<file:///etc/passwd>", "%", "\ufffd",
]  # fmt: skip
MEDIA = [
    None, "application/sparql-query", "application/x-www-form-urlencoded",
    "application/sparql-update", "text/plain", "application/sparql-query; charset=latin-1",
    "multipart/form-data; boundary=x", "", "*/*", "application/json",
]  # fmt: skip
ACCEPT = [
    None, "*/*", "text/csv", "application/sparql-results+xml;q=0.3, text/turtle", "image/png",
    "application/ld+json", "text/*;q=0", "garbage", ";;;", "text/csv;q=abc",
]  # fmt: skip
PARAMS = ["query", "update", "default-graph-uri", "named-graph-uri", "format", "x"]

queries = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.text(max_size=200),
)
values = st.one_of(queries, st.sampled_from(["json", "ttl", "http://e/g", "not an iri"]))
params = st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=4)
NAMES = ["graphs", "agreements-by-party", "provisions-mentioning", "nope", "..", "%00"]
NAMED_PARAMS = ["party", "renewing", "word", "before", "_format", "zz"]
FUZZ = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
bodies = st.one_of(st.none(), st.binary(max_size=300), queries.map(lambda q: q.encode()))


def check(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text)
    if response.status_code >= 400 and response.request.method != "HEAD":
        assert response.json()["error"]["status"] == response.status_code


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"]),
    params=params,
    media=st.sampled_from(MEDIA),
    accept=st.sampled_from(ACCEPT),
    body=bodies,
)
def test_sparql_never_5xx(sample_server: Server, method, params, media, accept, body) -> None:
    headers = {}
    if media is not None:
        headers["content-type"] = media
    if accept is not None:
        headers["accept"] = accept
    with httpx.Client(base_url=sample_server.url, timeout=30) as client:
        check(client.request(method, "/sparql", params=params, headers=headers, content=body))


@FUZZ
@given(
    name=st.sampled_from(NAMES),
    params=st.lists(st.tuples(st.sampled_from(NAMED_PARAMS), st.text(max_size=60)), max_size=4),
    accept=st.sampled_from(ACCEPT),
)
def test_named_queries_never_5xx(sample_server: Server, name, params, accept) -> None:
    headers = {"accept": accept} if accept else {}
    with httpx.Client(base_url=sample_server.url, timeout=30) as client:
        check(client.get(f"/queries/{name}", params=params, headers=headers))
