"""The store interface over a real ``oxigraph serve``: same answers as the embedded store,
and ``digicoop serve --store URL`` serving the API from it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from children import die_with_parent
from digicoop.store import (
    DatasetSpec,
    DataSource,
    Formats,
    GraphStore,
    QuerySyntaxError,
    RemoteSource,
    RemoteStore,
    StoreError,
    open_store,
)
from digicoop.store.push import Plan, push
from digicoop.store.remote import values_block
from oxigraph_server import OxigraphServer, free_port

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE = FIXTURES / "api" / "sample.trig"
ESTONIA = "https://w3id.org/digicoop/graph/japan-estonia-moc"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    running = OxigraphServer(tmp_path_factory.mktemp("oxi") / "db").start()
    push(Plan.from_file(SAMPLE), running.store, update_url=running.update)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore.open(RemoteSource(url=server.query))


@pytest.fixture(scope="module")
def local() -> GraphStore:
    return GraphStore.load([DataSource(SAMPLE)])


def _rows(body: bytes) -> list[dict[str, str]]:
    bindings = json.loads(body)["results"]["bindings"]
    return sorted(({k: v["value"] for k, v in b.items()} for b in bindings), key=repr)


def test_graphs_and_size_match_the_embedded_store(remote: RemoteStore, local: GraphStore) -> None:
    assert remote.graph_names() == local.graph_names()
    assert len(remote) == len(local)


QUERIES = [
    "SELECT ?s ?o WHERE { ?s <https://w3id.org/digicoop/ontology#party> ?o }",  # union default
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    f"SELECT ?s WHERE {{ GRAPH <{ESTONIA}> {{ ?s a ?c }} }}",
]


@pytest.mark.parametrize("query", QUERIES)
def test_same_rows_as_the_embedded_store(
    remote: RemoteStore, local: GraphStore, query: str
) -> None:
    formats = Formats.default()
    assert _rows(remote.run(query, formats).body) == _rows(local.run(query, formats).body)


def test_request_dataset_restricts(remote: RemoteStore, local: GraphStore) -> None:
    query = "SELECT ?s WHERE { ?s a ?c }"
    spec = DatasetSpec(default_graphs=(ESTONIA,))
    got = _rows(remote.run(query, Formats.default(), spec).body)
    assert got == _rows(local.run(query, Formats.default(), spec).body)
    assert got and len(got) < len(_rows(remote.run(query, Formats.default()).body))


def test_substitutions_bind_terms(remote: RemoteStore, local: GraphStore) -> None:
    query = (FIXTURES / "queries" / "agreements-by-party.rq").read_text(encoding="utf-8")
    bound: dict[ox.Variable, ox.NamedNode | ox.Literal] = {
        ox.Variable("party"): ox.NamedNode("https://w3id.org/digicoop/id/party/ee"),
        ox.Variable("renewing"): ox.Literal(True),
    }
    got = _rows(remote.run(query, Formats.default(), substitutions=bound).body)
    assert got == _rows(local.run(query, Formats.default(), substitutions=bound).body)
    assert {row["party"] for row in got} == {"https://w3id.org/digicoop/id/party/ee"}


def test_values_block_writes_terms_not_text() -> None:
    block = values_block({ox.Variable("x"): ox.Literal('a" } DROP ALL #')})
    assert block == '\nVALUES (?x) { ("a\\" } DROP ALL #") }'


def test_ask_and_construct_kinds(remote: RemoteStore) -> None:
    assert remote.run("ASK {}", Formats.default()).kind == "boolean"
    out = remote.run("CONSTRUCT WHERE { ?s a ?c } LIMIT 2", Formats.default())
    assert (out.kind, out.media_type) == ("graph", "text/turtle")


def test_syntax_error_is_a_query_syntax_error(remote: RemoteStore) -> None:
    with pytest.raises(QuerySyntaxError):
        remote.run("SELECT ?x WHERE { ?x ", Formats.default())


def test_server_gone_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        open_store((RemoteSource(url=f"http://127.0.0.1:{free_port()}/query"),))


def test_serve_store_answers_the_api(server: OxigraphServer) -> None:
    port = free_port()
    command = [sys.executable, "-m", "digicoop.cli", "serve", "--store", server.query]
    command += ["--port", str(port), "--queries", str(FIXTURES / "queries"), "--workers", "1"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=die_with_parent
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        answer = httpx.get(
            f"{base}/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.status_code == 200
        total = int(answer.json()["results"]["bindings"][0]["n"]["value"])
        assert total == len(GraphStore.load([DataSource(SAMPLE)]))
        named = httpx.get(
            f"{base}/queries/agreements-by-party",
            params={"party": "https://w3id.org/digicoop/id/party/ee"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert named.status_code == 200, named.text
        assert named.json()["results"]["bindings"]
        assert httpx.get(f"{base}/").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
