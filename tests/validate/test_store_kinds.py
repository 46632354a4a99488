"""Validation runs on whatever store it is handed, in memory or on disk, and leaves it as it was.

The build may hand validation the on-disk store it is about to publish (``pyoxigraph.Store(path)``)
instead of loading the dataset into memory a second time: the report must be the same, and the
store must come back holding exactly the quads it held (validation adds the ontology to the
default graph for its run only).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import validate_graph

from .conftest import ROOT
from .test_incremental import DATASET, assert_same, needs_graph

pytestmark = needs_graph


def on_disk(path: Path) -> ox.Store:
    store = ox.Store(str(path))
    store.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    return store


def in_memory() -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    return store


def quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, None))


@pytest.mark.parametrize("incremental", [False, True], ids=["whole", "incremental"])
def test_an_on_disk_store_gives_the_in_memory_report_and_is_left_as_it_was(
    tmp_path: Path, incremental: bool
) -> None:
    disk = on_disk(tmp_path / "store")
    held = quads(disk)

    def options(name: str) -> dict[str, object]:
        # a cache of its own for each run: with one shared, the second run would find the
        # first one's state and judge nothing on the store it is given
        return {"incremental": True, "cache": AgreementCache(tmp_path / name, "t")}

    memory = validate_graph(in_memory(), ROOT, **(options("memory") if incremental else {}))  # type: ignore[arg-type]
    found = validate_graph(disk, ROOT, **(options("disk") if incremental else {}))  # type: ignore[arg-type]
    assert_same(memory, found)
    assert quads(disk) == held
    assert not list(disk.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_a_quad_the_store_held_already_stays_after_validation() -> None:
    # the ontology's triples the store holds itself are not taken out with the added ones
    store = in_memory()
    label = ox.Quad(
        ox.NamedNode("https://w3id.org/digicoop/ontology#Agreement"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("agreement", language="en"),
    )
    store.add(label)
    validate_graph(store, ROOT)
    assert label in store
