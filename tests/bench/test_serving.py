"""bench.serving's variants and fixed work: what the figures of the endpoint's A/B rest on."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.serving import _variant

from bench import endpoint

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_variant_is_a_label_and_serve_options_split_as_a_shell_would() -> None:
    assert _variant("four=--running-queries 4") == ("four", ("--running-queries", "4"))
    assert _variant("as-is=") == ("as-is", ())
    assert _variant("quoted=--queries 'a b'") == ("quoted", ("--queries", "a b"))


@pytest.mark.parametrize("text", ["=--workers 1", "oxigraph-ro=--workers 1"])
def test_a_variant_needs_a_label_of_its_own(text: str) -> None:
    with pytest.raises(SystemExit, match="LABEL=OPTIONS"):
        _variant(text)


def test_fixed_work_answers_every_query_each_pass_and_counts_the_servers_cpu() -> None:
    """Against the real server with a variant's option: every request answered (a refused one
    raises), and CPU spent by the server's processes, not the client's."""
    queries = ["SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "ASK { ?s ?p ?o }", "ASK {}"]
    facts: dict[str, float] = {}
    data, named = FIXTURES / "api" / "sample.trig", FIXTURES / "queries"
    with endpoint.server("digicoop", data, named, 1, facts, ("--running-queries", "1")) as url:
        work = endpoint.fixed_work(url, queries, 60, int(facts["pid"]))
        with pytest.raises(RuntimeError, match="400"):
            endpoint.fixed_work(url, ["SELECT nonsense"], 1, int(facts["pid"]))
    assert work.requests == 180  # CPU is counted in clock ticks (10 ms): enough work to see
    assert work.cpu_ms > 0 and work.wall_ms > 0
