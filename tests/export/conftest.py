"""The committed graph loaded once, and every view built once, for the export tests."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from digicoop.export.sparql import Select, store_select
from digicoop.export.views import build
from digicoop.store import DataSource, GraphStore

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "graphs" / "digicoop.trig"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def select() -> Select:
    return store_select(GraphStore.load([DataSource(DATASET)]))


@pytest.fixture(scope="session")
def views(select: Select) -> dict[str, nx.MultiDiGraph]:
    from digicoop.export import VIEWS

    return {name: build(name, select) for name in VIEWS}
