"""Fixtures shared by every test package: the project root and a scratch copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


def copy_project(target: Path, corpus: Path | None = None) -> Path:
    """A project tree (corpus, ontology, shapes) that a test may break without harm."""
    shutil.copytree(corpus or ROOT / "corpus", target / "corpus")
    for name in ("ontology", "shapes"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture()
def scratch_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture()
def other_layout_project(tmp_path: Path) -> Path:
    """A project whose corpus is the one agreement written in a layout no real text uses."""
    return copy_project(tmp_path / "other", corpus=ROOT / "tests" / "fixtures" / "other-layout")
