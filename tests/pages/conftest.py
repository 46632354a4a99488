"""The real server (``digicoop serve``) over the committed graph, started once.

Reuses the endpoint tests' process helper (``tests/api/server.py``: free port, readiness
probe, log file) rather than a second way of starting servers.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.server import ROOT, Server, start
from digicoop.export.sparql import Select, store_select
from digicoop.store import DataSource, GraphStore

DATASET = ROOT / "graphs" / "digicoop.trig"


@pytest.fixture(scope="session")
def graph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start(
        ["--data", str(DATASET), "--workers", "2"],
        tmp_path_factory.mktemp("pages") / "server.log",
    )
    yield server
    server.stop()


@pytest.fixture()
def http(graph_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=graph_server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def local() -> Select:
    """The same data in this process, for expected answers."""
    return store_select(GraphStore.load([DataSource(DATASET)]))
