"""Publishing a build: readers see one generation whole, stale staging goes, kept files stay;
what the last publication recorded is linked or copied unread, and nothing else is trusted."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from digicoop.graph_parts import cut, stitch
from digicoop.output_files import Stitched, Stored, stitched
from digicoop.publish import RecordWarning, clean_stale, publish

NAMES = ("a.ttl", "b.ttl", "dataset.trig")


def generation(number: int) -> dict[str, bytes]:
    return {name: f"{name} generation {number}\n".encode() * 200 for name in NAMES}


def read_at(directory: int, name: str) -> str:
    fd = os.open(name, os.O_RDONLY, dir_fd=directory)
    with os.fdopen(fd, encoding="utf-8") as handle:
        return handle.read()


def keep_non_graphs(name: str) -> bool:
    return not name.endswith((".ttl", ".trig"))


def test_readers_never_see_two_generations_at_once(tmp_path: Path) -> None:
    graphs = tmp_path / "graphs"
    publish(graphs, generation(0), keep_non_graphs)
    seen: set[tuple[str, ...]] = set()
    stop = threading.Event()

    def read() -> None:
        """Open the directory once, then its files relative to it: one snapshot."""
        while not stop.is_set():
            try:
                directory = os.open(graphs, os.O_RDONLY)
            except FileNotFoundError:  # would mean a moment with no directory at all
                seen.add(("missing",))
                continue
            try:
                texts = [read_at(directory, name) for name in NAMES]
            except FileNotFoundError:  # the snapshot was replaced and removed: read again
                continue
            finally:
                os.close(directory)
            seen.add(tuple(sorted({text.split()[2] for text in texts})))

    reader = threading.Thread(target=read)
    reader.start()
    for number in range(1, 40):
        publish(graphs, generation(number), keep_non_graphs)
    stop.set()
    reader.join()
    assert all(len(generations) == 1 for generations in seen), sorted(seen)[:5]
    assert ("missing",) not in seen


def test_dropped_files_go_and_files_the_build_does_not_make_stay(tmp_path: Path) -> None:
    graphs = tmp_path / "graphs"
    publish(graphs, {**generation(1), "gone.ttl": b"old agreement"}, keep_non_graphs)
    (graphs / "README.md").write_text("kept by hand")
    written = publish(graphs, generation(2), keep_non_graphs)
    assert sorted(path.name for path in graphs.iterdir()) == ["README.md", *sorted(NAMES)]
    assert (graphs / "README.md").read_text() == "kept by hand"
    assert written == [graphs / name for name in NAMES]


def test_staging_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    graphs = tmp_path / "graphs"
    publish(graphs, generation(1), keep_non_graphs)
    stale = tmp_path / ".build-graphs-killed"
    stale.mkdir()
    (stale / "a.ttl").write_text("half written")
    old_style = graphs / ".build-x1y2"  # the file-by-file publisher staged inside graphs/
    old_style.mkdir()
    publish(graphs, generation(2), keep_non_graphs)
    assert not stale.exists() and not old_style.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graphs"]


def test_a_build_killed_between_the_fallback_renames_is_repaired(tmp_path: Path) -> None:
    graphs = tmp_path / "graphs"
    publish(graphs, generation(1), keep_non_graphs)
    graphs.rename(tmp_path / ".build-graphs-abc-old")  # killed after the first rename
    removed = clean_stale(graphs)
    assert removed == [] and (graphs / "a.ttl").read_text().startswith("a.ttl generation 1")


def test_a_file_left_as_it_was_is_shared_with_the_old_directory_not_written_again(
    tmp_path: Path,
) -> None:
    graphs = tmp_path / "graphs"
    publish(graphs, generation(0), keep_non_graphs)
    before = {name: (graphs / name).stat().st_ino for name in NAMES}
    changed = {**generation(0), "b.ttl": b"b.ttl changed\n"}
    publish(graphs, changed, keep_non_graphs)
    after = {name: (graphs / name).stat().st_ino for name in NAMES}
    assert after["a.ttl"] == before["a.ttl"] and after["dataset.trig"] == before["dataset.trig"]
    assert after["b.ttl"] != before["b.ttl"]
    assert {name: (graphs / name).read_bytes() for name in NAMES} == changed


def _stored(text: bytes, fingerprint: str, reads: list[str] | None = None) -> Stored:
    """A stored file whose reads are counted in ``reads`` (None: reading it fails the test)."""

    def read() -> bytes:
        if reads is None:
            raise AssertionError(f"{fingerprint} was read")
        reads.append(fingerprint)
        return text

    return Stored(fingerprint, len(text), read)


def _plan(graphs: dict[str, tuple[bytes, str]], reads: list[str] | None) -> Stitched:
    """The dataset file of ``graphs`` (IRI → Turtle, fingerprint), each Turtle stored."""
    entries = []
    for name, (text, fingerprint) in graphs.items():
        where = cut(text)
        source = _stored(text, fingerprint, reads)
        entries.append((name, source, fingerprint, where.prefixes, where.start, where.end))
    return stitched(entries)


def _turtle(subject: str, value: str) -> bytes:
    return f'@prefix ex: <http://example.org/> .\n\nex:{subject} ex:p "{value}" .\n'.encode()


def test_a_stored_file_the_record_vouches_for_is_linked_without_being_read(
    tmp_path: Path,
) -> None:
    graphs, record = tmp_path / "graphs", tmp_path / "build" / "published.json"
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", [])}, keep_non_graphs, record)
    inode = (graphs / "a.ttl").stat().st_ino
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1")}, keep_non_graphs, record)
    assert (graphs / "a.ttl").stat().st_ino == inode
    reads: list[str] = []
    publish(graphs, {"a.ttl": _stored(b"a v2\n", "a2", reads)}, keep_non_graphs, record)
    assert reads == ["a2"] and (graphs / "a.ttl").read_bytes() == b"a v2\n"


def test_a_file_changed_since_it_was_recorded_is_written_again(tmp_path: Path) -> None:
    """Edited in place (a new modification time) or replaced (a new inode): the record
    no longer vouches for it, and the file's bytes are read and written."""
    graphs, record = tmp_path / "graphs", tmp_path / "build" / "published.json"
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", [])}, keep_non_graphs, record)
    (graphs / "a.ttl").write_bytes(b"a v9\n")  # same size, another time
    reads: list[str] = []
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", reads)}, keep_non_graphs, record)
    assert reads == ["a1"] and (graphs / "a.ttl").read_bytes() == b"a v1\n"


def test_a_record_of_a_directory_that_was_never_switched_in_vouches_for_nothing(
    tmp_path: Path,
) -> None:
    """graphs/ replaced by something else than a publication (a checkout, a copy): its
    inode is not the recorded one, and every file is read again."""
    graphs, record = tmp_path / "graphs", tmp_path / "build" / "published.json"
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", [])}, keep_non_graphs, record)
    shutil.copytree(graphs, tmp_path / "copy", copy_function=os.link)  # same files
    shutil.rmtree(graphs)
    (tmp_path / "copy").rename(graphs)
    reads: list[str] = []
    publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", reads)}, keep_non_graphs, record)
    assert reads == ["a1"]


def test_the_dataset_file_copies_the_graphs_it_recorded_and_reads_the_changed_ones(
    tmp_path: Path,
) -> None:
    graphs, record = tmp_path / "graphs", tmp_path / "build" / "published.json"
    first = {
        "http://example.org/g/a": (_turtle("a", "one"), "a1"),
        "http://example.org/g/b": (_turtle("b", "two"), "b1"),
        "http://example.org/g/c": (_turtle("c", "three"), "c1"),
    }
    publish(graphs, {"d.trig": _plan(first, [])}, keep_non_graphs, record)
    second = {
        **first,
        "http://example.org/g/b": (_turtle("b", "two, longer now"), "b2"),
        "http://example.org/g/a0": (_turtle("a0", "new"), "n1"),
    }
    reads: list[str] = []
    plan = _plan(second, reads)
    publish(graphs, {"d.trig": plan}, keep_non_graphs, record)
    assert sorted(reads) == ["b2", "n1"]
    assert (graphs / "d.trig").read_bytes() == _plan(second, []).data()
    assert (graphs / "d.trig").read_bytes() == stitch(
        (name, text, cut(text)) for name, (text, _) in second.items()
    )


def test_the_dataset_file_is_the_same_where_the_kernel_cannot_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs, record = tmp_path / "graphs", tmp_path / "build" / "published.json"
    first = {f"http://example.org/g/{n}": (_turtle(n, n * 3000), n) for n in "abc"}
    publish(graphs, {"d.trig": _plan(first, [])}, keep_non_graphs, record)
    monkeypatch.delattr(os, "copy_file_range", raising=False)
    second = {**first, "http://example.org/g/b": (_turtle("b", "changed"), "b2")}
    publish(graphs, {"d.trig": _plan(second, [])}, keep_non_graphs, record)
    assert (graphs / "d.trig").read_bytes() == _plan(second, []).data()


def test_a_record_that_cannot_be_written_is_a_warning_and_the_files_are_published(
    tmp_path: Path,
) -> None:
    graphs = tmp_path / "graphs"
    record = tmp_path / "not-a-directory" / "published.json"
    record.parent.write_text("a file where the record's directory would be")
    with pytest.warns(RecordWarning, match="published.json"):
        publish(graphs, {"a.ttl": _stored(b"a v1\n", "a1", [])}, keep_non_graphs, record)
    assert (graphs / "a.ttl").read_bytes() == b"a v1\n"
