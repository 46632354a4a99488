"""The on-disk store fed graph by graph to a loader process: the store its dataset file
makes, switched in only when every graph got there."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop import disk_store, pipeline
from digicoop.disk_feed import Feed
from digicoop.errors import DigicoopError
from digicoop.graph_parts import cut
from digicoop.output_files import Stitched, Stored, stitched
from digicoop.paths import Paths
from digicoop.pipeline import InvalidBuild, build
from solutions import stored_quads

PREFIX = (
    b"@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
)
GRAPHS = {
    "http://example.org/a": PREFIX + b'ex:a ex:p "1", "2" ;\n    ex:q "2024-01-01"^^xsd:date .\n',
    "http://example.org/b": PREFIX + b"ex:b ex:p ex:a .\n",
    "http://example.org/c": PREFIX + b'ex:c ex:p [ ex:q "blank" ] .\n',
    "http://example.org/d": b"<http://d> <http://p> <http://a> .\n",
    "http://example.org/empty": PREFIX,
}


def _files() -> dict[str, disk_store.GraphFile]:
    return {
        name: disk_store.GraphFile(
            text,
            hashlib.sha256(text).hexdigest(),
            len(set(ox.parse(text, format=ox.RdfFormat.TURTLE))),
        )
        for name, text in GRAPHS.items()
    }


def _plan() -> Stitched:
    graphs = []
    for name, text in GRAPHS.items():
        where = cut(text)
        graphs.append(
            (name, text, hashlib.sha256(text).hexdigest(), where.prefixes, where.start, where.end)
        )
    return stitched(graphs)


def _send(feed: Feed, name: str, source: bytes | Stored) -> None:
    where = cut(GRAPHS[name])
    feed.send(name, source, where.prefixes, where.start, where.end)


def _only_the_old_store(directory: Path) -> None:
    """The store written before (one quad) is as it was, and nothing was left beside it."""
    assert stored_quads(directory / "store")[1] == 1
    assert sorted(p.name for p in directory.iterdir()) == ["store"]


def test_a_store_fed_graph_by_graph_is_the_store_its_dataset_file_makes(tmp_path: Path) -> None:
    plan, graphs = _plan(), _files()
    trig = plan.data()
    feed = Feed(tmp_path / "fed")
    _send(feed, "http://example.org/a", GRAPHS["http://example.org/a"])  # held bytes
    text = GRAPHS["http://example.org/b"]
    _send(feed, "http://example.org/b", Stored("b", len(text), lambda: text))  # read when sent
    _send(feed, "http://example.org/empty", GRAPHS["http://example.org/empty"])
    staged = feed.finish(plan, graphs, disk_store.digest(trig))  # c and d: from the plan
    assert not staged.updated
    staged.commit()
    disk_store.stage_write(trig, tmp_path / "whole", graphs=graphs).commit()
    fed, whole = stored_quads(tmp_path / "fed"), stored_quads(tmp_path / "whole")
    assert fed == whole and fed[1] == 7
    assert json.loads((tmp_path / "fed" / "dataset.json").read_text()) == json.loads(
        (tmp_path / "whole" / "dataset.json").read_text()
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fed", "whole"]


def test_a_feed_dropped_leaves_the_old_store_and_nothing_beside_it(tmp_path: Path) -> None:
    old = b'<http://g> { <http://a> <http://p> "old" . }\n'
    disk_store.write(old, tmp_path / "store")
    early = Feed(tmp_path / "store")
    _send(early, "http://example.org/a", GRAPHS["http://example.org/a"])
    early.discard()  # the build failed before the rest was made
    plan = _plan()
    staged = Feed(tmp_path / "store").finish(plan, _files(), disk_store.digest(plan.data()))
    loader = staged.loader
    staged.discard()  # the build did not validate
    assert loader is not None and loader.poll() is not None
    _only_the_old_store(tmp_path)


def test_a_graph_the_loader_cannot_read_fails_the_commit_and_leaves_the_old_store(
    tmp_path: Path,
) -> None:
    disk_store.write(b'<http://g> { <http://a> <http://p> "old" . }\n', tmp_path / "store")
    feed = Feed(tmp_path / "store")
    feed.send("http://example.org/bad", b"ex:a ex:p", (), 0, 9)  # an undeclared prefix, cut short
    plan = _plan()
    staged = feed.finish(plan, _files(), disk_store.digest(plan.data()))
    with pytest.raises(DigicoopError, match=r"on-disk store could not be written.*SyntaxError"):
        staged.commit()
    _only_the_old_store(tmp_path)


@pytest.mark.parametrize("lenient", [False, True])
def test_a_lenient_loader_takes_an_iri_a_strict_one_refuses(tmp_path: Path, lenient: bool) -> None:
    """Leniency is asked for only beside a strict parse of the same graphs (the build's
    memory feed): the loader itself then no longer checks IRIs."""
    disk_store.write(b'<http://g> { <http://a> <http://p> "old" . }\n', tmp_path / "store")
    feed = Feed(tmp_path / "store", lenient=lenient)
    feed.send("http://example.org/odd", b"<http://a> <http://p> <http://a^b> .", (), 0, 36)
    plan = _plan()
    staged = feed.finish(plan, _files(), disk_store.digest(plan.data()))
    if not lenient:
        with pytest.raises(DigicoopError, match=r"could not be written.*Invalid IRI code point"):
            staged.commit()
        _only_the_old_store(tmp_path)
        return
    staged.commit()
    assert stored_quads(tmp_path / "store")[1] == 8  # the dataset's 7, and the odd one


def test_a_graph_that_cannot_be_read_to_be_sent_is_never_missing_from_a_store_switched_in(
    tmp_path: Path,
) -> None:
    """The loader would otherwise see the end of its input early and make a store without it."""
    disk_store.write(b'<http://g> { <http://a> <http://p> "old" . }\n', tmp_path / "store")

    def gone() -> bytes:
        raise OSError("the cache entry has gone")

    feed = Feed(tmp_path / "store")
    _send(feed, "http://example.org/a", Stored("a", 10, gone))
    plan = _plan()
    staged = feed.finish(plan, _files(), disk_store.digest(plan.data()))
    with pytest.raises(
        DigicoopError, match=r"could not be sent: OSError: the cache entry has gone"
    ):
        staged.commit()
    _only_the_old_store(tmp_path)


def test_a_child_forked_while_the_feed_writes_does_not_keep_the_loader_waiting(
    tmp_path: Path,
) -> None:
    """Validation forks its workers while the loader may still be reading: a child holding
    the pipe's write end open would keep the loader from ever seeing the end of its input."""
    feed = Feed(tmp_path / "store")
    _send(feed, "http://example.org/a", GRAPHS["http://example.org/a"])
    release, hold = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child waits until the parent is done
        os.read(release, 1)
        os._exit(0)
    try:
        plan = _plan()
        staged = feed.finish(plan, _files(), disk_store.digest(plan.data()))
        assert staged.loader is not None
        try:
            staged.loader.wait(timeout=120)  # a guard against a hang, not a measure of speed
        except subprocess.TimeoutExpired:
            pytest.fail("the loader waited for the forked child's copy of its pipe")
        staged.commit()
    finally:
        os.write(hold, b"x")
        os.waitpid(child, 0)
    assert stored_quads(tmp_path / "store")[1] == 7


@pytest.mark.parametrize("validate", [True, False])
def test_a_cold_build_loads_its_store_leniently_only_beside_validations_strict_load(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch, validate: bool
) -> None:
    asked: list[bool] = []

    class Recorded(Feed):
        def __init__(self, target: Path, lenient: bool = False) -> None:
            asked.append(lenient)
            super().__init__(target, lenient)

    monkeypatch.setattr(pipeline, "Feed", Recorded)
    build(Paths(scratch_project), disk_store=True, validate=validate)
    assert asked == [validate]


def test_a_cold_build_feeds_its_store_the_graphs_its_dataset_file_holds(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written whole, the store is fed graph by graph (never loaded from the file) and holds
    what loading the published file would; a failed build's feed leaves nothing behind."""

    def from_the_file(*args: object, **kwargs: object) -> None:
        raise AssertionError("the store was loaded from the dataset file")

    paths = Paths(scratch_project)
    with monkeypatch.context() as patched:
        patched.setattr(disk_store, "stage_write", from_the_file)
        build(paths, disk_store=True, jobs=2)
    disk_store.write((paths.graphs / "digicoop.trig").read_bytes(), scratch_project / "whole")
    assert stored_quads(paths.disk_store) == stored_quads(scratch_project / "whole")
    shutil.rmtree(paths.disk_store)
    written = {p.name: p.read_bytes() for p in paths.graphs.iterdir()}

    def fails(*args: object, **kwargs: object) -> None:
        raise InvalidBuild("the built graph does not validate")

    monkeypatch.setattr(pipeline, "_validate", fails)
    with pytest.raises(InvalidBuild):
        build(paths, disk_store=True)
    assert {p.name: p.read_bytes() for p in paths.graphs.iterdir()} == written
    assert not paths.disk_store.exists()
    assert sorted(p.name for p in paths.disk_store.parent.iterdir()) == [
        "cache", "published.json", "validation"
    ]  # fmt: skip
