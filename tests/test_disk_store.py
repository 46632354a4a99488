"""The on-disk store: written by the build (whole, or only the graphs that changed), opened
read-only by each worker."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from digicoop import disk_store, pipeline
from digicoop.errors import DigicoopError
from digicoop.memory_feed import MemoryFeed
from digicoop.output_files import Stitched
from digicoop.paths import Paths
from digicoop.pipeline import build
from digicoop.store import DataSource, Formats, GraphStore, LoadError
from solutions import stored_quads

TRIG = b'<http://g> { <http://a> <http://p> "x", "y" . }\n'


def test_a_store_holds_the_dataset_and_records_its_digest(tmp_path: Path) -> None:
    target = tmp_path / "store"
    disk_store.write(TRIG, target)
    (tmp_path / "data.trig").write_bytes(TRIG)
    assert disk_store.is_fresh(target, tmp_path / "data.trig")
    (tmp_path / "data.trig").write_bytes(TRIG + b"<http://g2> { <http://a> <http://p> 1 . }\n")
    assert not disk_store.is_fresh(target, tmp_path / "data.trig")
    served = GraphStore.load([DataSource(target)])
    assert len(served) == 2 and served.graph_names() == ["http://g"]
    out = served.run("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", Formats.default())
    assert b'"value":"2"' in out.body


def test_a_store_written_from_a_file_is_the_store_written_from_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "data.trig").write_bytes(TRIG)
    disk_store.write_file(tmp_path / "data.trig", tmp_path / "from-file")
    disk_store.write(TRIG, tmp_path / "from-bytes")
    assert disk_store.info(tmp_path / "from-file") == disk_store.info(tmp_path / "from-bytes")
    assert disk_store.is_fresh(tmp_path / "from-file", tmp_path / "data.trig")
    served = GraphStore.load([DataSource(tmp_path / "from-file")])
    assert len(served) == 2 and served.graph_names() == ["http://g"]


def test_rewriting_replaces_the_store_whole_and_leaves_no_staging(tmp_path: Path) -> None:
    target = tmp_path / "store"
    disk_store.write(TRIG, target)
    disk_store.write(b'<http://h> { <http://a> <http://p> "z" . }\n', target)
    assert GraphStore.load([DataSource(target)]).graph_names() == ["http://h"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_two_readers_share_one_store(tmp_path: Path) -> None:
    target = tmp_path / "store"
    disk_store.write(TRIG, target)
    first, second = GraphStore.load([DataSource(target)]), GraphStore.load([DataSource(target)])
    assert len(first) == len(second) == 2


def test_a_store_is_served_alone_and_a_directory_that_is_not_one_is_refused(
    tmp_path: Path,
) -> None:
    target = tmp_path / "store"
    disk_store.write(TRIG, target)
    (tmp_path / "more.ttl").write_text("<http://a> <http://p> <http://b> .\n")
    with pytest.raises(LoadError, match="served alone"):
        GraphStore.load([DataSource(target), DataSource(tmp_path / "more.ttl")])
    with pytest.raises(DigicoopError, match="not an on-disk store"):
        disk_store.open_read_only(tmp_path)


def _graphs(**turtle: str) -> dict[str, disk_store.GraphFile]:
    """Named graphs ``http://example.org/{name}`` from Turtle, fingerprinted by their text."""
    found = {}
    for name, text in turtle.items():
        data = text.encode()
        triples = len(set(ox.parse(data, format=ox.RdfFormat.TURTLE)))
        found[f"http://example.org/{name}"] = disk_store.GraphFile(data, text, triples)
    return found


def _trig(graphs: dict[str, disk_store.GraphFile]) -> bytes:
    return b"".join(b"<%s> {\n%s\n}\n" % (n.encode(), g.turtle) for n, g in sorted(graphs.items()))


FIRST = {
    "a": '<http://a> <http://p> "1", "2" .',
    "b": "<http://b> <http://p> <http://a> .",
    "c": '<http://c> <http://p> [ <http://q> "blank" ] .',
}


def test_an_update_holds_what_writing_the_same_dataset_whole_holds(tmp_path: Path) -> None:
    before = _graphs(**FIRST)
    disk_store.write(_trig(before), tmp_path / "updated", graphs=before)
    after = _graphs(
        a='<http://a> <http://p> "1", "3" .',  # one triple kept, one removed, one added
        b=FIRST["b"],
        c='<http://c> <http://p> [ <http://q> "other" ] .',  # blank nodes: replaced whole
        d="<http://d> <http://p> <http://a> .",  # new
    )
    assert disk_store.update(_trig(after), after, tmp_path / "updated")
    disk_store.write(_trig(after), tmp_path / "whole")
    assert stored_quads(tmp_path / "updated") == stored_quads(tmp_path / "whole")
    (tmp_path / "data.trig").write_bytes(_trig(after))
    assert disk_store.is_fresh(tmp_path / "updated", tmp_path / "data.trig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.trig", "updated", "whole"]


def test_a_graph_the_dataset_no_longer_has_leaves_the_store(tmp_path: Path) -> None:
    before = _graphs(**FIRST)
    disk_store.write(_trig(before), tmp_path / "store", graphs=before)
    after = _graphs(a=FIRST["a"])
    disk_store.update(_trig(after), after, tmp_path / "store")
    assert GraphStore.load([DataSource(tmp_path / "store")]).graph_names() == [
        "http://example.org/a"
    ]


def test_an_update_leaves_the_store_it_started_from_as_it_was(tmp_path: Path) -> None:
    """A reader of the old store (a serving worker) keeps its data: the new store is a copy."""
    before = _graphs(**FIRST)
    disk_store.write(_trig(before), tmp_path / "store", graphs=before)
    reader, _ = disk_store.open_read_only(tmp_path / "store")
    held = len(reader)
    after = _graphs(a=FIRST["a"])
    disk_store.update(_trig(after), after, tmp_path / "store")
    assert len(reader) == held
    assert len(disk_store.open_read_only(tmp_path / "store")[0]) == 2


def test_a_store_without_a_record_of_its_graphs_is_written_whole(tmp_path: Path) -> None:
    disk_store.write(TRIG, tmp_path / "store")  # written from a file: no graphs recorded
    graphs = _graphs(**FIRST)
    assert not disk_store.update(_trig(graphs), graphs, tmp_path / "store")
    assert not disk_store.update(_trig(graphs), graphs, tmp_path / "none-yet")
    assert stored_quads(tmp_path / "store") == stored_quads(tmp_path / "none-yet")


def test_deletions_past_a_quarter_of_the_store_are_compacted_away(tmp_path: Path) -> None:
    target = tmp_path / "store"
    graphs = _graphs(**FIRST)  # 5 quads
    disk_store.write(_trig(graphs), target, graphs=graphs)
    for kept, churn in ((("a", "c"), 1), (("a",), 0)):  # 1 of 4 deleted: kept; then 3 of 2
        graphs = _graphs(**{name: FIRST[name] for name in kept})
        disk_store.update(_trig(graphs), graphs, target)
        assert json.loads((target / "dataset.json").read_text())["churn"] == churn


def test_the_build_updates_the_store_it_wrote_to_the_dataset_it_writes(
    scratch_project: Path,
) -> None:
    paths = Paths(scratch_project)
    build(paths, validate=False, disk_store=True)
    manifest = paths.corpus / "manifest.toml"
    kept = manifest.read_text(encoding="utf-8").split("\n[[agreement]]")[:-1]
    manifest.write_text("\n[[agreement]]".join(kept) + "\n", encoding="utf-8")
    build(paths, validate=False, disk_store=True)
    assert disk_store.is_fresh(paths.disk_store, paths.graphs / "digicoop.trig")
    disk_store.write((paths.graphs / "digicoop.trig").read_bytes(), scratch_project / "whole")
    assert stored_quads(paths.disk_store) == stored_quads(scratch_project / "whole")


def test_a_store_that_holds_the_dataset_already_is_left_as_it_is(tmp_path: Path) -> None:
    graphs = _graphs(**FIRST)
    disk_store.write(_trig(graphs), tmp_path / "store", graphs=graphs)
    written = (tmp_path / "store" / "dataset.json").stat().st_ino
    assert disk_store.update(_trig(graphs), graphs, tmp_path / "store")
    assert (tmp_path / "store" / "dataset.json").stat().st_ino == written


def _diffable(**turtle: str) -> dict[str, disk_store.GraphFile]:
    return {
        name: disk_store.GraphFile(graph.turtle, graph.fingerprint, graph.triples, diffable=True)
        for name, graph in _graphs(**turtle).items()
    }


CANONICAL = {
    "links": "<http://a> <http://p> <http://b> .\n\n<http://c> <http://p> <http://d> .",
    "other": "<http://e> <http://p> " + ", ".join(f'"{n}"' for n in range(8)) + " .",
}


def test_a_graph_that_changes_in_part_is_updated_by_its_blocks_of_text(tmp_path: Path) -> None:
    before = _diffable(**CANONICAL)
    disk_store.write(_trig(before), tmp_path / "updated", graphs=before)
    after = _diffable(
        links="<http://a> <http://p> <http://b> .\n\n<http://c> <http://p> <http://f> .",
        other=CANONICAL["other"],
    )
    disk_store.update(_trig(after), after, tmp_path / "updated")
    disk_store.write(_trig(after), tmp_path / "whole")
    assert stored_quads(tmp_path / "updated") == stored_quads(tmp_path / "whole")
    record = json.loads((tmp_path / "updated" / "dataset.json").read_text())
    assert record["churn"] == 1, "one triple removed: the block of <http://c> (no compaction)"


def test_an_update_records_what_it_did_to_each_graph_it_changed(tmp_path: Path) -> None:
    # validation reads the difference from here instead of dumping the graphs (since: the
    # fingerprint the graph had in the store the update started from)
    before = {**_diffable(**CANONICAL), **_graphs(gone="<http://g> <http://p> <http://a> .")}
    disk_store.write(_trig(before), tmp_path / "store", graphs=before)
    after = {
        **_diffable(
            links="<http://a> <http://p> <http://b> .\n\n<http://c> <http://p> <http://f> .",
            other=CANONICAL["other"],
        ),
        **_graphs(new="<http://n> <http://p> <http://a> ."),
    }
    staged = disk_store.stage_update(_trig(after), after, tmp_path / "store")
    try:
        delta = staged.delta
        assert delta is not None and sorted(delta) == sorted(staged.changed)
        n, p = ox.NamedNode, ox.NamedNode("http://p")
        links, gone, new = (f"http://example.org/{name}" for name in ("links", "gone", "new"))
        assert delta[links] == disk_store.Change(
            before[links].fingerprint,
            frozenset({ox.Quad(n("http://c"), p, n("http://d"), n(links))}),
            frozenset({ox.Quad(n("http://c"), p, n("http://f"), n(links))}),
        )
        assert delta[gone].since == before[gone].fingerprint and not delta[gone].added
        assert {q.subject for q in delta[gone].removed} == {n("http://g")}
        assert delta[new].since is None and not delta[new].removed
        assert {q.subject for q in delta[new].added} == {n("http://n")}
    finally:
        staged.discard()
    written = disk_store.stage_write(_trig(after), tmp_path / "whole", graphs=after)
    assert written.delta is None, "written whole: no difference known"
    written.discard()


def test_a_kept_text_that_was_cut_short_is_not_trusted(tmp_path: Path) -> None:
    before = _diffable(**CANONICAL)
    disk_store.write(_trig(before), tmp_path / "store", graphs=before)
    for kept in (tmp_path / "store" / "turtle").iterdir():
        kept.write_bytes(kept.read_bytes()[:20])  # as a crash mid-write would leave it
    after = _diffable(links="<http://a> <http://p> <http://g> .", other=CANONICAL["other"])
    disk_store.update(_trig(after), after, tmp_path / "store")
    disk_store.write(_trig(after), tmp_path / "whole")
    assert stored_quads(tmp_path / "store") == stored_quads(tmp_path / "whole")


def test_a_staged_store_is_in_place_only_once_committed(tmp_path: Path) -> None:
    """The build stages the new store, validates, then commits; until then (and for good
    after a discard) the old store is what a reader opens, and nothing is left beside it."""
    before = _graphs(**FIRST)
    disk_store.write(_trig(before), tmp_path / "store", graphs=before)
    after = _graphs(a=FIRST["a"], b=FIRST["b"])
    for background in (False, True):
        staged = disk_store.stage_update(_trig(after), after, tmp_path / "store")
        assert staged.updated and staged.changed == ["http://example.org/c"]
        assert len(staged.readable()) == 3  # the new store, open for validation
        assert stored_quads(tmp_path / "store")[1] == 5
        staged.discard()
        assert stored_quads(tmp_path / "store")[1] == 5
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
        whole = disk_store.stage_write(_trig(after), tmp_path / "store", background=background)
        assert not whole.updated
        whole.discard()
        assert stored_quads(tmp_path / "store")[1] == 5
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    staged = disk_store.stage_update(_trig(after), after, tmp_path / "store")
    staged.commit()
    staged.discard()  # after a commit: nothing to drop
    assert stored_quads(tmp_path / "store")[1] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_store_written_in_the_background_is_the_store_written_here(tmp_path: Path) -> None:
    graphs = _graphs(**FIRST)
    staged = disk_store.stage_write(
        _trig(graphs), tmp_path / "apart", graphs=graphs, background=True
    )
    staged.commit()
    disk_store.write(_trig(graphs), tmp_path / "here", graphs=graphs)
    assert stored_quads(tmp_path / "apart") == stored_quads(tmp_path / "here")
    assert json.loads((tmp_path / "apart" / "dataset.json").read_text()) == json.loads(
        (tmp_path / "here" / "dataset.json").read_text()
    )


def test_a_store_the_background_cannot_write_is_one_error_and_leaves_the_old(
    tmp_path: Path,
) -> None:
    disk_store.write(TRIG, tmp_path / "store")
    staged = disk_store.stage_write(b"<http://g> { not trig", tmp_path / "store", background=True)
    with pytest.raises(DigicoopError, match=r"on-disk store could not be written.*SyntaxError"):
        staged.commit()
    assert stored_quads(tmp_path / "store")[1] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_store_holding_the_dataset_already_is_read_from_a_copy(tmp_path: Path) -> None:
    """Nothing to stage, but validation still needs a store it may add to: a copy, dropped
    by the commit, the store in place untouched."""
    graphs = _graphs(**FIRST)
    disk_store.write(_trig(graphs), tmp_path / "store", graphs=graphs)
    written = (tmp_path / "store" / "dataset.json").stat().st_ino
    staged = disk_store.stage_update(_trig(graphs), graphs, tmp_path / "store")
    assert staged.updated and staged.changed == []
    copy = staged.readable()
    copy.add(ox.Quad(ox.NamedNode("http://x"), ox.NamedNode("http://p"), ox.Literal("added")))
    del copy
    staged.commit()
    assert (tmp_path / "store" / "dataset.json").stat().st_ino == written
    assert stored_quads(tmp_path / "store")[1] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def _drop_last_agreement(paths: Paths) -> None:
    manifest = paths.corpus / "manifest.toml"
    kept = manifest.read_text(encoding="utf-8").split("\n[[agreement]]")[:-1]
    manifest.write_text("\n[[agreement]]".join(kept) + "\n", encoding="utf-8")


def test_a_build_that_changes_few_graphs_validates_the_updated_store_not_memory(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one agreement is added or removed the build validates the on-disk store it
    updated (never loading the dataset into memory), then switches in exactly the dataset:
    what validation added to the store (the vocabulary, in its default graph) is gone."""
    paths = Paths(scratch_project)
    build(paths, disk_store=True)  # written whole (in the background), validated in memory
    _drop_last_agreement(paths)

    def no_memory(self: pipeline.BuildResult) -> ox.Store:
        raise AssertionError("the dataset was loaded into memory")

    monkeypatch.setattr(pipeline.BuildResult, "store", no_memory)
    build(paths, disk_store=True, jobs=2)  # the checks' queries in forked processes
    disk_store.write((paths.graphs / "digicoop.trig").read_bytes(), scratch_project / "whole")
    assert stored_quads(paths.disk_store) == stored_quads(scratch_project / "whole")
    store, _ = disk_store.open_read_only(paths.disk_store)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert sorted(p.name for p in paths.disk_store.parent.iterdir()) == [
        "cache", "oxigraph", "published.json", "validation"
    ]  # fmt: skip


@pytest.mark.parametrize("first_store", [True, False], ids=["updated", "written-whole"])
def test_an_invalid_build_leaves_the_store_as_it_was(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch, first_store: bool
) -> None:
    """Staged, validated, refused: graphs/ and the on-disk store as they were, nothing left
    beside them, whether the store was being updated or written whole."""
    paths = Paths(scratch_project)
    build(paths, validate=False, disk_store=first_store)
    store_before = stored_quads(paths.disk_store) if first_store else None
    graphs_before = {p.name: p.read_bytes() for p in paths.graphs.iterdir()}
    _drop_last_agreement(paths)
    seen: list[ox.Store] = []

    def reject(store: ox.Store, *rest: object, **options: object) -> None:
        seen.append(store)
        raise pipeline.InvalidBuild("a Violation")

    monkeypatch.setattr(pipeline, "_validate", reject)
    with pytest.raises(pipeline.InvalidBuild):
        build(paths, disk_store=True)
    assert seen, "the build validated"
    assert {p.name: p.read_bytes() for p in paths.graphs.iterdir()} == graphs_before
    if first_store:
        assert stored_quads(paths.disk_store) == store_before
    else:
        assert not paths.disk_store.exists()
    leftovers = [p.name for p in paths.disk_store.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_without_a_last_validations_state_the_build_validates_in_memory(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No state to start from: every agreement is judged, which memory does faster than
    RocksDB; the store is updated all the same."""
    paths = Paths(scratch_project)
    build(paths, disk_store=True)
    shutil.rmtree(scratch_project / "build" / "validation")
    _drop_last_agreement(paths)
    loaded: list[int] = []
    fed = MemoryFeed.finish  # loaded while the build made the rest (digicoop.memory_feed)

    def counted(self: MemoryFeed, plan: Stitched) -> ox.Store:
        loaded.append(1)
        return fed(self, plan)

    monkeypatch.setattr(MemoryFeed, "finish", counted)
    build(paths, disk_store=True)
    assert loaded == [1]
    disk_store.write((paths.graphs / "digicoop.trig").read_bytes(), scratch_project / "whole")
    assert stored_quads(paths.disk_store) == stored_quads(scratch_project / "whole")
