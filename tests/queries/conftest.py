"""Shared fixtures: the built dataset loaded once per engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from digicoop.commands.query import open_store
from digicoop.paths import Paths, find_root
from digicoop.querylib import NamedQuery, load_library
from digicoop.store import GraphStore

from .engines import load_rdflib


@pytest.fixture(scope="session")
def root() -> Path:
    return find_root(Path(__file__))


@pytest.fixture(scope="session")
def library(root: Path) -> dict[str, NamedQuery]:
    return load_library(Paths(root).queries)


@pytest.fixture(scope="session")
def oxigraph_store(root: Path) -> GraphStore:
    return open_store(root)


@pytest.fixture(scope="session")
def rdflib_dataset(root: Path) -> Dataset:
    return load_rdflib(Paths(root).dataset)
