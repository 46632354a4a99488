"""A W3C validation report's results as findings people read (:class:`Finding`).

Why a module of its own: the whole-dataset run reads its one report so, and incremental
validation reads each agreement's part of a report so when it is judged, keeping its
findings with its results (a kept part's findings are then not worked out again from a
report merged of 500 parts on every run).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from digicoop.validate.fast.scope import owner
from digicoop.validate.result import Finding
from digicoop.vocab import DCO, OA, RDF, RDFS, SH


def findings_of(report: Graph, shapes: Graph, data: Graph) -> list[Finding]:
    """Each result of ``report`` as a :class:`Finding`, in the report's order; ``data``: the
    graph the quotes are read from (the validated data, or the quotes a run took of it)."""
    out = []
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        shape = _named_shape(report, shapes, result)
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage) or shapes.value(shape, SH.message)
        out.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1],
                shape=_name(shape),
                shape_label=str(shapes.value(shape, RDFS.label) or ""),
                focus=_name(focus),
                path=_path(shapes if isinstance(path, BNode) else report, path),
                value=_name(value) if value is not None else None,
                message=str(message or ""),
                agreement=_agreement(focus),
                quote=_quote(data, focus, value),
            )
        )
    return out


def _named_shape(report: Graph, shapes: Graph, result: Node) -> Node:
    """The most specific shape with a name: a SPARQL constraint, or the (parent) shape."""
    constraint = report.value(result, SH.sourceConstraint)
    if isinstance(constraint, URIRef) and (constraint, RDFS.label, None) in shapes:
        return constraint
    shape = report.value(result, SH.sourceShape)
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(iter(shapes.subjects(None, shape)), None)
        if parent is None:  # inside an RDF list (sh:or): climb to the list's owner
            break
        if (parent, RDF.first, shape) in shapes:
            while (None, RDF.rest, parent) in shapes:
                parent = next(iter(shapes.subjects(RDF.rest, parent)))
            parent = next(iter(shapes.subjects(None, parent)), parent)
        shape = parent
    return shape if shape is not None else SH.Shape


def _name(node: Node | None) -> str:
    """Full IRIs (so that machines and tests need no prefixes), literals in N-Triples form."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return node.n3()
    return str(node)


def _path(graph: Graph, path: Node | None) -> str | None:
    """A SHACL property path: an IRI, or SPARQL path syntax (``^<iri>``, ``<a>/<b>``)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _step(graph, inverse)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_step(graph, step) for step in Collection(graph, path))
    return str(path)


def _step(graph: Graph, path: Node) -> str:
    return f"<{path}>" if isinstance(path, URIRef) else f"({_path(graph, path)})"


def _agreement(focus: Node | None) -> str | None:
    return owner(str(focus)) if isinstance(focus, URIRef) else None


def _quote(data: Graph, focus: Node | None, value: Node | None) -> str | None:
    """The evidence quote that concerns the focus node (an evidence node, a fact's subject
    or an evidence target), or the provision's own text."""
    if focus is None:
        return None
    evidences = [focus] if (focus, RDF.type, DCO.Evidence) in data else []
    if not evidences:
        for candidate in data.subjects(RDF.subject, focus):
            if value is None or (candidate, RDF.object, value) in data:
                evidences.append(candidate)
    targets = [data.value(e, OA.hasTarget) for e in sorted(evidences, key=str)]
    for target in [*targets, focus]:  # the focus last: a target has its own selectors
        for selector in sorted(data.objects(target, OA.hasSelector), key=str) if target else ():
            exact = data.value(selector, OA.exact)
            if exact is not None:
                return str(exact)
    text = data.value(focus, DCO.text)
    return str(text) if text is not None else None


__all__ = ["findings_of"]
