"""Every module's ``>>>`` examples run and hold (house style: "a test runs the examples"), so
an example in a docstring cannot go stale while the code beside it changes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import digicoop


def _modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(digicoop.__path__, prefix="digicoop.")
        if not info.name.endswith("__main__")
    )


@pytest.mark.parametrize("name", _modules())
def test_the_examples_of(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed"


def test_examples_exist_to_be_run() -> None:
    """The walk finds the modules (a wrong path would make every test above vacuous)."""
    finder = doctest.DocTestFinder()
    with_examples = [
        name
        for name in _modules()
        if any(test.examples for test in finder.find(importlib.import_module(name)))
    ]
    assert len(with_examples) >= 30
