"""Resource governance of the real server: what each limit answers, and that the rest is served.

One server with small limits (set through ``serve`` options, i.e. the Settings object) so each
limit is reached in about a second. Clients speak from distinct loopback addresses
(127.0.0.2, 127.0.0.3, ...) because the per-client cap counts by address.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from .server import FIXTURES, Server, start

TIMEOUT = 3.0
LONG_SECONDS = 0.5
#: Over the sample data (59 quads) this would enumerate ~7e8 solutions: busy past any limit.
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
#: Sorting 59^4 ≈ 12 million rows needs far more than the 60 MB a query may use here.
HUNGRY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"


@pytest.fixture(scope="module")
def governed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start(
        [
            "--data", str(FIXTURES / "api" / "sample.trig"),
            "--queries", str(FIXTURES / "queries"),
            "--workers", "3",
            "--long-queries", "1",
            "--timeout", str(TIMEOUT),
            "--long-query-seconds", str(LONG_SECONDS),
            "--queries-per-client", "1",
            "--query-memory-bytes", "60000000",
            "--max-body-bytes", "400000",
            "--max-query-bytes", "300000",
            "--max-query-depth", "64",
            "--cache-bytes", "0",
        ],
        tmp_path_factory.mktemp("governed") / "server.log",
    )  # fmt: skip
    yield server
    server.stop()


def client_at(server: Server, address: str) -> httpx.Client:
    """A client whose requests come from ``address`` (a loopback address)."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.url, transport=transport, timeout=60)


def ask(server: Server, address: str, query: str, **headers: str) -> httpx.Response:
    with client_at(server, address) as http:
        return http.get("/sparql", params={"query": query}, headers=headers)


def post(server: Server, address: str, query: str) -> httpx.Response:
    with client_at(server, address) as http:
        return http.post(
            "/sparql", content=query, headers={"content-type": "application/sparql-query"}
        )


def error_of(response: httpx.Response) -> dict[str, object]:
    error: dict[str, object] = response.json()["error"]
    assert error["status"] == response.status_code
    return error


def test_a_second_query_from_one_address_is_429_while_its_first_runs(governed: Server) -> None:
    with ThreadPoolExecutor(1) as executor:
        first = executor.submit(ask, governed, "127.0.0.2", HEAVY)
        time.sleep(0.3)
        second = ask(governed, "127.0.0.2", "ASK { ?s ?p ?o }")
        other = ask(governed, "127.0.0.3", "ASK { ?s ?p ?o }")  # another address is not held
        alive = ask(governed, "127.0.0.2", "ASK {}")  # needs no worker: not counted
        assert second.status_code == 429
        assert error_of(second)["code"] == "too-many-queries"
        assert int(second.headers["retry-after"]) > 0
        assert other.status_code == 200
        assert alive.status_code == 200 and alive.json()["boolean"] is True
        assert first.result().status_code in {503}


def test_one_worker_stays_free_for_short_queries(governed: Server) -> None:
    """One long-query slot: the second long query is stopped, ASK is served meanwhile (by the
    third worker: the stopped query's worker is being replaced)."""
    with ThreadPoolExecutor(2) as executor:
        heavy = [executor.submit(ask, governed, f"127.0.0.{n}", HEAVY) for n in (4, 5)]
        time.sleep(LONG_SECONDS + 0.7)
        during = [ask(governed, "127.0.0.6", f"ASK {{ ?s ?p ?o }} # {n}") for n in range(5)]
        answers = [future.result() for future in heavy]
    assert all(response.status_code == 200 for response in during)
    codes = sorted(str(error_of(response)["code"]) for response in answers)
    assert codes == ["busy", "timeout"], codes
    busy = next(r for r in answers if error_of(r)["code"] == "busy")
    assert busy.status_code == 503 and "retry-after" in busy.headers


def test_the_deadline_counts_from_arrival(governed: Server) -> None:
    """A query that ran its whole time is answered at the deadline, not later."""
    started = time.monotonic()
    response = ask(governed, "127.0.0.7", HEAVY)
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and error_of(response)["code"] == "timeout"
    assert TIMEOUT <= elapsed < TIMEOUT + 1.5


def test_memory_limit_is_507_and_the_worker_is_replaced(governed: Server) -> None:
    response = ask(governed, "127.0.0.8", HUNGRY)
    assert response.status_code == 507, response.text
    error = error_of(response)
    assert error["code"] == "memory-limit" and "60 MB" in str(error["message"])
    time.sleep(2)  # the replacement loads in the background
    assert ask(governed, "127.0.0.8", "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_deep_nesting_is_400_before_the_parser(governed: Server) -> None:
    response = ask(governed, "127.0.0.9", "SELECT * WHERE " + "{" * 5000 + "}" * 5000)
    assert response.status_code == 400
    assert error_of(response)["code"] == "query-too-deep"
    nested_in_strings = 'ASK { FILTER("' + "{" * 5000 + '" != "") }'  # not nesting
    assert ask(governed, "127.0.0.9", nested_in_strings).status_code == 200


def test_long_operator_chains_within_the_size_limit_do_not_crash_a_worker(
    governed: Server,
) -> None:
    """The engine recurses once per operator: 10,000 ``!`` overflowed a worker's default 8 MB
    stack; the workers' large stack takes three times that."""
    chain = "ASK { FILTER(" + "!" * 30_000 + "true) }"
    response = post(governed, "127.0.0.10", chain)
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True


def test_query_over_the_size_limit_is_400(governed: Server) -> None:
    response = post(governed, "127.0.0.11", "ASK {} " + "#" * 300_000)
    assert response.status_code == 400 and error_of(response)["code"] == "query-too-large"


def test_screening_is_linear_and_leaves_others_served(governed: Server) -> None:
    """A 290 KB body of ``a.`` took the old quadratic screen minutes on the event loop."""
    text = "SELECT * { " + "a." * 145_000 + " }"
    with ThreadPoolExecutor(1) as executor:
        started = time.monotonic()
        big = executor.submit(post, governed, "127.0.0.12", text)
        quick = ask(governed, "127.0.0.13", "ASK {}")
        response = big.result()
    assert quick.status_code == 200
    assert response.status_code == 400, response.text
    assert error_of(response)["code"] == "query-syntax"
    assert time.monotonic() - started < TIMEOUT


def test_if_none_match_star_on_a_malformed_query_is_400(governed: Server) -> None:
    bad = ask(governed, "127.0.0.14", "SELECT WHERE {", **{"if-none-match": "*"})
    assert bad.status_code == 400 and error_of(bad)["code"] == "query-syntax"
    good = ask(governed, "127.0.0.14", "ASK {}", **{"if-none-match": "*"})
    assert good.status_code == 304 and good.headers["etag"]
