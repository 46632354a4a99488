"""The on-disk store: written whole by the build, opened read-only by each worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop import disk_store
from digicoop.errors import DigicoopError
from digicoop.store import DataSource, Formats, GraphStore, LoadError

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
