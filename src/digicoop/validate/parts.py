"""One part of an incremental validation's results (an agreement's, or no agreement's), kept
from run to run, and the report merged from them.

Why: after one agreement is added to 500, the results of the 499 others are kept; merging
them into one W3C report graph (rdflib, some 20,000 triples) and reading the findings back
out of it cost about half a second of every run, and unpickling the parts' rdflib terms from
the state another 0.15 s, although the build reads the findings only. So a part keeps its
findings (:func:`findings_of` of its own results, worked out once when it is judged), and
its rdflib triples as pickled bytes, unpickled only when something reads them (the report
graph, asked for by ``--format turtle`` or the endpoint, merged then: :func:`merge`).

A finding is read from its result's own triples, the shapes, and the quotes of its focus
node, which are in the part that holds the result: so a part's findings are those the whole
report gives for its results (tests/validate/test_parts.py; the incremental tests hold the
findings equal to the whole run's). A source problem is one finding however many parts
name it, as one run reports it once.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from digicoop.validate import evidence as source_check
from digicoop.validate.evidence import SourceProblem
from digicoop.validate.findings import findings_of
from digicoop.validate.result import Finding

Triple = tuple[Node, Node, Node]
_Payload = tuple[list[Node], list[Triple], dict[Node, list[Triple]], list[Triple]]


class Part:
    """What one run found for one part (a cache entry): its results' triples, the copies of
    the shapes' blank nodes they name, the quotes of their focus nodes, its source problems,
    and (once :meth:`settle` has run) the findings of each (module doc).

    ``results``: the result nodes, in the order the run wrote them; ``triples``: their own
    triples; ``clones``: each shape, path or constraint blank node the results name, with
    the triples of its copy in the report (a run copies each once, its inner blank nodes
    with new labels); ``quotes``: the quotes' triples; ``problems``: the source problems."""

    def __init__(
        self,
        results: list[Node],
        triples: list[Triple],
        clones: dict[Node, list[Triple]],
        quotes: list[Triple],
        problems: list[SourceProblem],
    ) -> None:
        self._data: _Payload | None = (results, triples, clones, quotes)
        self._payload: bytes | None = None
        self.problems = problems
        self.findings: tuple[Finding, ...] | None = None  # of ``results`` (in no order)
        self.problem_findings: tuple[Finding, ...] | None = None  # of ``problems``

    def _decoded(self) -> _Payload:
        if self._data is None:
            assert self._payload is not None
            self._data = pickle.loads(self._payload)
        return self._data

    @property
    def results(self) -> list[Node]:
        return self._decoded()[0]

    @property
    def triples(self) -> list[Triple]:
        return self._decoded()[1]

    @property
    def clones(self) -> dict[Node, list[Triple]]:
        return self._decoded()[2]

    @property
    def quotes(self) -> list[Triple]:
        return self._decoded()[3]

    def settle(self, shapes: Graph) -> None:
        """Work out the findings of its results and problems, if not yet (module doc)."""
        if self.findings is not None and self.problem_findings is not None:
            return
        report, quotes = Graph(), Graph()
        _fill(report, quotes, [self])
        self.findings = tuple(findings_of(report, shapes, quotes))  # merge sorts them
        problems = []
        for problem in self.problems:
            alone = Graph()
            source_check.add_to_report(alone, [problem])
            problems += findings_of(alone, shapes, quotes)
        self.problem_findings = tuple(problems)

    def __getstate__(self) -> dict[str, Any]:
        if self._data is not None:  # decoded (perhaps added to): pickled again
            self._payload = pickle.dumps(self._data, protocol=pickle.HIGHEST_PROTOCOL)
        return {
            "payload": self._payload,
            "problems": self.problems,
            "findings": self.findings,
            "problem_findings": self.problem_findings,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._data, self._payload = None, state["payload"]
        self.problems = state["problems"]
        self.findings, self.problem_findings = state["findings"], state["problem_findings"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Part):
            return NotImplemented
        return self._decoded() == other._decoded() and self.problems == other.problems

    __hash__ = None  # type: ignore[assignment]


@dataclass
class Merged:
    """The findings of some parts, sorted, and their report, merged when first asked for."""

    findings: list[Finding]
    _report: Callable[[], Graph]
    _made: Graph | None = None

    def report(self) -> Graph:
        """The W3C report, as one run writes it."""
        if self._made is None:
            self._made = self._report()
        return self._made


def merge(parts: list[Part], shapes: Graph) -> Merged:
    """The parts' findings (each part settled first), and their report on demand."""
    findings: list[Finding] = []
    problems: dict[SourceProblem, Finding] = {}  # a source problem once, as one run has it
    for part in parts:
        part.settle(shapes)
        assert part.findings is not None and part.problem_findings is not None
        findings.extend(part.findings)
        for problem, finding in zip(part.problems, part.problem_findings, strict=True):
            problems.setdefault(problem, finding)
    findings.extend(problems.values())
    findings.sort(key=Finding.sort_key)
    return Merged(findings, lambda: report_of(parts, shapes))


def report_of(parts: list[Part], shapes: Graph) -> Graph:
    """One report from the parts', as one run writes it (engine.Run, evidence.add_to_report)."""
    report = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    node = _fill(report, None, parts)
    violations = any(
        (result, SH.resultSeverity, SH.Violation) in report
        for part in parts
        for result in part.results
    )
    report.add((node, SH.conforms, Literal(not violations)))
    problems = dict.fromkeys(p for part in parts for p in part.problems)  # once, as one run
    source_check.add_to_report(report, list(problems))
    return report


def _fill(report: Graph, quotes: Graph | None, parts: list[Part]) -> BNode:
    """The parts' results written into ``report`` under one ``sh:ValidationReport`` node
    (returned): their triples, the copies of the shapes' blank nodes (each once, as one run
    copies it: engine.Run._clone) and the links from the report node; their quotes into
    ``quotes``, when given (what a finding reads beside the report)."""
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    copied: set[Node] = set()
    for part in parts:
        for triple in part.triples:
            report.add(triple)
        for head, triples in part.clones.items():
            if head not in copied:
                copied.add(head)
                for triple in triples:
                    report.add(triple)
        for result in part.results:
            report.add((node, SH.result, result))
        if quotes is not None:
            for triple in part.quotes:
                quotes.add(triple)
    return node


__all__ = ["Merged", "Part", "Triple", "merge", "report_of"]
