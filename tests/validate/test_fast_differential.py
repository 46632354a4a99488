"""The fast engine against pySHACL, the reference: identical findings, case by case.

Run on the committed graph and on every mutation case of tests/fixtures/shapes/cases.toml
(each breaks the conforming fixture one way). Findings are compared as sets of
(shape, focus, path, value, severity) and, separately, with their messages. Known
differences would be listed here with ``xfail(reason=...)``; there are none.
"""

from __future__ import annotations

import tomllib

import pytest
from rdflib import Graph

from digicoop.validate import Finding, validate_graph
from digicoop.validate.load import load

from .conftest import FIXTURES, ROOT, broken

CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]
DATASET = ROOT / "graphs" / "digicoop.trig"

Key = tuple[str, str, str | None, str | None, str]


def keys(findings: list[Finding]) -> set[Key]:
    return {(f.shape, f.focus, f.path, f.value, f.severity) for f in findings}


def messages(findings: list[Finding]) -> set[tuple[Key, str]]:
    return {((f.shape, f.focus, f.path, f.value, f.severity), f.message) for f in findings}


def assert_same(data: Graph) -> None:
    fast = validate_graph(data, ROOT, engine="fast")
    reference = validate_graph(data, ROOT, engine="pyshacl")
    assert keys(fast.findings) == keys(reference.findings)
    assert messages(fast.findings) == messages(reference.findings)
    assert {f.quote for f in fast.findings} == {f.quote for f in reference.findings}
    assert fast.conforms == reference.conforms


def test_fixture(good_graph: Graph) -> None:
    assert_same(good_graph)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(good_graph: Graph, case: dict) -> None:
    assert_same(broken(good_graph, case["update"]))


@pytest.mark.slow
@pytest.mark.skipif(not DATASET.exists(), reason="graphs/digicoop.trig not built yet")
def test_committed_graph() -> None:
    assert_same(load([DATASET]))  # type: ignore[arg-type]
