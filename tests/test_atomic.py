"""Whole-file writes: the target holds the old bytes or the new ones, never a part, and the
new file is as readable as one written with ``open``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digicoop.atomic import write_atomically


def test_a_replaced_file_holds_the_new_bytes_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_the_file_gets_the_permissions_of_an_ordinary_write(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.txt", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_the_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "manifest.toml"
    target.write_bytes(b"old")

    def refuse(source: str, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.toml"]
