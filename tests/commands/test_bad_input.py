"""Bad input to the real CLI: one line naming the file (and line), exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digicoop.paths import find_root
from oxigraph_server import free_port

ROOT = find_root(Path(__file__))
NOT_UTF8 = b'# title: Latin-1\nSELECT * WHERE { ?s ?p "caf\xe9" }\n'


def digicoop(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digicoop.cli", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("digicoop: error: "), done.stderr
    for part in parts:
        assert part in lines[0], lines[0]


def test_query_file_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.rq"
    path.write_bytes(NOT_UTF8)
    done = digicoop("query", "--root", str(ROOT), str(path))
    assert_one_line_error(done, f"{path}:2:", "not UTF-8")


def test_serve_with_a_query_library_file_not_utf8_refuses_to_start(tmp_path: Path) -> None:
    (tmp_path / "latin1.rq").write_bytes(NOT_UTF8)
    data = str(ROOT / "graphs" / "digicoop.trig")
    # a free port: the default 8000 may be a running server's, and a taken port is said first
    port = str(free_port())
    done = digicoop("serve", "--queries", str(tmp_path), "--data", data, "--port", port)
    assert_one_line_error(done, f"{tmp_path / 'latin1.rq'}:2:", "not UTF-8")


def test_syntax_error_in_a_query_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT * WHERE {\n  ?s ?p }}\n", encoding="utf-8")
    done = digicoop("query", "--root", str(ROOT), str(path))
    assert_one_line_error(done, f"{path}:2:", "SPARQL syntax error at line 2")


def test_a_parameter_given_twice_is_an_error() -> None:
    done = digicoop(
        "query", "--root", str(ROOT), "signed-in-year", "-p", "year=2023", "-p", "year=2024"
    )
    assert_one_line_error(done, "'year' given twice")


def test_a_manifest_entry_outside_the_corpus_is_refused(scratch_project: Path) -> None:
    manifest = scratch_project / "corpus" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    first_file = text.split('file = "', 1)[1].split('"', 1)[0]
    manifest.write_text(text.replace(first_file, "../../etc/hostname", 1), encoding="utf-8")
    done = digicoop("build", "--root", str(scratch_project), "-q")
    assert_one_line_error(done, "manifest.toml", "'../../etc/hostname' is outside corpus/")
