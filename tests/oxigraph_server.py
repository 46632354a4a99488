"""A real ``oxigraph serve`` process on a free loopback port, for push and remote-store tests.

The pip package ``oxigraph`` provides the binary; a test that needs it is skipped with the
reason said out loud if it is missing (the ``test`` extra installs it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from children import die_with_parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class OxigraphServer:
    """``oxigraph serve`` on ``--location`` (so a killed server can come back with its data)."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.skip("the oxigraph binary is not installed (pip install oxigraph)")
        self.binary = binary
        self.location = location
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    @property
    def update(self) -> str:
        return f"{self.base}/update"

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    def start(self) -> OxigraphServer:
        command = [self.binary, "serve", "--location", str(self.location)]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.query}?query=ASK%7B%7D", timeout=1.0)
                return self
            except httpx.HTTPError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("oxigraph serve did not start")

    def kill(self) -> None:
        """The server going away: SIGKILL, no clean shutdown."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    stop = kill

    def count(self, graph: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        response = httpx.post(
            self.query, data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )  # fmt: skip
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    def graphs(self) -> set[str]:
        response = httpx.post(
            self.query, data={"query": "SELECT DISTINCT ?g { GRAPH ?g {} }"},
            headers={"Accept": "application/sparql-results+json"},
        )  # fmt: skip
        return {b["g"]["value"] for b in response.json()["results"]["bindings"]}
