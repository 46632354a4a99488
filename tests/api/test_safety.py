"""Safety: timeouts that really cancel, size limits, federation off by default, access log."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Namespace

from .server import FIXTURES, MAX_BODY_BYTES, TIMEOUT, Server, start

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
#: About 59^5 ≈ 7e8 solutions over the sample data: far past the 2 s timeout.
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def quick_ask(client: httpx.Client, tag: str) -> float:
    """Seconds for an ASK the cache cannot have seen (the comment makes it unique)."""
    started = time.monotonic()
    response = client.get("/sparql", params={"query": f"ASK {{}} # {tag} {time.time_ns()}"})
    assert response.status_code == 200, response.text
    return time.monotonic() - started


def run_heavy(url: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.get(f"{url}/sparql", params={"query": HEAVY}, timeout=60)
    return response, time.monotonic() - started


@pytest.mark.slow
def test_timeout_cancels_the_query_and_others_are_served(
    sample_server: Server, client: httpx.Client
) -> None:
    for attempt in range(2):  # the second run proves the killed worker was replaced
        with ThreadPoolExecutor(1) as executor:
            heavy = executor.submit(run_heavy, sample_server.url)
            time.sleep(0.3)
            assert not heavy.done()
            latencies = [quick_ask(client, f"during-{attempt}-{n}") for n in range(5)]
            response, elapsed = heavy.result(timeout=60)
        assert max(latencies) < 1.0, latencies
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["code"] == "timeout" and "cancelled" in error["message"]
        assert TIMEOUT <= elapsed < TIMEOUT + 3
        assert quick_ask(client, f"after-{attempt}") < 1.0
        time.sleep(3)  # let the replacement worker load before the next round


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    big = "ASK {} " + "#" * (MAX_BODY_BYTES + 10)
    response = client.post(
        "/sparql", content=big, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body-too-large"


def test_streamed_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"ASK {} "
        for _ in range(10):
            yield b"#" * (MAX_BODY_BYTES // 5)

    response = client.post(
        "/sparql", content=chunks(), headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body-too-large"


def test_result_over_the_limit_is_refused(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { ?a ?b ?c . ?d ?e ?f }"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "result-too-large" and "LIMIT" in error["message"]
    limited = client.get("/sparql", params={"query": "SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 5"})
    assert limited.status_code == 200


def test_access_log_is_json_lines(sample_server: Server, client: httpx.Client) -> None:
    client.get("/sparql", params={"query": "ASK { } # access-log"})
    time.sleep(0.2)
    records = []
    for line in sample_server.log().splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    assert records, sample_server.log()
    for record in records:
        assert {"ts", "method", "path", "status", "bytes", "ms", "client"} <= set(record)
    assert any(r["path"] == "/sparql" and r["status"] == 200 for r in records)
    assert "Traceback" not in sample_server.log()


@pytest.fixture(scope="module")
def federated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start(
        ["--data", str(FIXTURES / "api" / "extra.ttl"), "--queries", str(FIXTURES / "queries"),
         "--allow-service"],
        tmp_path_factory.mktemp("federated") / "server.log",
    )  # fmt: skip
    yield server
    server.stop()


def test_service_only_when_enabled(federated_server: Server) -> None:
    url = f"{federated_server.url}/sparql"
    description = Graph().parse(data=httpx.get(url, timeout=30).text, format="turtle")
    assert (None, SD.feature, SD.BasicFederatedQuery) in description
    # A loopback port nothing listens on: the query is attempted, not refused with 403.
    silent = "SELECT * { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert httpx.get(url, params={"query": silent}, timeout=30).status_code == 200
    failing = "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = httpx.get(url, params={"query": failing}, timeout=30)
    assert response.status_code == 400 and response.json()["error"]["code"] == "query-failed"


def test_no_file_access(client: httpx.Client, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://e/s> <http://e/p> "secret" .')
    query = f"SELECT * FROM <{secret.as_uri()}> {{ ?s ?p ?o }}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200 and "secret" not in response.text
    load = client.post("/sparql", data={"update": f"LOAD <{secret.as_uri()}>"})
    assert load.status_code == 403
