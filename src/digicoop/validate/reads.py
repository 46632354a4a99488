"""Which predicates, in which direction, the shapes read on their way from a focus node.

Why: an agreement's kept validation result is good while nothing it was computed from has
changed (:mod:`digicoop.validate.slices`). A quad of another graph that names one of the
agreement's nodes is part of that only if some shape can reach it from there: a quad
``s p o`` with ``o`` the agreement's node is read when a shape walks ``p`` backwards
(``^p``), one with ``s`` the agreement's node when a shape walks ``p`` forwards. Adding an
agreement whose text-reuse links point *into* earlier agreements (``new dco:reuses old``, a
record with ``rdf:object old``) then changes nothing the earlier ones are judged by, unless
a shape reads ``^dco:reuses`` or ``^rdf:object``: the shapes decide, not a list of names.

What counts as read (the union over every shape; a pattern that cannot be told is read both
ways, so the answer errs towards judging again):

- SHACL: every step of every ``sh:path`` (``sh:inversePath`` backwards; sequences,
  alternatives and repetitions step by step); ``sh:equals``, ``sh:disjoint``,
  ``sh:lessThan(OrEquals)`` forwards; ``sh:targetSubjectsOf`` forwards and
  ``sh:targetObjectsOf`` backwards; ``rdf:type`` forwards (class targets, ``sh:class``).
- SHACL-SPARQL: the ``sh:select`` is parsed (rdflib's SPARQL parser) and its triple
  patterns, ``EXISTS`` bodies included, are walked breadth first from ``$this``: a pattern
  met from its subject is read forwards, from its object backwards, and one whose two ends
  are already reached (a join condition: its subject is reached, so it is found forwards
  from there) forwards. A variable predicate reads every predicate in its direction
  (``*``); a pattern not connected to ``$this`` reads its predicate both ways.

Each step also records which steps may follow it (:meth:`Reads.forward_after`): a node of
another agreement that an agreement's node links to is read one step further only by what
the shapes do after that link's step (after ``dco:reuses``, its type: a new link out of a
reused provision leaves the reusing agreement's result as it was).

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path [ sh:inversePath ex:partOf ] ; sh:minCount 1 ] .''',
...     format="turtle")
>>> reads = read_directions(shapes)
>>> reads.backward("http://example.org/partOf"), reads.forward("http://example.org/partOf")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from digicoop.validate.fast.model import Shape, ShapeReader

#: Stands for every predicate (a variable or negated predicate).
ANY = "*"
#: The step "at the focus node": what follows it is read from the focus node itself.
FOCUS = ("", True)
_THIS = Variable("this")

Step = tuple[str, bool]  # a predicate and whether it is walked forwards


@dataclass(frozen=True)
class Walk:
    """A path's steps as a small automaton: the steps it may start and end with, which step
    may follow which, and whether it may be empty (``*``, ``?``)."""

    firsts: frozenset[Step]
    lasts: frozenset[Step]
    links: frozenset[tuple[Step, Step]] = frozenset()
    empty: bool = False

    @staticmethod
    def step(predicate: str, forwards: bool) -> Walk:
        one = frozenset({(predicate, forwards)})
        return Walk(one, one)

    def flipped(self) -> Walk:
        flip = lambda s: (s[0], not s[1])  # noqa: E731
        return Walk(
            frozenset(map(flip, self.lasts)),
            frozenset(map(flip, self.firsts)),
            frozenset((flip(b), flip(a)) for a, b in self.links),
            self.empty,
        )

    def then(self, other: Walk) -> Walk:
        return Walk(
            self.firsts | (other.firsts if self.empty else frozenset()),
            other.lasts | (self.lasts if other.empty else frozenset()),
            self.links | other.links | {(a, b) for a in self.lasts for b in other.firsts},
            self.empty and other.empty,
        )

    def repeated(self, empty: bool) -> Walk:
        links = self.links | {(a, b) for a in self.lasts for b in self.firsts}
        return Walk(self.firsts, self.lasts, frozenset(links), empty)

    @staticmethod
    def either(walks: Iterable[Walk]) -> Walk:
        walks = list(walks)
        return Walk(
            frozenset().union(*(w.firsts for w in walks)),
            frozenset().union(*(w.lasts for w in walks)),
            frozenset().union(*(w.links for w in walks)),
            any(w.empty for w in walks),
        )

    @property
    def steps(self) -> frozenset[Step]:
        return self.firsts | self.lasts | {s for link in self.links for s in link}


#: Every predicate, either way (a negated path, a path this module cannot tell).
EVERYTHING = Walk.either([Walk.step(ANY, True), Walk.step(ANY, False)]).repeated(False)


@dataclass
class Reads:
    """The steps the shapes take (``pairs``: (predicate, forwards?), ``ANY`` for every
    predicate) and which step may follow which (``follows``; ``FOCUS`` for the first)."""

    pairs: set[Step] = field(default_factory=set)
    follows: dict[Step, set[Step]] = field(default_factory=dict)
    #: Steps taken from nodes no walk from a focus node explains (read after anything).
    anywhere: set[Step] = field(default_factory=set)

    def walk(self, before: Iterable[Step], walk: Walk) -> set[Step]:
        """Record ``walk`` taken from a node reached by one of ``before``; the steps that
        reach its end nodes."""
        before = set(before)
        self.pairs.update(walk.steps)
        for step in before:
            self.follows.setdefault(step, set()).update(walk.firsts)
        for a, b in walk.links:
            self.follows.setdefault(a, set()).add(b)
        return set(walk.lasts) | (before if walk.empty else set())

    def forward(self, predicate: str) -> bool:
        """Whether a shape may read ``s predicate o`` from ``s``."""
        return (predicate, True) in self.pairs or (ANY, True) in self.pairs

    def backward(self, predicate: str) -> bool:
        """Whether a shape may read ``s predicate o`` from ``o``."""
        return (predicate, False) in self.pairs or (ANY, False) in self.pairs

    def forward_after(self, step: Step, predicate: str) -> bool:
        """Whether a shape that reached a node by ``step`` may read ``node predicate o``."""
        after = (
            self.follows.get(step, set()) | self.follows.get((ANY, step[1]), set()) | self.anywhere
        )
        return (predicate, True) in after or (ANY, True) in after


@lru_cache(maxsize=4)
def read_directions(shapes: Graph) -> Reads:
    """What ``shapes`` read from a focus node, as :class:`Reads` (module doc); computed
    once per shapes graph (parsing the SPARQL constraints takes a while)."""
    reads = Reads()
    reader = ShapeReader(shapes)
    seen: set[tuple[Node, frozenset[Step]]] = set()
    for shape in reader.targeted():
        reads.walk({FOCUS}, Walk.step(str(RDF.type), True))  # class targets
        for kind, value in shape.targets:
            if kind in (SH.targetSubjectsOf, SH.targetObjectsOf):
                reads.walk({FOCUS}, Walk.step(str(value), kind == SH.targetSubjectsOf))
        _visit(reader, shape, frozenset({FOCUS}), reads, seen)
    return reads


def _visit(
    reader: ShapeReader,
    shape: Shape,
    before: frozenset[Step],
    reads: Reads,
    seen: set[tuple[Node, frozenset[Step]]],
) -> None:
    """Add what ``shape`` reads from a focus node reached by one of the steps ``before``."""
    if (shape.node, before) in seen:
        return
    seen.add((shape.node, before))
    values = before
    if shape.path is not None:
        values = frozenset(reads.walk(before, _shacl_walk(reader.graph, shape.path)))
    for key, value in shape.params:
        if key == SH["class"]:
            reads.walk(values, Walk.step(str(RDF.type), True))
        elif key in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
            reads.walk(before, Walk.step(str(value), True))  # the focus node's other values
        elif key in (SH.node, SH["not"], SH.qualifiedValueShape):
            _visit(reader, reader.read(value), values, reads, seen)
        elif key in (SH["or"], SH["and"], SH.xone):
            for member in reader.items(value):
                _visit(reader, reader.read(member), values, reads, seen)
    for prop in shape.properties:
        _visit(reader, prop, values, reads, seen)
    for constraint in shape.sparql:
        _sparql_reads(constraint.prefixes, constraint.select, before, reads)


def _shacl_walk(graph: Graph, path: Node) -> Walk:
    """A SHACL property path as a :class:`Walk`."""
    if isinstance(path, URIRef):
        return Walk.step(str(path), True)
    if graph.value(path, RDF.first) is not None:
        walks = [_shacl_walk(graph, step) for step in Collection(graph, path)]
        out = walks[0]
        for walk in walks[1:]:
            out = out.then(walk)
        return out
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return _shacl_walk(graph, inverse).flipped()
    for key, empty, repeated in (
        (SH.zeroOrMorePath, True, True),
        (SH.oneOrMorePath, False, True),
        (SH.zeroOrOnePath, True, False),
    ):
        inner = graph.value(path, key)
        if inner is not None:
            walk = _shacl_walk(graph, inner)
            return walk.repeated(empty) if repeated else Walk(*_parts(walk), empty=True)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return Walk.either(_shacl_walk(graph, step) for step in Collection(graph, alternatives))
    return EVERYTHING


def _parts(walk: Walk) -> tuple[frozenset[Step], frozenset[Step], frozenset[tuple[Step, Step]]]:
    return walk.firsts, walk.lasts, walk.links


def _path_walk(path: object) -> Walk:
    """A SPARQL property path (rdflib's algebra) or predicate as a :class:`Walk`."""
    if isinstance(path, URIRef):
        return Walk.step(str(path), True)
    if isinstance(path, InvPath):
        return _path_walk(path.arg).flipped()
    if isinstance(path, SequencePath):
        walks = [_path_walk(arg) for arg in path.args]
        out = walks[0]
        for walk in walks[1:]:
            out = out.then(walk)
        return out
    if isinstance(path, AlternativePath):
        return Walk.either(_path_walk(arg) for arg in path.args)
    if isinstance(path, MulPath):
        walk = _path_walk(path.path)
        if path.mod == "?":
            return Walk(*_parts(walk), empty=True)
        return walk.repeated(path.mod == "*")
    if isinstance(path, NegatedPath):
        return EVERYTHING
    return Walk.step(ANY, True)  # a variable predicate


def _patterns(algebra: object) -> Iterator[tuple[Node, object, Node]]:
    """Every triple pattern anywhere in a parsed query (EXISTS bodies and OPTIONALs too)."""
    todo = [algebra]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            triples = node.get("triples")
            if isinstance(triples, list):
                for block in triples:  # a triple, or several flattened (an EXISTS body)
                    for i in range(0, len(block) - 2, 3):
                        yield block[i], block[i + 1], block[i + 2]
            todo.extend(value for key, value in node.items() if key != "triples")
        elif isinstance(node, list | tuple):
            todo.extend(node)


def _sparql_reads(prefixes: str, select: str, before: frozenset[Step], reads: Reads) -> None:
    """Add what a SHACL-SPARQL SELECT reads, walking its patterns from ``$this`` (a focus
    node reached by one of ``before``) breadth first."""
    query = prepareQuery(f"{prefixes}\n{select.replace('$this', '?this')}")
    left = list(_patterns(query.algebra))
    depth: dict[object, int] = {_THIS: 0}  # how many patterns away from $this
    reached: dict[object, set[Step]] = {_THIS: set(before)}  # the steps that reach it
    while left:
        # the pattern nearest to $this; forwards first at the same distance
        met = [(depth[t[0]], 0, i) for i, t in enumerate(left) if t[0] in depth]
        met += [(depth[t[2]], 1, i) for i, t in enumerate(left) if t[2] in depth]
        if met:
            level, backwards, index = min(met)
        else:  # rooted at a constant of the query: read from there, after anything
            index = next((i for i, t in enumerate(left) if _fixed(t[0]) or _fixed(t[2])), -1)
            if index < 0:
                break
            level, backwards = 1, int(not _fixed(left[index][0]))
        s, p, o = left.pop(index)
        start, end = (o, s) if backwards else (s, o)
        walk = _path_walk(p).flipped() if backwards else _path_walk(p)
        if start not in reached:  # a constant
            reads.anywhere.update(walk.steps)
        ends = reads.walk(reached.get(start, set()), walk)
        if isinstance(p, Variable):  # a predicate variable names a property
            reached.setdefault(p, {(ANY, True)})
            depth.setdefault(p, level + 1)
        if not _fixed(end) and end not in reached:  # else a join condition, read above
            reached[end] = ends
            depth[end] = level + 1
    for _s, p, _o in left:  # not connected to $this: read from anywhere, both ways
        walk = Walk.either([_path_walk(p), _path_walk(p).flipped()])
        reads.walk(set(), walk)
        reads.anywhere.update(walk.steps)


def _fixed(term: object) -> bool:
    """A constant of the query (an IRI or literal), as opposed to a variable or blank node."""
    return isinstance(term, URIRef | Literal)


__all__ = ["ANY", "FOCUS", "Reads", "Walk", "read_directions"]
