"""Validation over several processes writes the report one process writes.

The checks' queries and the quote check run in forked workers
(:mod:`digicoop.validate.fast.parallel`); the caller writes the report from their answers in
the checks' order. Whatever the number of processes: the same findings in the same order,
the same ``sh:conforms`` and an isomorphic W3C report, for the whole dataset and agreement
by agreement, on a dataset with Violations of SHACL shapes and of the quote check.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from digicoop.agreement_cache import AgreementCache
from digicoop.validate import ValidationResult, validate_graph
from digicoop.validate.fast.parallel import forked_map

from .conftest import ROOT
from .test_incremental import BREAK, committed, needs_graph


def broken() -> ox.Store:
    store = committed()
    store.update(BREAK)  # two provisions share an eId; one quote is not the source's words
    return store


def assert_same(one: ValidationResult, other: ValidationResult) -> None:
    assert other.findings == one.findings
    assert other.conforms == one.conforms
    assert isomorphic(other.report_graph, one.report_graph)


@pytest.fixture(scope="module")
def serial() -> ValidationResult:
    return validate_graph(broken(), ROOT)


@needs_graph
@pytest.mark.parametrize("jobs", [2, 3])
def test_the_whole_dataset_in_several_processes(serial: ValidationResult, jobs: int) -> None:
    shapes = {f.shape.rsplit("#", 1)[-1] for f in serial.violations}
    assert {"EvidenceQuote", "Agreement-uniqueEId"} <= shapes  # SHACL and the quote check
    assert_same(serial, validate_graph(broken(), ROOT, jobs=jobs))


@needs_graph
def test_agreement_by_agreement_in_several_processes(
    serial: ValidationResult, tmp_path: Path
) -> None:
    cache = AgreementCache(tmp_path, "test")
    cold = validate_graph(broken(), ROOT, incremental=True, cache=cache, jobs=2)
    assert_same(serial, cold)
    warm = validate_graph(broken(), ROOT, incremental=True, cache=cache, jobs=2)
    assert_same(serial, warm)
    assert warm.judged == []


def test_answers_come_back_in_the_order_asked() -> None:
    assert list(forked_map(lambda i: i * i, 7, 3)) == [i * i for i in range(7)]
    assert list(forked_map(lambda i: -i, 3, 1)) == [0, -1, -2]


def test_a_worker_error_is_raised_in_the_caller() -> None:
    def fails(index: int) -> int:
        if index == 2:
            raise ValueError("task 2")
        return index

    with pytest.raises(ValueError, match="task 2"):
        list(forked_map(fails, 4, 2))
