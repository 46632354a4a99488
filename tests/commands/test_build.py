"""`digicoop build` exit codes: 0 built, 1 the graph does not conform, 2 bad input."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from digicoop.cli import main

ROOT = Path(__file__).resolve().parents[2]
# Segments cleanly, but names no party anywhere: the reading is defective (a Violation).
PARTYLESS = "MEMORANDUM OF COOPERATION\n\nSection 1. Aims\n\n1. The sides will cooperate.\n"


def _project(tmp: Path, text: str | None) -> Path:
    for name in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp / name)
    (tmp / "pyproject.toml").write_text('[project]\nname = "x"\n')
    corpus = tmp / "corpus"
    corpus.mkdir()
    if text is not None:
        (corpus / "a.txt").write_text(text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        (corpus / "manifest.toml").write_text(
            f'[[agreement]]\nid = "a"\nfile = "a.txt"\nsha256 = "{digest}"\n'
        )
    return tmp


def test_a_graph_that_does_not_conform_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, PARTYLESS)
    assert main(["build", "--root", str(root), "-q"]) == 1
    assert "does not validate" in capsys.readouterr().err
    assert not (root / "graphs" / "a.ttl").exists()


def test_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, None)
    assert main(["build", "--root", str(root), "-q"]) == 2
    assert "manifest not found" in capsys.readouterr().err
