"""``digicoop build --jobs N`` writes the same bytes as a one-process build."""

from __future__ import annotations

from pathlib import Path

from bench.synth import generate

from digicoop.paths import Paths
from digicoop.pipeline import compile_graphs, serialise


def test_parallel_build_is_byte_identical(tmp_path: Path) -> None:
    root = tmp_path / "n5"
    generate(5, seed=2, out=root)
    one = serialise(compile_graphs(Paths(root), jobs=1), jobs=1)
    two = serialise(compile_graphs(Paths(root), jobs=2), jobs=2)
    assert one.keys() == two.keys()
    assert all(one[name] == two[name] for name in one)
