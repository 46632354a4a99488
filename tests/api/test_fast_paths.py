"""What the request path answers without a worker, and that it answers exactly as one would.

``ASK {}`` (and ``ASK WHERE {}``) reads no data, so the front process answers it from an
empty store with the engine's own serialisers (:meth:`digicoop.api.engine.Engine.answer_here`).
Each answer is compared with a worker's answer to a query that also reads no data but is
not on the fast path (``ASK { FILTER(true) }``): same status, content type and bytes.
"""

from __future__ import annotations

import httpx
import pytest

from digicoop.api.cache import AnswerCache
from digicoop.api.engine import Engine
from digicoop.api.errors import ApiError
from digicoop.api.pool import Job, StoreInfo
from digicoop.api.screen import reads_no_data
from digicoop.api.settings import Settings
from digicoop.store import DatasetSpec, Formats

FAST = "ASK {}"
BY_A_WORKER = "ASK { FILTER(true) }"


@pytest.mark.parametrize(
    ("query", "fast"),
    [
        ("ASK {}", True),
        ("ask where { }", True),
        ("ASK{} # are you up?", True),
        ("ASK { }\n", True),
        ("ASK { ?s ?p ?o }", False),
        ("ASK FROM <http://g> {}", False),
        ("PREFIX ex: <http://e/> ASK {}", False),  # a prologue: left to the engine
        ("SELECT * {}", False),
        ("ASK {} VALUES ?x { 1 }", False),
        ('ASK { FILTER("{}") }', False),
    ],
)
def test_only_data_free_asks_take_the_fast_path(query: str, fast: bool) -> None:
    assert reads_no_data(query) is fast


@pytest.mark.parametrize(
    "accept",
    [
        "",
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "application/json",
        "text/xml;q=0.5, text/csv;q=0.4",
        "image/png",  # nothing acceptable: 406 either way
        "text/turtle",  # a graph type only: 406 for a boolean either way
    ],
)
def test_fast_ask_answers_byte_for_byte_as_a_worker(client: httpx.Client, accept: str) -> None:
    headers = {"accept": accept} if accept else {}
    fast = client.get("/sparql", params={"query": FAST}, headers=headers)
    worker = client.get("/sparql", params={"query": BY_A_WORKER}, headers=headers)
    assert fast.status_code == worker.status_code
    assert fast.headers["content-type"] == worker.headers["content-type"]
    if fast.status_code == 200:
        assert fast.content == worker.content
    else:
        assert fast.json()["error"]["code"] == worker.json()["error"]["code"] == "not-acceptable"


def test_fast_ask_by_post_and_format_parameter(client: httpx.Client) -> None:
    posted = client.post(
        "/sparql", content="ASK WHERE {}", headers={"content-type": "application/sparql-query"}
    )
    assert posted.status_code == 200 and posted.json() == {"head": {}, "boolean": True}
    as_csv = client.get("/sparql", params={"query": FAST, "format": "csv"})
    assert as_csv.text == client.get("/sparql", params={"query": BY_A_WORKER, "format": "csv"}).text


def test_fast_ask_checks_the_dataset_parameters_as_the_engine_does(client: httpx.Client) -> None:
    bad = {"default-graph-uri": "not an iri"}
    fast = client.get("/sparql", params={"query": FAST, **bad})
    worker = client.get("/sparql", params={"query": BY_A_WORKER, **bad})
    assert fast.status_code == worker.status_code == 400
    assert fast.json()["error"]["code"] == worker.json()["error"]["code"] == "bad-graph-iri"
    unknown = {"default-graph-uri": "http://example.org/nothing-here"}
    answered = client.get("/sparql", params={"query": FAST, **unknown})
    assert answered.json()["boolean"] is True  # true on every dataset, the empty one too


def test_fast_ask_keeps_the_head_and_caching_behaviour(client: httpx.Client) -> None:
    get = client.get("/sparql", params={"query": FAST})
    head = client.head("/sparql", params={"query": FAST})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    again = client.get(
        "/sparql", params={"query": FAST}, headers={"if-none-match": get.headers["etag"]}
    )
    assert again.status_code == 304


def test_a_repeated_get_is_answered_for_what_it_asks_each_time(client: httpx.Client) -> None:
    """A GET's preparation is remembered by everything it reads (query string, Accept, the
    URL): the same query string with another Accept or another Host is another answer."""
    query = {"query": "SELECT (<relative> AS ?x) {}"}
    first = client.get("/sparql", params=query, headers={"host": "one.example"})
    other_host = client.get("/sparql", params=query, headers={"host": "two.example"})
    as_csv = client.get(
        "/sparql", params=query, headers={"host": "one.example", "accept": "text/csv"}
    )
    again = client.get("/sparql", params=query, headers={"host": "one.example"})
    assert first.json()["results"]["bindings"][0]["x"]["value"] == "http://one.example/relative"
    assert (
        other_host.json()["results"]["bindings"][0]["x"]["value"] == "http://two.example/relative"
    )
    assert as_csv.text.splitlines() == ["x", "http://one.example/relative"]
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert other_host.headers["etag"] != first.headers["etag"] != as_csv.headers["etag"]


def test_a_refused_get_is_refused_again(client: httpx.Client) -> None:
    for _ in range(2):
        update = client.get("/sparql", params={"query": "INSERT DATA { <a> <b> <c> }"})
        assert update.status_code == 403 and update.json()["error"]["code"] == "read-only"
        deep = client.get("/sparql", params={"query": "ASK " + "{" * 200 + "}" * 200})
        assert deep.status_code == 400 and deep.json()["error"]["code"] == "query-too-deep"


def _engine(max_plans: int = 1024) -> Engine:
    """An engine without workers: the fast path needs none."""
    info = StoreInfo("digest", (), 0)
    return Engine(Settings(), None, info, {}, AnswerCache(0), max_plans=max_plans)  # type: ignore[arg-type]


def test_a_data_free_answer_is_kept_by_all_it_depends_on() -> None:
    engine = _engine()
    json_job = Job(FAST, Formats(), base_iri="http://a/sparql")
    first = engine.answer_here(json_job)
    assert first is not None and first.body == b'{"head":{},"boolean":true}'
    assert engine.answer_here(Job(FAST, Formats(), base_iri="http://a/sparql")) is first
    xml = Formats(boolean="application/sparql-results+xml")
    other = engine.answer_here(Job(FAST, xml, base_iri="http://a/sparql"))
    assert other is not None and other.media_type == "application/sparql-results+xml"
    assert len(engine.free_answers) == 2


def test_a_data_free_error_is_raised_each_time_and_never_kept() -> None:
    engine = _engine()
    job = Job(FAST, Formats(), DatasetSpec(default_graphs=("not an iri",)))
    for _ in range(2):
        with pytest.raises(ApiError) as refused:
            engine.answer_here(job)
        assert refused.value.status == 400
    assert engine.free_answers == {}


def test_the_kept_answers_are_bounded() -> None:
    engine = _engine(max_plans=3)
    for n in range(10):
        assert engine.answer_here(Job(FAST, Formats(), base_iri=f"http://h{n}/sparql"))
    assert len(engine.free_answers) <= 3
