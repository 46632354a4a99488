"""Compile shapes into SPARQL SELECTs that find every violation of one constraint at once.

pySHACL asks the data one question per focus node (and per value, for ``sh:class``); here
each (shape, constraint) becomes one set-oriented query over all focus nodes, run by
Oxigraph. Where SPARQL cannot reproduce pySHACL's verdict exactly (a literal's well-formedness
is rdflib's opinion; ``sh:pattern`` is Python's ``re``; ``sh:minInclusive`` uses rdflib's
comparison), the query returns a *superset* of candidates, filtered by a cheap SPARQL test of
the cases that are surely fine, and a Python judge written like pySHACL's code decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from digicoop.sparqltext import where_group
from digicoop.validate.fast import judges
from digicoop.validate.fast.fuse import Fused, fused_query, sides_query
from digicoop.validate.fast.model import (
    Shape,
    ShapeReader,
    SparqlConstraint,
    Unsupported,
    path_steps,
    sparql_path,
)
from digicoop.validate.fast.scope import Scope
from digicoop.validate.fast.unions import focus_in_branches, focus_in_optionals, split_where

Judge = Callable[[dict[str, Node]], bool]

#: Lexical forms surely well-typed for rdflib (so not worth a Python look), by datatype.
_SAFE = {
    XSD.integer: "^[0-9]{1,15}$",
    XSD.decimal: "^[0-9]{1,15}([.][0-9]{1,15})?$",
    XSD.boolean: "^(true|false)$",
    XSD.date: "^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    XSD.duration: "^P[1-9][0-9]{0,2}[YMD]$",
}
#: Datatypes whose literals rdflib never judges ill-typed (a matching datatype is enough).
_ALWAYS_WELL_TYPED = {XSD.string, RDF.langString, XSD.language}
_NODE_KINDS = {
    SH.IRI: "!isIRI({0})",
    SH.Literal: "!isLiteral({0})",
    SH.BlankNode: "!isBlank({0})",
    SH.BlankNodeOrIRI: "isLiteral({0})",
    SH.BlankNodeOrLiteral: "isIRI({0})",
    SH.IRIOrLiteral: "isBlank({0})",
}
_VALUE_KEYS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.minLength, SH.maxLength, SH["in"],
    SH.languageIn, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.node, SH["or"], SH["and"], SH["not"], SH.xone,
}  # fmt: skip
_COMPARISONS = {
    SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<",
}  # fmt: skip
_NUMBERS = (XSD.integer, XSD.decimal)
_REGEX_PROBE = ox.Store()
#: Components whose results have no value (the rest of those fused give ``?v``).
_COUNTS = {SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent}


@dataclass
class Check:
    """One query and how its rows become results.

    Rows bind ``?this`` and, when the result has a value, ``?v``; a SPARQL constraint's rows
    carry its own variables. ``judge`` (if any) keeps the rows that are real violations.
    """

    shape: Shape
    component: URIRef
    query: str
    judge: Judge | None = None
    sparql: SparqlConstraint | None = None
    constraint: Node | None = None  # the parameter's value, for generic messages
    #: The query this check shares with others of its shape (:mod:`.fuse`), if any, and
    #: its place among them; ``query`` stays the check's own (same rows).
    fused: Fused | None = None
    member: int = 0


def term(node: Node) -> str:
    """A shapes-graph term as SPARQL text (blank nodes cannot be constants: refuse)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Unsupported(f"blank node {node} as a constraint value")


def component(key: URIRef) -> URIRef:
    name = key.rsplit("#", 1)[-1]
    return URIRef(f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent")


def _int(node: Node) -> int:
    if isinstance(node, Literal) and isinstance(node.value, int):
        return node.value
    raise Unsupported(f"{node!r} is not an integer")


def rust_regex_ok(pattern: str, flags: str) -> bool:
    """Whether Oxigraph compiles ``pattern`` (Rust regex has no look-around, for one)."""
    query = f"SELECT (REGEX('', {Literal(pattern).n3()}, {Literal(flags).n3()}) AS ?ok) {{}}"
    return any(row["ok"] is not None for row in _REGEX_PROBE.query(query))  # type: ignore[index, union-attr]


class Compiler:
    """Turns the targeted shapes into :class:`Check` objects for one data store.

    ``subclasses(C)`` gives C and its ``rdfs:subClassOf`` descendants *in the data* (which
    holds the ontology), as pySHACL computes them for ``sh:targetClass`` and ``sh:class``.
    """

    def __init__(
        self,
        reader: ShapeReader,
        subclasses: Callable[[Node], list[Node]],
        scope: Scope | None = None,
        focus_nodes: Mapping[Node, list[str]] | None = None,
    ) -> None:
        self.reader = reader
        self.subclasses = subclasses
        self.scope = scope  # None: every focus node; else only those the scope holds
        #: The focus nodes of each shape as SPARQL terms, found beforehand
        #: (:meth:`focus_query`): a shape absent here has none and gets no checks. None:
        #: found by each check's query.
        self.focus_nodes = focus_nodes
        #: Whether checks of one shape share a query (:mod:`.fuse`): when their focus nodes
        #: are their targets. Not from a list of nodes: Oxigraph then read the shared
        #: query's values for every target of the store (hash join), 5.7 s against 0.4 s
        #: for three agreements of 500, whose own queries start from the list.
        self.fuse = focus_nodes is None
        self._fresh = 0
        self._steps: dict[Node, list[tuple[URIRef, bool]] | None] = {}

    def var(self) -> str:
        self._fresh += 1
        return f"?_v{self._fresh}"

    def path(self, shape: Shape) -> str:
        assert shape.path is not None
        return sparql_path(self.reader.graph, shape.path)

    def steps(self, shape: Shape) -> list[tuple[URIRef, bool]] | None:
        """:func:`path_steps` of a property shape's path, read from the shapes once per
        path (a shape's every parameter, its fused query and its ``EXISTS`` ask for them)."""
        assert shape.path is not None
        if shape.path not in self._steps:
            self._steps[shape.path] = path_steps(self.reader.graph, shape.path)
        return self._steps[shape.path]

    def checks(self) -> list[Check]:
        out: list[Check] = []
        for shape in self.reader.targeted():
            if self.focus_nodes is None:
                self._shape_checks(shape, self.focus(shape), out)
                continue
            nodes = self.focus_nodes.get(shape.node, [])
            if not nodes:
                continue
            if any(node.startswith("_:") for node in nodes):  # not a SPARQL constant
                self._shape_checks(shape, self.focus(shape), out)
                continue
            # in a sub-select: a bare VALUES is not always where the engine starts
            focus = f"{{ SELECT ?this WHERE {{ VALUES ?this {{ {' '.join(nodes)} }} }} }}"
            self._shape_checks(shape, focus, out, named=True)
        return out

    def focus_query(self, shape: Shape, graph: ox.NamedNode | None = None) -> str:
        """A SELECT of the shape's focus nodes (in the scope, if any), targeted by the quads
        of ``graph`` only, if given."""
        focus = self.focus(shape)
        if graph is not None:
            focus = f"GRAPH {graph} {{ {focus} }}"
        return f"SELECT DISTINCT ?this WHERE {{ {focus} }}"

    # ------------------------------------------------------------------ focus and values

    def focus(self, shape: Shape) -> str:
        """A group pattern binding ``?this`` to each focus node (of the scope, if any) once."""
        pattern = self._targets(shape)
        if self.scope is None:
            return pattern
        # A sub-select, so that the engine narrows the focus nodes before it joins anything.
        return f"{{ SELECT DISTINCT ?this WHERE {{ {pattern} FILTER ({self.scope.sparql('?this')}) }} }}"

    def _targets(self, shape: Shape) -> str:
        parts = []
        for kind, value in shape.targets:
            if kind == SH.targetClass:
                classes = " ".join(term(c) for c in self.subclasses(value))
                parts.append(f"?this a ?_class . VALUES ?_class {{ {classes} }}")
            elif kind == SH.targetNode:
                parts.append(f"VALUES ?this {{ {term(value)} }}")
            elif kind == SH.targetSubjectsOf:
                parts.append(f"?this {term(value)} ?_object .")
            else:
                parts.append(f"?_subject {term(value)} ?this .")
        if len(shape.targets) == 1 and shape.targets[0][0] == SH.targetClass:
            only = self.subclasses(shape.targets[0][1])
            if len(only) == 1:
                return f"?this a {term(only[0])} ."
        union = " UNION ".join("{ " + part + " }" for part in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def exists(self, shape: Shape, x: str, y: str, test: str) -> str:
        """``EXISTS { x PATH y FILTER (test) }``, written so that Oxigraph walks from ``x``.

        Why: Oxigraph plans an EXISTS body before it knows ``x``, so a sequence path (or a
        pattern with a constant class) is evaluated from the far end, over the whole graph,
        once per focus node: 300 s at 10 copies of the corpus. One EXISTS per step, each a
        single triple pattern with its subject bound, is an index lookup per step.
        """
        steps = self.steps(shape)
        if steps is None:
            return f"EXISTS {{ {x} {self.path(shape)} {y} FILTER ({test}) }}"
        names = [x, *(self.var() for _ in steps[1:]), y]
        body = f"FILTER ({test})"
        for i in reversed(range(len(steps))):
            predicate, inverse = steps[i]
            a, b = names[i], names[i + 1]
            triple = f"{b} <{predicate}> {a} ." if inverse else f"{a} <{predicate}> {b} ."
            body = f"FILTER EXISTS {{ {triple} {body} }}"
        return body.removeprefix("FILTER ")

    def values(self, shape: Shape, x: str, y: str) -> str:
        return f"{x} {self.path(shape)} {y} ." if shape.is_property else f"BIND({x} AS {y})"

    # ------------------------------------------------------------------ top-level checks

    def _shape_checks(
        self, shape: Shape, focus: str, out: list[Check], named: bool = False
    ) -> None:
        """The checks of ``shape`` and of its property shapes from ``focus``; ``named``: the
        focus is a list of nodes (an incremental run's), pushed into SPARQL constraints'
        OPTIONALs too (:mod:`.unions`)."""
        members: list[tuple[Check, tuple[str, bool]]] = []
        for key, value in shape.params:
            made = self._param_checks(shape, focus, key, value)
            out.extend(made)
            test = self._member_test(shape, key, value) if len(made) == 1 else None
            if test is not None:
                members.append((made[0], test))
        if self.fuse and len(members) > 1:
            self._fuse(shape, focus, members)
        for constraint in shape.sparql:
            out.append(self._sparql_check(shape, focus, constraint, named))
        for prop in shape.properties:
            self._shape_checks(prop, focus, out, named)

    def _member_test(self, shape: Shape, key: URIRef, value: Node) -> tuple[str, bool] | None:
        """What flags a violation of this parameter on a fused row ``?this ?v`` (:mod:`.fuse`),
        and whether it is tested where ``?v`` is bound (inside the ``OPTIONAL`` that reads the
        values): value tests, ``sh:minCount 1`` and ``sh:maxCount 1``, on a node shape or a
        path of predicates; None for any other (it keeps its own query only)."""
        steps = self.steps(shape) if shape.path is not None else []
        if steps is None:
            return None
        if key in _VALUE_KEYS:
            found = self.candidate(shape, key, value, "?v")
            return None if found is None else (found[0], True)
        if not shape.is_property or not isinstance(value, Literal) or value.value != 1:
            return None
        if key == SH.minCount:
            return "!BOUND(?v)", False
        if key == SH.maxCount:
            other = self.var()
            return self.exists(shape, "?this", other, f"!sameTerm(?v, {other})"), True
        return None

    def _fuse(
        self, shape: Shape, focus: str, members: list[tuple[Check, tuple[str, bool]]]
    ) -> None:
        """One query for ``members`` (checks of ``shape`` with their :meth:`_member_test`)."""
        chain = None
        if shape.path is not None:
            steps = self.steps(shape)
            assert steps is not None
            names = ["?this", *(self.var() for _ in steps[1:]), "?v"]
            chain = " ".join(
                f"{b} <{p}> {a} ." if inverse else f"{a} <{p}> {b} ."
                for (p, inverse), a, b in zip(steps, names[:-1], names[1:], strict=True)
            )
        fused = fused_query(
            focus,
            chain,
            [test for _check, test in members],
            tuple(check.component not in _COUNTS for check, _test in members),
        )
        for i, (check, _test) in enumerate(members):
            check.fused, check.member = fused, i

    def _select(self, shape: Shape, focus: str, test: str, head: str = "?this ?v") -> str:
        return f"SELECT DISTINCT {head} WHERE {{ {focus} {self.values(shape, '?this', '?v')} FILTER ({test}) }}"

    def _param_checks(self, shape: Shape, focus: str, key: URIRef, value: Node) -> list[Check]:
        comp = component(key)
        if key in _VALUE_KEYS:
            found = self.candidate(shape, key, value, "?v")
            if found is None:
                return []
            test, judge = found
            return [
                Check(
                    shape,
                    comp,
                    self._select(shape, focus, test),
                    judge,
                    constraint=value,
                )
            ]
        if key in (SH.minCount, SH.maxCount, SH.equals, SH.disjoint, SH.lessThan,
                   SH.lessThanOrEquals, SH.uniqueLang, SH.qualifiedValueShape) and not shape.is_property:  # fmt: skip
            raise Unsupported(f"{key} on node shape {shape.node}")
        if key == SH.hasValue:
            if shape.is_property:
                has = self.exists(shape, "?this", "?_has", f"sameTerm(?_has, {term(value)})")
                test = f"FILTER (!{has})"
            else:
                test = f"FILTER (!sameTerm(?this, {term(value)}))"
            return [
                Check(
                    shape,
                    comp,
                    f"SELECT DISTINCT ?this WHERE {{ {focus} {test} }}",
                    constraint=value,
                )
            ]
        path = self.path(shape) if shape.is_property else ""
        if key == SH.minCount:
            return (
                [
                    Check(
                        shape,
                        comp,
                        self._count(focus, path, "<", _int(value), shape),
                        constraint=value,
                    )
                ]
                if _int(value) > 0
                else []
            )
        if key == SH.maxCount:
            return [
                Check(
                    shape,
                    comp,
                    self._count(focus, path, ">", _int(value)),
                    constraint=value,
                )
            ]
        if key == SH.uniqueLang:
            if value != Literal(True):
                return []
            query = (
                f"SELECT DISTINCT ?this ?_lang WHERE {{ {focus} ?this {path} ?_a . ?this {path} ?_b . "
                'FILTER (!sameTerm(?_a, ?_b) && isLiteral(?_a) && isLiteral(?_b) && LANG(?_a) != "" '
                "&& LCASE(LANG(?_a)) = LCASE(LANG(?_b))) BIND (LCASE(LANG(?_a)) AS ?_lang) }"
            )
            return [Check(shape, comp, query)]
        if key in (SH.equals, SH.disjoint):
            other = term(value)
            if key == SH.disjoint:
                q = f"SELECT DISTINCT ?this ?v WHERE {{ {focus} ?this {path} ?v . ?this {other} ?v }}"
                return [Check(shape, comp, q, constraint=value)]
            # MINUS, each side from the focus nodes: under FILTER NOT EXISTS Oxigraph evaluated
            # a sequence path ending at a bound value from its far end (minutes at 500
            # agreements for rdf:subject/dco:ofAgreement/dco:agreementId; MINUS 0.5 s). Both
            # sides bind ?this and ?v, so MINUS removes exactly what NOT EXISTS would.
            missing = f"SELECT DISTINCT ?this ?v WHERE {{ {{ {focus} ?this {path} ?v }} MINUS {{ {focus} ?this {other} ?v }} }}"
            extra = f"SELECT DISTINCT ?this ?v WHERE {{ {{ {focus} ?this {other} ?v }} MINUS {{ {focus} ?this {path} ?v }} }}"
            pair = [
                Check(shape, comp, missing, constraint=value),
                Check(shape, comp, extra, constraint=value),
            ]
            if self.fuse:
                fused = sides_query(focus, path, other)
                for i, check in enumerate(pair):
                    check.fused, check.member = fused, i
            return pair
        if key in (SH.lessThan, SH.lessThanOrEquals):
            op = "<" if key == SH.lessThan else "<="
            surely = (
                "isLiteral(?v) && isLiteral(?o) && DATATYPE(?v) = xsd:integer && DATATYPE(?o) = xsd:integer "
                f"&& REGEX(STR(?v), '{_SAFE[XSD.integer]}') && REGEX(STR(?o), '{_SAFE[XSD.integer]}') && ?v {op} ?o"
            )
            q = (
                f"PREFIX xsd: <{XSD}> SELECT DISTINCT ?this ?v ?o WHERE {{ {focus} ?this {path} ?v . "
                f"?this {term(value)} ?o . FILTER (!({surely})) }}"
            )
            return [Check(shape, comp, q, judges.less_than(op), constraint=value)]
        if key == SH.qualifiedValueShape:
            return self._qualified(shape, focus, path, value)
        raise Unsupported(f"{key} on {shape.node}")

    def _count(self, focus: str, path: str, op: str, n: int, shape: Shape | None = None) -> str:
        if op == "<" and n == 1 and shape is not None:
            has = self.exists(shape, "?this", "?_any", "true")
            return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER (!{has}) }}"
        if op == ">" and n == 1:
            # at most one value: two different values violate it. A self-join answers that
            # without grouping every focus node's values (about a fifth cheaper at 500
            # agreements: bench/results.md, validation's fourth round)
            return (
                f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?_a . ?this {path} ?_b . "
                "FILTER (!sameTerm(?_a, ?_b)) }"
            )
        inner = f"OPTIONAL {{ ?this {path} ?v }}" if op == "<" else f"?this {path} ?v ."
        return f"SELECT ?this WHERE {{ {focus} {inner} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {n})"

    def _qualified(self, shape: Shape, focus: str, path: str, value: Node) -> list[Check]:
        ok = self.conforms(self.reader.read(value), "?v")
        out = []
        low = self.reader.graph.value(shape.node, SH.qualifiedMinCount)
        high = self.reader.graph.value(shape.node, SH.qualifiedMaxCount)
        if low is not None and _int(low) > 0:
            q = (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v FILTER ({ok}) }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {_int(low)})"
            )
            out.append(Check(shape, SH.QualifiedMinCountConstraintComponent, q))
        if high is not None:
            q = (
                f"SELECT ?this WHERE {{ {focus} ?this {path} ?v FILTER ({ok}) }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {_int(high)})"
            )
            out.append(Check(shape, SH.QualifiedMaxCountConstraintComponent, q))
        return out

    def _sparql_check(
        self, shape: Shape, focus: str, constraint: SparqlConstraint, named: bool = False
    ) -> Check:
        text = constraint.select  # checked by ShapeReader: a plain SELECT ... WHERE { }
        if "$PATH" in text:
            if not shape.is_property:
                raise Unsupported(f"$PATH in {constraint.node} on a node shape")
            text = text.replace("$PATH", self.path(shape))
        text = re.sub(r"\$this\b", "?this", text)
        where = where_group(text)  # strings, IRIs and comments skipped
        if where is None:
            raise Unsupported(f"{constraint.node}: no WHERE group in its sh:select")
        query = f"{constraint.prefixes}\n{text[:where]} {focus}\n{text[where:]}"
        parts = split_where(text[where:])
        if parts is None:
            return Check(shape, SH.SPARQLConstraintComponent, query, sparql=constraint)
        body, rest = parts
        pushed = focus_in_branches(body, focus, constraint.prefixes, optionals=named)
        if pushed is not None:  # each UNION branch from the focus
            query = f"{constraint.prefixes}\n{text[:where]} {pushed}\n{rest}"
        elif named:  # the focus nodes in the OPTIONALs too
            query = f"{constraint.prefixes}\n{text[:where]} {focus}\n{focus_in_optionals(body, focus)}{rest}"
        return Check(shape, SH.SPARQLConstraintComponent, query, sparql=constraint)

    # ------------------------------------------------------------------ value tests

    def candidate(
        self, shape: Shape, key: URIRef, value: Node, v: str
    ) -> tuple[str, Judge | None] | None:
        """A SPARQL test true for every violating value (maybe more), and the judge if more."""
        if key == SH.datatype:
            assert isinstance(value, URIRef)
            exact = self._datatype_exact(value, v)
            if exact is not None:
                return exact, None
            safe = _SAFE.get(value)
            test = f"!isLiteral({v}) || DATATYPE({v}) != {term(value)}"
            test += f" || !REGEX(STR({v}), '{safe}')" if safe else " || true"
            return test, judges.datatype(value)
        if key == SH.pattern:
            assert isinstance(value, Literal)
            flags_node = self.reader.graph.value(shape.node, SH.flags)
            py_flags = str(flags_node or "").lower()
            flags = "".join(f for f in "im" if f in py_flags)
            if rust_regex_ok(str(value), flags):
                pattern, flag_text = Literal(str(value)).n3(), Literal(flags).n3()
                test = f'isBlank({v}) || !REGEX(STR({v}), {pattern}, {flag_text}) || CONTAINS(STR({v}), "\\n")'
            else:
                test = "true"
            return test, judges.pattern(str(value), py_flags)
        if key in _COMPARISONS:
            assert isinstance(value, Literal)
            op = _COMPARISONS[key]
            test = "true"
            # A number (an integer or a decimal in a plain lexical form) against a numeric
            # bound is compared in SPARQL as rdflib compares it, by value; anything else goes
            # to the judge. (A decimal similarity against the bounds 0 and 1 sent 25,000
            # values a shape to Python at 500 agreements.)
            if value.datatype in _NUMBERS and value.value is not None:
                number = " || ".join(
                    f"(DATATYPE({v}) = <{datatype}> && REGEX(STR({v}), '{_SAFE[datatype]}'))"
                    for datatype in _NUMBERS
                )
                test = f"!(isLiteral({v}) && ({number}) && {v} {op} {term(value)})"
            return test, judges.compare(op, value)
        bad = self.exact_bad(key, value, v)
        return None if bad is None else (bad, None)

    def _datatype_exact(self, datatype: URIRef, v: str) -> str | None:
        if datatype == RDFS.Literal:
            return f"!isLiteral({v})"
        if datatype in _ALWAYS_WELL_TYPED:
            return f"!isLiteral({v}) || DATATYPE({v}) != {term(datatype)}"
        return None

    def exact_bad(self, key: URIRef, value: Node, v: str) -> str | None:
        """A SPARQL test true exactly when ``v`` violates the constraint (None: never)."""
        if key == SH["class"]:
            classes = " ".join(term(c) for c in self.subclasses(value))
            t = self.var()
            return f"NOT EXISTS {{ {v} a {t} . VALUES {t} {{ {classes} }} }}"
        if key == SH.nodeKind:
            if not isinstance(value, URIRef) or value not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {value}")
            return _NODE_KINDS[value].format(v)
        if key == SH.datatype:
            assert isinstance(value, URIRef)
            exact = self._datatype_exact(value, v)
            if exact is None:
                raise Unsupported(f"sh:datatype {value} inside a nested shape")
            return exact
        if key in (SH.minLength, SH.maxLength):
            n = _int(value)
            if key == SH.minLength:
                return None if n == 0 else f"isBlank({v}) || STRLEN(STR({v})) < {n}"
            return f"isBlank({v}) || STRLEN(STR({v})) > {n}"
        if key == SH["in"]:
            members = self.reader.items(value)
            return (
                "!(" + (" || ".join(f"sameTerm({v}, {term(m)})" for m in members) or "false") + ")"
            )
        if key == SH.languageIn:
            tags = ", ".join(Literal(str(t).lower()).n3() for t in self.reader.items(value))
            if any(str(t) == "*" for t in self.reader.items(value)):
                return f'!isLiteral({v}) || LANG({v}) = ""'
            return (
                f'!isLiteral({v}) || LANG({v}) = "" || !(LCASE(LANG({v})) IN ({tags}) '
                f'|| LCASE(STRBEFORE(LANG({v}), "-")) IN ({tags}))'
            )
        if key == SH.node:
            return "!" + self.conforms(self.reader.read(value), v)
        if key == SH["not"]:
            return self.conforms(self.reader.read(value), v)
        if key in (SH["or"], SH["and"], SH.xone):
            tests = [self.conforms(self.reader.read(m), v) for m in self.reader.items(value)]
            if key == SH["or"]:
                return "!(" + (" || ".join(tests) or "false") + ")"
            if key == SH["and"]:
                return "!(" + (" && ".join(tests) or "true") + ")"
            return "(" + " + ".join(f"IF({t}, 1, 0)" for t in tests) + ") != 1"
        raise Unsupported(f"{key} inside a nested shape")

    # ------------------------------------------------------------------ nested conformance

    def conforms(self, shape: Shape, x: str) -> str:
        """A SPARQL expression true exactly when node ``x`` conforms to ``shape``."""
        if shape.sparql:
            raise Unsupported(f"sh:sparql in nested shape {shape.node}")
        tests = [self._nested_ok(shape, key, value, x) for key, value in shape.params]
        tests += [self.conforms(prop, x) for prop in shape.properties]
        return "(" + " && ".join(tests) + ")" if tests else "true"

    def _nested_ok(self, shape: Shape, key: URIRef, value: Node, x: str) -> str:
        path = self.path(shape) if shape.is_property else None
        if key in _VALUE_KEYS:
            if path is None:
                bad = self.exact_bad(key, value, x)
                return "true" if bad is None else f"!({bad})"
            y = self.var()
            bad = self.exact_bad(key, value, y)
            return "true" if bad is None else f"!{self.exists(shape, x, y, bad)}"
        if key == SH.hasValue:
            if path is None:
                return f"sameTerm({x}, {term(value)})"
            y = self.var()
            return self.exists(shape, x, y, f"sameTerm({y}, {term(value)})")
        if path is None:
            raise Unsupported(f"{key} on nested node shape {shape.node}")
        if key in (SH.minCount, SH.maxCount):
            n = _int(value) if key == SH.minCount else _int(value) + 1
            if n <= 0:
                return "true"
            if n > 5:
                raise Unsupported(f"{key} {value} inside a nested shape")
            ys = [self.var() for _ in range(n)]
            pattern = " ".join(f"{x} {path} {y} ." for y in ys)
            distinct = [f"!sameTerm({a}, {b})" for i, a in enumerate(ys) for b in ys[i + 1 :]]
            body = pattern + (f" FILTER ({' && '.join(distinct)})" if distinct else "")
            return f"EXISTS {{ {body} }}" if key == SH.minCount else f"NOT EXISTS {{ {body} }}"
        if key == SH.uniqueLang:
            if value != Literal(True):
                return "true"
            a, b = self.var(), self.var()
            return (
                f"NOT EXISTS {{ {x} {path} {a} . {x} {path} {b} . FILTER (!sameTerm({a}, {b}) && "
                f'isLiteral({a}) && isLiteral({b}) && LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
            )
        raise Unsupported(f"{key} inside nested shape {shape.node}")


__all__ = ["BNode", "Check", "Compiler", "Unsupported", "component", "term"]
