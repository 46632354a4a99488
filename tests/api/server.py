"""Start the real endpoint (``digicoop serve``) as a subprocess on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from children import die_with_parent

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
W3C = FIXTURES / "w3c-sparql-protocol"
KASEI = "http://kasei.us/2009/09/sparql/data/data{}.rdf"

#: The sample server's limits, chosen so the safety tests can reach them quickly.
TIMEOUT = 2.0
MAX_RESULT_BYTES = 100_000
MAX_BODY_BYTES = 20_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running server: its base URL, process and the file its stderr (access log) goes to."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start(args: list[str], log_path: Path, cwd: Path = ROOT, ready_timeout: float = 60) -> Server:
    """``digicoop serve ARGS --port P`` and wait until it answers ``ASK {}``."""
    port = free_port()
    command = [sys.executable, "-m", "digicoop.cli", "serve", *args, "--port", str(port)]
    log = log_path.open("wb")
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ},
        preexec_fn=die_with_parent,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return Server(url, process, log_path)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start in {ready_timeout} s:\n{log_path.read_text()}")
