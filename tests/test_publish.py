"""Publishing a build: readers see one generation whole, stale staging goes, kept files stay."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from digicoop.publish import clean_stale, publish

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
