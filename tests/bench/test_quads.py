"""The quads bench counts what docs/MODEL.md says evidence is made of."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import quads

ROOT = Path(__file__).parents[2]
GOOD = ROOT / "tests" / "fixtures" / "shapes" / "good.trig"


def test_the_shape_fixture_has_seven_quads_per_evidence_node_and_nine_per_span() -> None:
    """The fixture (read, not run): one agreement, 22 facts with evidence, each quoting a span
    of its own, none derived."""
    counts = quads.count(GOOD)
    assert (counts.agreements, counts.evidence, counts.targets) == (1, 22, 22)
    assert counts.evidence_quads == 22 * 7 + 22 * 9
    assert counts.evidence_quads < counts.quads


def test_a_missing_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert quads.main([str(ROOT / "no-such.trig")]) == 2
    assert capsys.readouterr().err.strip() == f"bench.quads: {ROOT / 'no-such.trig'}: no such file"
