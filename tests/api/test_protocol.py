"""SPARQL 1.1 Protocol behaviour beyond the W3C manifest: forms, dataset, negotiation, HEAD,
CORS, refusals and the one error shape; all against the real server process."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from rdflib import Graph

from .server import FIXTURES, free_port

JSON = "application/sparql-results+json"
G = "https://w3id.org/digicoop/graph/"
EXTRA = (FIXTURES / "api" / "extra.ttl").resolve().as_uri()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    """The one error shape: JSON, status echoed, a stable code, a message, no trace."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code and error["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return error


def test_three_ways_to_ask_give_one_answer(client: httpx.Client) -> None:
    by_get = client.get("/sparql", params={"query": COUNT})
    by_form = client.post("/sparql", data={"query": COUNT})
    by_body = client.post(
        "/sparql", content=COUNT, headers={"content-type": "application/sparql-query"}
    )
    assert count(by_get) == count(by_form) == count(by_body) > 40


def test_default_graph_is_the_union_of_named_graphs(client: httpx.Client) -> None:
    union = count(client.get("/sparql", params={"query": COUNT}))
    per_graph = client.get(
        "/sparql",
        params={"query": "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
    ).json()["results"]["bindings"]
    assert union == sum(int(row["n"]["value"]) for row in per_graph)
    assert {row["g"]["value"] for row in per_graph} == {
        G + "topics",
        G + "japan-estonia-moc",
        G + "japan-eu-digital-partnership",
        EXTRA,
    }


def test_triple_file_is_a_graph_named_after_its_file(client: httpx.Client) -> None:
    ask = f'ASK {{ GRAPH <{EXTRA}> {{ ?s ?p "loaded from Turtle" }} }}'
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_default_graph_uri_restricts_the_dataset(client: httpx.Client) -> None:
    topics = count(
        client.get("/sparql", params={"query": COUNT, "default-graph-uri": G + "topics"})
    )
    both = count(
        client.get(
            "/sparql",
            params=[("query", COUNT), ("default-graph-uri", G + "topics"),
                    ("default-graph-uri", G + "japan-estonia-moc")],
        )
    )  # fmt: skip
    assert 0 < topics < both < count(client.get("/sparql", params={"query": COUNT}))


def test_protocol_dataset_overrides_from(client: httpx.Client) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{G}japan-estonia-moc> WHERE {{ ?s ?p ?o }}"
    from_only = count(client.get("/sparql", params={"query": query}))
    overridden = count(
        client.get("/sparql", params={"query": query, "default-graph-uri": G + "topics"})
    )
    assert from_only != overridden
    assert overridden == count(
        client.get("/sparql", params={"query": COUNT, "default-graph-uri": G + "topics"})
    )


def test_named_graph_uri_restricts_graph(client: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query, "named-graph-uri": G + "topics"})
    assert [row["g"]["value"] for row in response.json()["results"]["bindings"]] == [G + "topics"]
    # Only named graphs given: the default graph is then empty.
    assert (
        count(client.get("/sparql", params={"query": COUNT, "named-graph-uri": G + "topics"})) == 0
    )


def test_unknown_graph_is_empty_and_never_fetched(client: httpx.Client) -> None:
    remote = "http://127.0.0.1:9/never-fetched.ttl"
    assert count(client.get("/sparql", params={"query": COUNT, "default-graph-uri": remote})) == 0
    query = f"SELECT (COUNT(*) AS ?n) FROM <{remote}> {{ ?s ?p ?o }}"
    assert count(client.get("/sparql", params={"query": query})) == 0


def test_bad_graph_iri_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert_error(response, 400, "bad-graph-iri")


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", JSON),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/csv, application/sparql-results+xml;q=0.1", "text/csv"),
        ("text/*", "text/csv"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ],
)
def test_select_negotiation_honours_q_values(
    client: httpx.Client, accept: str | None, media_type: str
) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": COUNT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]


def test_select_formats_carry_the_same_rows(client: httpx.Client) -> None:
    query = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?c ?label { ?c a skos:Concept ; skos:prefLabel ?label } ORDER BY ?c"
    )
    as_json = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    as_csv = list(
        csv.DictReader(
            io.StringIO(client.get("/sparql", params={"query": query, "format": "csv"}).text)
        )
    )
    assert [row["c"]["value"] for row in as_json] == [row["c"] for row in as_csv]
    tsv = client.get(
        "/sparql", params={"query": query}, headers={"accept": "text/tab-separated-values"}
    )
    assert (
        tsv.text.splitlines()[0] == "?c\t?label" and len(tsv.text.splitlines()) == len(as_json) + 1
    )
    xml = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+xml"}
    )
    assert xml.text.count("<result>") == len(as_json)


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
    ],
)
def test_construct_in_every_rdf_format(
    client: httpx.Client, accept: str, rdflib_format: str
) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G}topics> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == count(
        client.get("/sparql", params={"query": COUNT, "default-graph-uri": G + "topics"})
    )


def test_describe_defaults_to_turtle(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "DESCRIBE <https://w3id.org/digicoop/id/party/jp>"}
    )
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) >= 3


def test_ask_formats(client: httpx.Client) -> None:
    as_json = client.get("/sparql", params={"query": "ASK {}"})
    assert as_json.json() == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"accept": "application/sparql-results+xml"}
    )
    assert "<boolean>true</boolean>" in xml.text


def test_not_acceptable_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": COUNT}, headers={"accept": "image/png"})
    assert_error(response, 406, "not-acceptable")
    construct = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"accept": "text/csv"}
    )
    assert_error(construct, 406, "not-acceptable")


def test_head_has_headers_and_no_body(client: httpx.Client) -> None:
    get = client.get("/sparql", params={"query": COUNT})
    head = client.head("/sparql", params={"query": COUNT})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["etag"] == get.headers["etag"]
    assert int(head.headers["content-length"]) == len(get.content)
    described = client.head("/sparql")
    assert described.status_code == 200 and described.content == b""


def test_cors_simple_request_and_preflight(client: httpx.Client) -> None:
    simple = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"origin": "http://example.org"}
    )
    assert simple.headers["access-control-allow-origin"] in {"*", "http://example.org"}
    preflight = client.options(
        "/sparql",
        headers={
            "origin": "http://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, accept",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_syntax_error_is_400_with_line_and_column(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER( }"}
    )
    error = assert_error(response, 400, "query-syntax")
    assert error["line"] == 3 and error["column"] >= 9


FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}
UTF16 = {"content-type": "application/sparql-query; charset=UTF-16"}
MALFORMED = [
    ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, "multiple-queries"),
    ({"content": b"query=ASK%20%7B%7D"}, "missing-content-type"),
    ({"content": b"ASK {}", "headers": {"content-type": "text/plain"}}, "unsupported-content-type"),
    ({"content": "ASK {}".encode("utf-16"), "headers": UTF16}, "not-utf8"),
    ({"content": b'ASK { ?s ?p "\xff" }', "headers": DIRECT}, "not-utf8"),
    ({"content": b"query=ASK%20%7B%20%22%FF%22%20%7D", "headers": FORM}, "not-utf8"),
    ({"content": b"", "headers": FORM}, "missing-query"),
]


@pytest.mark.parametrize(("kwargs", "code"), MALFORMED)
def test_malformed_requests_are_400(client: httpx.Client, kwargs: dict, code: str) -> None:
    method = "GET" if "params" in kwargs else "POST"
    assert_error(client.request(method, "/sparql", **kwargs), 400, code)


UPDATES = [
    "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <file:///etc/passwd>",
    "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://e/g>",
    "PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "create graph <http://e/g>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_every_update_form_is_refused(client: httpx.Client, update: str) -> None:
    before = count(client.get("/sparql", params={"query": COUNT}))
    attempts = [
        client.post(
            "/sparql", content=update, headers={"content-type": "application/sparql-update"}
        ),
        client.post("/sparql", data={"update": update}),
        client.get("/sparql", params={"update": update}),
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"query": update}),
        client.post(
            "/sparql", content=update, headers={"content-type": "application/sparql-query"}
        ),
    ]
    for response in attempts:
        assert_error(response, 403, "read-only")
    assert count(client.get("/sparql", params={"query": COUNT})) == before


def test_service_is_refused_by_default(client: httpx.Client) -> None:
    """The workers have no network: SERVICE fails in the engine (test_no_network.py)."""
    port = free_port()  # nothing listens there (and the worker could not connect anyway)
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    assert_error(client.get("/sparql", params={"query": query}), 403, "service-disabled")
    silent = f"select * {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    answer = client.post("/sparql", data={"query": silent})
    assert answer.status_code == 200 and answer.json()["results"]["bindings"] == [{}]
    # The word in a literal or a prefixed name is no SERVICE clause.
    harmless = 'PREFIX ex: <http://e/> SELECT * { ?s ?p "SERVICE" . OPTIONAL { ?s ex:SERVICE ?x } }'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


def test_other_methods_are_405(client: httpx.Client) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        assert_error(
            client.request(method, "/sparql", params={"query": "ASK {}"}), 405, "method-not-allowed"
        )


def test_unknown_path_is_404_in_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/nothing-here"), 404, "not-found")


def test_error_shape_is_pinned(client: httpx.Client) -> None:
    """The exact shape, as Datasette pins its own: clients may rely on it."""
    body = client.get("/sparql", params={"query": "ASK {"}).json()
    assert list(body["error"]) == ["status", "code", "message", "line", "column"]
    assert json.loads(json.dumps(body))["error"]["status"] == 400
