"""``digicoop export``: writes the file atomically, and says clearly what is unknown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx

from .conftest import ROOT


def _export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digicoop.cli", "export", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_writes_graphml_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "at.graphml"
    done = _export("agreements-topics", "--format", "graphml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert nx.read_graphml(out).number_of_nodes() > 0
    assert [p.name for p in out.parent.iterdir()] == ["at.graphml"]  # no temporary left
    assert out.stat().st_mode & 0o044  # readable by others, unlike mkstemp's default


def test_html_page_for_the_issue_example(tmp_path: Path) -> None:
    out = tmp_path / "agreements-topics.html"
    done = _export("agreements-topics", "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "cytoscape" in out.read_text(encoding="utf-8")


def test_unknown_view_and_format_are_usage_errors(tmp_path: Path) -> None:
    out = tmp_path / "x"
    done = _export("nope", "--format", "graphml", "-o", str(out))
    assert done.returncode == 2
    assert "unknown view 'nope'" in done.stderr and "agreements-topics" in done.stderr
    done = _export("full", "--format", "xlsx", "-o", str(out))
    assert done.returncode == 2
    assert "unknown format 'xlsx'" in done.stderr and "graphml" in done.stderr
    assert not out.exists()


def test_all_writes_every_view_in_every_format_and_the_calendar(tmp_path: Path) -> None:
    from digicoop.export import ALL_FORMATS, FORMATS, VIEWS

    done = _export("--all", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    expected = [f"{v}.{FORMATS[f].extension}" for v in VIEWS for f in ALL_FORMATS]
    assert written == sorted([*expected, "calendar.ics"])


def test_calendar_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    done = _export("calendar", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert _export("calendar", "--format", "gexf").returncode == 2
