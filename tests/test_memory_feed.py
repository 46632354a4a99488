"""The dataset loaded into memory graph by graph while the build makes the rest: the store
its dataset file makes, what a cold build validates."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop import pipeline
from digicoop.graph_parts import cut
from digicoop.memory_feed import MemoryFeed
from digicoop.output_files import Stitched, Stored, stitched
from digicoop.paths import Paths
from digicoop.pipeline import build
from solutions import named_only

PREFIX = b"@prefix ex: <http://example.org/> .\n\n"
GRAPHS = {
    "http://example.org/a": PREFIX + b'ex:a ex:p "1", "2" .\n',
    "http://example.org/b": PREFIX + b"ex:b ex:p [ ex:q ex:a ] .\n",
    "http://example.org/c": b"<http://c> <http://p> <http://a> .\n",
    "http://example.org/empty": PREFIX,
}


def _plan(graphs: dict[str, bytes]) -> Stitched:
    found = []
    for name, text in graphs.items():
        where = cut(text)
        found.append((name, text, name, where.prefixes, where.start, where.end))
    return stitched(found)


def test_a_store_fed_graph_by_graph_holds_what_its_dataset_file_holds() -> None:
    plan = _plan(GRAPHS)
    feed = MemoryFeed()
    where = cut(GRAPHS["http://example.org/a"])
    feed.send(
        "http://example.org/a",
        GRAPHS["http://example.org/a"],
        where.prefixes,
        where.start,
        where.end,
    )
    text = GRAPHS["http://example.org/b"]
    where = cut(text)
    feed.send(
        "http://example.org/b",
        Stored("b", len(text), lambda: text),
        where.prefixes,
        where.start,
        where.end,
    )
    store = feed.finish(plan)  # c: from the plan
    expected = ox.Store()
    expected.load(plan.data(), format=ox.RdfFormat.TRIG)
    assert len(store) == len(expected) == 5
    assert named_only(store) == named_only(expected)


def test_a_graph_the_parser_refuses_is_raised_by_finish_and_a_discard_never_waits_on_it() -> None:
    feed = MemoryFeed()
    feed.send("http://example.org/bad", b"ex:a ex:p", (), 0, 9)  # an undeclared prefix
    with pytest.raises(SyntaxError):
        feed.finish(_plan({}))
    dropped = MemoryFeed()
    dropped.send("http://example.org/bad", b"ex:a ex:p", (), 0, 9)
    dropped.discard()
    dropped.discard()  # nothing more to stop


def test_a_cold_build_validates_the_store_loaded_while_it_made_the_rest(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_the_file(self: pipeline.BuildResult) -> ox.Store:
        raise AssertionError("the dataset file was loaded into memory after it was written")

    validated: list[ox.Store] = []
    validate = pipeline._validate

    def kept(store: ox.Store, *args: object, **kwargs: object) -> None:
        validated.append(store)
        validate(store, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.BuildResult, "store", from_the_file)
    monkeypatch.setattr(pipeline, "_validate", kept)
    paths = Paths(scratch_project)
    build(paths, jobs=2)
    expected = ox.Store()
    expected.load(path=paths.graphs / "digicoop.trig", format=ox.RdfFormat.TRIG)
    assert len(validated) == 1  # validation leaves the store it is handed as it was
    assert len(validated[0]) == len(expected)
    assert named_only(validated[0]) == named_only(expected)
