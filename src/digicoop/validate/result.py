"""The outcome of a validation: W3C report graph plus the same results as plain findings.

The report graph is the interchange format (``--format turtle``, the endpoint); the findings
are what people read, so each carries what a reader needs to act without opening the graph:
the agreement, the shape's label and message, and the quote of the provision concerned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph


@dataclass(frozen=True)
class Finding:
    """One validation result, flattened for reading and sorting."""

    severity: str  # "Violation", "Warning" or "Info"
    shape: str  # the source shape's IRI (or the property shape's parent, for blank nodes)
    shape_label: str
    focus: str
    path: str | None
    value: str | None
    message: str
    agreement: str | None = None  # the agreement id the focus node belongs to, if any
    quote: str | None = None  # the evidence quote or provision text for the focus node

    def sort_key(self) -> tuple[str, ...]:
        """Agreement, shape, focus, path, value, message, then the rest: a total order, so that
        two runs that find the same results (whole or incremental) list them alike."""
        return (
            self.agreement or "~",
            self.shape,
            self.focus,
            self.path or "",
            self.value or "",
            self.message,
            self.severity,
            self.shape_label,
            self.quote or "",
        )

    def as_dict(self) -> dict[str, str | None]:
        return {
            "severity": self.severity,
            "shape": self.shape,
            "shapeLabel": self.shape_label,
            "agreement": self.agreement,
            "focusNode": self.focus,
            "resultPath": self.path,
            "value": self.value,
            "message": self.message,
            "quote": self.quote,
        }


@dataclass
class ValidationResult:
    """What :func:`digicoop.validate.validate_graph` returns.

    ``conforms`` is the build's criterion: no Violations (Warnings are information). The W3C
    ``report_graph`` keeps SHACL's own meaning of ``sh:conforms`` (no result of any severity);
    ``report`` is that graph, or how to make it when first read (incremental validation
    merges it from 500 parts only if asked: the build reads the findings only).
    """

    report: Graph | Callable[[], Graph]
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    #: Incremental validation only: the agreements judged in this run, and those whose
    #: results were reused from the cache (digicoop.validate.incremental).
    judged: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    #: Incremental validation only: the focus nodes of no agreement (shared resources, the
    #: dataset's description) judged in this run, as SPARQL terms; None: every one was.
    resources: list[str] | None = None
    #: Incremental validation only: whether every agreement's cache entry was looked up, so
    #: that the entries left unused are stale (:meth:`AgreementCache.prune` may drop them).
    keyed: bool = False

    @property
    def report_graph(self) -> Graph:
        """The W3C report graph."""
        if not isinstance(self.report, Graph):
            self.report = self.report()
        return self.report

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def summary(self, limit: int = 20) -> str:
        """The first ``limit`` Violations, one line each, for an error message (the build's)."""
        lines = [
            f"{f.agreement or '-'}: {f.shape_label}: {f.focus} {f.path or ''} {f.value or ''}: "
            f"{f.message}".replace("  ", " ")
            for f in self.violations[:limit]
        ]
        more = len(self.violations) - limit
        if more > 0:
            lines.append(f"... and {more} more (digicoop validate shows them all)")
        return "\n".join(lines)
