"""Servers shared by the endpoint tests: real processes spoken to over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from .server import FIXTURES, KASEI, MAX_BODY_BYTES, MAX_RESULT_BYTES, TIMEOUT, W3C, Server, start


@pytest.fixture(scope="session")
def w3c_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The W3C protocol data as three named graphs data1..3.rdf."""
    args: list[str] = []
    for n in (1, 2, 3):
        args += ["--graph", KASEI.format(n), str(W3C / f"data{n}.nt")]
    server = start(
        [*args, "--queries", str(FIXTURES / "queries")],
        tmp_path_factory.mktemp("w3c") / "server.log",
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A small digicoop-shaped dataset with tight limits, for everything else."""
    server = start(
        [
            "--data", str(FIXTURES / "api" / "sample.trig"), str(FIXTURES / "api" / "extra.ttl"),
            "--queries", str(FIXTURES / "queries"),
            "--timeout", str(TIMEOUT),
            "--max-result-bytes", str(MAX_RESULT_BYTES),
            "--max-body-bytes", str(MAX_BODY_BYTES),
        ],
        tmp_path_factory.mktemp("sample") / "server.log",
    )  # fmt: skip
    yield server
    server.stop()


@pytest.fixture()
def client(sample_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sample_server.url, timeout=30) as http:
        yield http
