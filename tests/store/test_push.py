"""``digicoop push`` against a real ``oxigraph serve``: idempotent, checked, all or nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from digicoop.store.push import STAGING_PREFIX, Plan, PushError, push
from oxigraph_server import OxigraphServer, free_port

OLD = """
<http://ex/a> <http://ex/p> "old a" <http://ex/g1> .
<http://ex/b> <http://ex/p> "old b" <http://ex/g2> .
"""
NEW = """
<http://ex/a> <http://ex/p> "new a" <http://ex/g1> .
<http://ex/a> <http://ex/q> "new a2" <http://ex/g1> .
<http://ex/b> <http://ex/p> "new b" <http://ex/g2> .
<http://ex/c> <http://ex/p> "new c" <http://ex/g3> .
"""


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    running = OxigraphServer(tmp_path / "db").start()
    yield running
    running.stop()


def _state(server: OxigraphServer) -> dict[str, int]:
    return {g: server.count(g) for g in sorted(server.graphs())}


@pytest.mark.parametrize("atomic", [True, False], ids=["update", "gsp-only"])
def test_push_writes_every_graph_and_is_idempotent(server: OxigraphServer, atomic: bool) -> None:
    update = server.update if atomic else None
    report = push(Plan.from_text(NEW), server.store, update_url=update)
    assert (report.graphs, report.triples, report.atomic) == (3, 4, atomic)
    expected = {"http://ex/g1": 2, "http://ex/g2": 1, "http://ex/g3": 1}
    assert _state(server) == expected
    push(Plan.from_text(NEW), server.store, update_url=update)
    assert _state(server) == expected  # no staging graph left, nothing doubled


def test_push_replaces_old_content(server: OxigraphServer) -> None:
    push(Plan.from_text(OLD), server.store, update_url=server.update)
    push(Plan.from_text(NEW), server.store, update_url=server.update)
    assert _state(server) == {"http://ex/g1": 2, "http://ex/g2": 1, "http://ex/g3": 1}


def _killer(server: OxigraphServer, after: int, method: str) -> httpx.Client:
    """A client whose ``after``-th request of ``method`` finds the server gone."""
    seen = {"n": 0}

    def hook(request: httpx.Request) -> None:
        if request.method == method:
            seen["n"] += 1
            if seen["n"] == after:
                server.kill()

    return httpx.Client(timeout=5.0, event_hooks={"request": [hook]})


@pytest.mark.parametrize("atomic", [True, False], ids=["update", "gsp-only"])
def test_server_gone_mid_staging_leaves_published_graphs_unchanged(
    server: OxigraphServer, atomic: bool
) -> None:
    update = server.update if atomic else None
    push(Plan.from_text(OLD), server.store, update_url=update)
    before = _state(server)
    with _killer(server, after=2, method="PUT") as client, pytest.raises(PushError) as caught:
        push(Plan.from_text(NEW), server.store, update_url=update, client=client)
    message = str(caught.value)
    assert "cannot connect" in message or "closed the connection" in message
    assert "unchanged" in message and "\n" not in message
    server.start()  # the same database, back again
    published = {g: n for g, n in _state(server).items() if not g.startswith(STAGING_PREFIX)}
    assert published == before
    push(Plan.from_text(NEW), server.store, update_url=update)  # a re-run repairs and cleans up
    assert _state(server) == {"http://ex/g1": 2, "http://ex/g2": 1, "http://ex/g3": 1}


def test_server_gone_during_gsp_switch_is_reported_and_rerun_repairs(
    server: OxigraphServer,
) -> None:
    push(Plan.from_text(OLD), server.store)
    # 3 staging PUTs, then the switch: the second final PUT finds the server gone.
    with _killer(server, after=5, method="PUT") as client, pytest.raises(PushError) as caught:
        push(Plan.from_text(NEW), server.store, client=client)
    assert "re-run the push" in str(caught.value)
    server.start()
    push(Plan.from_text(NEW), server.store)
    assert _state(server) == {"http://ex/g1": 2, "http://ex/g2": 1, "http://ex/g3": 1}


def test_nothing_listening_is_one_clean_line() -> None:
    with pytest.raises(PushError, match="cannot connect"):
        push(Plan.from_text(NEW), f"http://127.0.0.1:{free_port()}/store")


def test_cli_pushes_the_built_dataset(server: OxigraphServer, tmp_path: Path) -> None:
    data = tmp_path / "d.nq"
    data.write_text(NEW, encoding="utf-8")
    command = [sys.executable, "-m", "digicoop.cli", "push", server.store]
    done = subprocess.run(
        [*command, "--update", server.update, "--data", str(data)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "pushed 3 graphs, 4 triples" in done.stdout
    assert _state(server)["http://ex/g1"] == 2


def test_cli_failure_exits_2_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "d.nq"
    data.write_text(NEW, encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}/store"
    done = subprocess.run(
        [sys.executable, "-m", "digicoop.cli", "push", url, "--data", str(data)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot connect" in done.stderr and "Traceback" not in done.stderr
