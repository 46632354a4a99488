"""Read the shapes graph into plain shape objects, refusing any SHACL feature not compiled.

Why a refusal list instead of best effort: a shape the compiler silently ignored would make
the fast engine report *fewer* defects than pySHACL, and nothing would notice. So every
``sh:`` predicate on a shape must be one this module knows; anything else raises
:class:`Unsupported`, and :func:`digicoop.validate.validate_graph` falls back to pySHACL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")


class Unsupported(Exception):
    """The shapes use a SHACL feature the fast engine does not compile (name it, loudly)."""


#: Parameters that describe a shape rather than constrain it.
_DESCRIPTIVE = {
    SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.severity, SH.message, SH.deactivated, SH.name, SH.description, SH.order, SH.group,
    SH.defaultValue, SH.property, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags,
    SH.qualifiedValueShapesDisjoint,
}  # fmt: skip

#: Constraint parameters the compiler turns into SPARQL (one component each).
SUPPORTED = {
    SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.minLength, SH.maxLength, SH["in"],
    SH.hasValue, SH.node, SH["or"], SH["and"], SH["not"], SH.xone, SH.minCount, SH.maxCount,
    SH.uniqueLang, SH.languageIn, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
    SH.maxExclusive, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH.qualifiedValueShape, SH.sparql,
}  # fmt: skip

_SPARQL_KEYS = {SH.select, SH.prefixes, SH.message, SH.severity, SH.deactivated}


@dataclass
class SparqlConstraint:
    """One ``sh:SPARQLConstraint``: its node, SELECT text, declared prefixes and messages."""

    node: Node
    select: str
    prefixes: str
    messages: list[Literal]


@dataclass
class Shape:
    """A node or property shape with its targets, its parameters and its property shapes."""

    node: Node
    path: Node | None
    severity: URIRef
    messages: list[Literal]
    params: list[tuple[URIRef, Node]]  # (constraint parameter, value), in a stable order
    properties: list[Shape] = field(default_factory=list)
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)

    @property
    def is_property(self) -> bool:
        return self.path is not None

    def param(self, name: URIRef) -> Node | None:
        return next((value for key, value in self.params if key == name), None)


class ShapeReader:
    """Parses shapes on demand, each node once (shapes may be shared and even recursive)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.shapes: dict[Node, Shape] = {}
        self._reading: set[Node] = set()

    def targeted(self) -> list[Shape]:
        """Shapes with a target (explicit or implicit class targets), in a stable order."""
        g = self.graph
        nodes: set[Node] = set()
        for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            nodes.update(g.subjects(predicate, None))
        for kind in (SH.NodeShape, SH.PropertyShape):
            for shape in g.subjects(RDF.type, kind):
                if (shape, RDF.type, RDFS.Class) in g or (shape, RDF.type, OWL_CLASS) in g:
                    nodes.add(shape)
        if any(True for _ in g.subjects(SH.target, None)):
            raise Unsupported("sh:target (SHACL-AF custom targets)")
        return [self.read(node) for node in sorted(nodes, key=str)]

    def read(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        if node in self._reading:
            raise Unsupported(f"recursive shape {node}")
        self._reading.add(node)
        shape = self._parse(node)
        self._reading.discard(node)
        self.shapes[node] = shape
        return shape

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.graph, node))

    def _parse(self, node: Node) -> Shape:
        g = self.graph
        params: list[tuple[URIRef, Node]] = []
        for predicate, value in sorted(
            g.predicate_objects(node), key=lambda pv: (str(pv[0]), str(pv[1]))
        ):
            if not isinstance(predicate, URIRef) or not predicate.startswith(str(SH)):
                continue
            if predicate in _DESCRIPTIVE:
                continue
            if predicate not in SUPPORTED:
                raise Unsupported(f"{predicate} on shape {node}")
            params.append((predicate, value))
        path = g.value(node, SH.path)
        severity = g.value(node, SH.severity) or SH.Violation
        shape = Shape(
            node=node,
            path=path,
            severity=severity if isinstance(severity, URIRef) else SH.Violation,
            messages=[m for m in g.objects(node, SH.message) if isinstance(m, Literal)],
            params=[(p, v) for p, v in params if p != SH.sparql],
        )
        if g.value(node, SH.deactivated) == Literal(True):
            raise Unsupported(f"sh:deactivated on {node}")
        if (node, SH.qualifiedValueShapesDisjoint, Literal(True)) in g:
            raise Unsupported(f"sh:qualifiedValueShapesDisjoint on {node}")
        if g.value(node, SH.flags) is not None and g.value(node, SH.pattern) is None:
            raise Unsupported(f"sh:flags without sh:pattern on {node}")
        for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            for value in sorted(g.objects(node, predicate), key=str):
                shape.targets.append((predicate, value))
        for kind in (SH.NodeShape, SH.PropertyShape):
            if (node, RDF.type, kind) in g and (
                (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL_CLASS) in g
            ):
                shape.targets.append((SH.targetClass, node))
        shape.properties = [self.read(p) for p in sorted(g.objects(node, SH.property), key=str)]
        shape.sparql = [self._sparql(c) for c in sorted(g.objects(node, SH.sparql), key=str)]
        for key, value in shape.params:  # read nested shapes now, so refusals happen early
            if key in (SH.node, SH["not"], SH.qualifiedValueShape):
                self.read(value)
            elif key in (SH["or"], SH["and"], SH.xone):
                for member in self.items(value):
                    self.read(member)
        return shape

    def _sparql(self, node: Node) -> SparqlConstraint:
        g = self.graph
        for predicate in g.predicates(node, None):
            if str(predicate).startswith(str(SH)) and predicate not in _SPARQL_KEYS:
                raise Unsupported(f"{predicate} on SPARQL constraint {node}")
        if g.value(node, SH.deactivated) == Literal(True):
            raise Unsupported(f"sh:deactivated on {node}")
        select = g.value(node, SH.select)
        if not isinstance(select, Literal):
            raise Unsupported(f"SPARQL constraint {node} without sh:select (ASK validators)")
        text = str(select)
        where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
        body = text[where.end() :] if where else ""
        if where is None or re.search(r"\b(SELECT|MINUS|SERVICE|VALUES)\b", body, re.IGNORECASE):
            raise Unsupported(f"{node}: only a plain SELECT ... WHERE {{ }} is compiled")
        if re.search(r"\$(currentShape|shapesGraph)\b", text):
            raise Unsupported(f"$currentShape/$shapesGraph in {node}")
        lines = []
        for owner in g.objects(node, SH.prefixes):
            for declaration in g.objects(owner, SH.declare):
                prefix, namespace = (
                    g.value(declaration, SH.prefix),
                    g.value(declaration, SH.namespace),
                )
                lines.append(f"PREFIX {prefix}: <{namespace}>")
        messages = [m for m in g.objects(node, SH.message) if isinstance(m, Literal)]
        return SparqlConstraint(node, str(select), "\n".join(sorted(set(lines))), messages)


def sparql_path(graph: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL property-path syntax (raises for a malformed one)."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if not isinstance(path, BNode):
        raise Unsupported(f"property path {path!r}")
    if graph.value(path, RDF.first) is not None:
        return "(" + "/".join(sparql_path(graph, step) for step in Collection(graph, path)) + ")"
    for key, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, key)
        if inner is not None:
            return "(" + template.format(sparql_path(graph, inner)) + ")"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(graph, s) for s in Collection(graph, alternatives)) + ")"
    raise Unsupported(f"property path {path}")


def path_steps(graph: Graph, path: Node) -> list[tuple[URIRef, bool]] | None:
    """A path of predicates and inverse predicates in sequence, as (predicate, inverse)
    steps; None for any other path (alternatives, repetition)."""
    if isinstance(path, URIRef):
        return [(path, False)]
    if not isinstance(path, BNode):
        return None
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return [(inverse, True)]
    if graph.value(path, RDF.first) is None:
        return None
    steps: list[tuple[URIRef, bool]] = []
    for step in Collection(graph, path):
        found = path_steps(graph, step)
        if found is None:
            return None
        steps += found
    return steps
