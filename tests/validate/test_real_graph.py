"""The committed graph conforms (Warnings allowed), quotes included."""

from __future__ import annotations

import pytest

from digicoop.validate import validate_dataset
from digicoop.validate.load import load
from digicoop.validate.report import render

from .conftest import ROOT

DATASET = ROOT / "graphs" / "digicoop.trig"


@pytest.mark.slow
@pytest.mark.skipif(not DATASET.exists(), reason="graphs/digicoop.trig not built yet")
def test_committed_graph_conforms() -> None:
    result = validate_dataset(load([DATASET]), ROOT)
    assert result.conforms, render(result, "text")
