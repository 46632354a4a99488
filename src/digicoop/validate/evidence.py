"""Check every evidence quote against the file it was read from.

SHACL sees only the graph; whether ``oa:exact`` is really the text of the source between
``oa:start`` and ``oa:end`` needs the file. The file is found from the provision the
evidence's target quotes: ``oa:hasTarget / oa:hasSource / dco:ofAgreement /
prov:wasDerivedFrom / dcterms:identifier``, a path relative to the project root, and is
pinned by ``dco:sha256``. Offsets count code points, so the file is decoded as UTF-8 with
newlines kept as they are. A target is shared by every fact that quotes its span, so each
target is judged once and its problems are reported for every evidence node citing it.

Results cite the target-less shapes ``dcosh:EvidenceQuote``, ``dcosh:EvidenceSpan`` and
``dcosh:SourceFile`` of ``shapes/core.ttl``, so their labels and messages stay with the others.
A missing link (no provision, no selector), or a target with two provisions, is left to the
SHACL shapes that require one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from digicoop.vocab import DCO, DCTERMS, OA, PROV, RDF, SH

DCOSH = Namespace("https://w3id.org/digicoop/shapes#")
#: The constraint component named in results of checks that SHACL cannot express.
COMPONENT = DCOSH.SourceCheckConstraintComponent


@dataclass(frozen=True)
class SourceProblem:
    """One failed check, before it becomes a ``sh:ValidationResult``."""

    shape: URIRef
    focus: Node
    path: URIRef | None
    value: Node | None
    message: str


class _Sources:
    """Reads each source file once and remembers whether it is usable."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[Node, str | None] = {}
        self.problems: list[SourceProblem] = []

    def text(self, graph: Graph, source: Node) -> str | None:
        if source not in self._texts:
            self._texts[source] = self._read(graph, source)
        return self._texts[source]

    def _read(self, graph: Graph, source: Node) -> str | None:
        identifier = graph.value(source, DCTERMS.identifier)
        if identifier is None:
            return None  # dcosh:SourceText-identifier reports it
        path = (self.root / str(identifier)).resolve()
        if not path.is_relative_to(self.root.resolve()):
            # never read (and quote from) a file outside the project, whatever the data says
            self._fail(source, identifier, f"{identifier} lies outside the project root")
            return None
        try:
            data = path.read_bytes()
        except OSError as error:
            self._fail(source, identifier, f"cannot read {identifier}: {error.strerror}")
            return None
        expected = graph.value(source, DCO.sha256)
        actual = hashlib.sha256(data).hexdigest()
        if expected is not None and str(expected) != actual:
            self._fail(source, expected, f"{identifier} has SHA-256 {actual}, not {expected}")
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self._fail(source, identifier, f"{identifier} is not UTF-8 (byte {error.start})")
            return None

    def _fail(self, source: Node, value: Node, message: str) -> None:
        path = DCO.sha256 if "SHA-256" in message else DCTERMS.identifier
        self.problems.append(SourceProblem(DCOSH.SourceFile, source, path, value, message))


#: A quote as :func:`judge` takes it: the words, their span, the provision's span, the text.
_Quoted = tuple[Node, int, int, tuple[int | None, int | None], str | None]


def _int(node: Node | None) -> int | None:
    if isinstance(node, Literal) and isinstance(node.value, int):
        return node.value
    return None


def _quoted(graph: Graph, sources: _Sources, target: Node) -> _Quoted | None:
    """A target's quote, span, its provision's span and its source's text (what
    :func:`judge` needs); None if a link is missing or the source is not one provision (the
    SHACL shapes report it)."""
    provisions = list(graph.objects(target, OA.hasSource))
    if len(provisions) != 1:
        return None  # none, or which one to judge by is not clear: dcosh:EvidenceTarget-source
    (provision,) = provisions
    exact: Node | None = None
    start = end = None
    for selector in graph.objects(target, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            exact = graph.value(selector, OA.exact)
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            start, end = (
                _int(graph.value(selector, OA.start)),
                _int(graph.value(selector, OA.end)),
            )
    if exact is None or start is None or end is None:
        return None
    p_start = _int(graph.value(provision, DCO.sourceStart))
    p_end = _int(graph.value(provision, DCO.sourceEnd))
    agreement = graph.value(provision, DCO.ofAgreement)
    source = graph.value(agreement, PROV.wasDerivedFrom) if agreement is not None else None
    text = sources.text(graph, source) if source is not None else None
    return exact, start, end, (p_start, p_end), text


def check(graph: Graph, root: Path) -> list[SourceProblem]:
    """Every quote whose text or span disagrees with its source file, and every bad file."""
    sources = _Sources(root)
    problems: list[SourceProblem] = []
    judged: dict[
        Node, _Quoted | None
    ] = {}  # target → what its quote is judged by (None: a link missing)
    for evidence in sorted(set(graph.subjects(RDF.type, DCO.Evidence)), key=str):
        target = graph.value(evidence, OA.hasTarget)
        if target is None:
            continue
        if target not in judged:
            judged[target] = _quoted(graph, sources, target)
        found = judged[target]
        if found is not None:
            problems.extend(judge(evidence, *found))
    return sources.problems + problems


def judge(
    evidence: Node,
    exact: Node,
    start: int,
    end: int,
    provision_span: tuple[int | None, int | None],
    text: str | None,
) -> list[SourceProblem]:
    """What is wrong with one quote: its span outside its provision's, or words that are not
    the source's at that span. Both validation engines judge quotes through this."""
    problems = []
    p_start, p_end = provision_span
    if p_start is not None and p_end is not None and not p_start <= start < end <= p_end:
        problems.append(
            SourceProblem(
                DCOSH.EvidenceSpan,
                evidence,
                OA.start,
                Literal(start),
                f"the quote's span {start}..{end} lies outside its provision's span "
                f"{p_start}..{p_end}",
            )
        )
    if text is not None and (actual := text[start:end]) != str(exact):
        problems.append(
            SourceProblem(
                DCOSH.EvidenceQuote,
                evidence,
                OA.exact,
                exact,
                f"the quote {_short(str(exact))!r} is not the source text at {start}..{end}, "
                f"which reads {_short(actual)!r}",
            )
        )
    return problems


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def add_to_report(report: Graph, problems: list[SourceProblem]) -> None:
    """Add each problem to ``report`` as a W3C ``sh:ValidationResult`` (a Violation)."""
    node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    if node is None:
        node = BNode()
        report.add((node, RDF.type, SH.ValidationReport))
    for problem in problems:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, problem.focus))
        report.add((result, SH.resultSeverity, SH.Violation))
        report.add((result, SH.sourceShape, problem.shape))
        report.add((result, SH.sourceConstraintComponent, COMPONENT))
        report.add((result, SH.resultMessage, Literal(problem.message)))
        if problem.path is not None:
            report.add((result, SH.resultPath, problem.path))
        if problem.value is not None:
            report.add((result, SH.value, problem.value))
    if problems:
        report.set((node, SH.conforms, Literal(False)))
