"""Run the compiled checks on a store and write pySHACL's report, triple for triple.

The report graph is built the way pySHACL 0.40 builds it (``Validator.create_validation_report``
and ``ConstraintComponent.make_v_result``): the same triples per result, in the same order,
blank-node shapes and paths cloned with their ids, so :func:`digicoop.validate.findings.findings_of`
reads it unchanged and finds the same shape, path and message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import pyoxigraph as ox
from pyshacl.rdfutil.clone import clone_blank_node
from pyshacl.rdfutil.stringify import stringify_node
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from digicoop.validate.fast.compile import Check, Compiler, term
from digicoop.validate.fast.model import ShapeReader, Unsupported
from digicoop.validate.fast.scope import Scope
from digicoop.validate.fast.store import Terms


@lru_cache(maxsize=4)
def reader_for(shapes: Graph) -> ShapeReader:
    """Shapes parsed (and refused) once per shapes graph; raises :class:`Unsupported`."""
    reader = ShapeReader(shapes)
    reader.targeted()
    return reader


def subclass_closure(store: ox.Store) -> Callable[[Node], list[Node]]:
    """``C`` → C and its ``rdfs:subClassOf`` descendants in ``store``, each asked once."""
    cache: dict[Node, list[Node]] = {}

    def subclasses(cls: Node) -> list[Node]:
        if cls not in cache:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDF_SUBCLASS}>* {term(cls)} }}"
            rows = store.query(query, use_default_graph_as_union=True)
            found = {URIRef(row["c"].value) for row in rows if isinstance(row["c"], ox.NamedNode)}  # type: ignore[index, union-attr]
            cache[cls] = [cls, *sorted(found - {cls}, key=str)]
        return cache[cls]

    return subclasses


def compile_checks(
    shapes: Graph,
    store: ox.Store,
    scope: Scope | None = None,
    subclasses: Callable[[Node], list[Node]] | None = None,
    focus_nodes: Mapping[Node, list[str]] | None = None,
) -> list[Check]:
    """The checks for ``store``: class closures are read from its data (ontology included),
    or from ``subclasses`` (another store's, so that a part of a dataset is judged by the
    whole's closures); ``scope`` narrows the focus nodes; ``focus_nodes`` (by shape, from
    :func:`focus_nodes`) names them."""
    compiler = Compiler(
        reader_for(shapes), subclasses or subclass_closure(store), scope, focus_nodes
    )
    return compiler.checks()


def focus_nodes(
    shapes: Graph,
    store: ox.Store,
    scope: Scope | None = None,
    subclasses: Callable[[Node], list[Node]] | None = None,
    graph: ox.NamedNode | None = None,
) -> dict[Node, list[str]]:
    """Each targeted shape's focus nodes in ``store`` (within ``scope``; targeted by quads of
    ``graph`` only, if given), as SPARQL terms, shapes with none left out: checks compiled
    with them start from those nodes instead of every target of the store."""
    compiler = Compiler(reader_for(shapes), subclasses or subclass_closure(store), scope)
    found = {}
    for shape in compiler.reader.targeted():
        rows = store.query(compiler.focus_query(shape, graph), use_default_graph_as_union=True)
        nodes = sorted({str(row["this"]) for row in rows})  # type: ignore[index, union-attr]
        if nodes:
            found[shape.node] = nodes
    return found


def merge_focus(*found: Mapping[Node, list[str]]) -> dict[Node, list[str]]:
    """The union of several :func:`focus_nodes` answers, shape by shape."""
    out: dict[Node, set[str]] = {}
    for one in found:
        for shape, nodes in one.items():
            out.setdefault(shape, set()).update(nodes)
    return {shape: sorted(nodes) for shape, nodes in out.items()}


RDF_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def units(checks: list[Check]) -> list[list[int]]:
    """The checks (by index) grouped by the query that answers them: a fused query's
    members together (:mod:`digicoop.validate.fast.fuse`), every other check alone."""
    out: list[list[int]] = []
    where: dict[int, int] = {}
    for i, check in enumerate(checks):
        if check.fused is None:
            out.append([i])
            continue
        if id(check.fused) not in where:
            where[id(check.fused)] = len(out)
            out.append([])
        out[where[id(check.fused)]].append(i)
    for unit in out:
        unit.sort(key=lambda i: checks[i].member)
    return out


def answers(
    checks: list[Check], groups: list[list[int]], found: Iterable[list[list[dict[str, Node]]]]
) -> list[list[dict[str, Node]]]:
    """Each check's rows, in the checks' order, from the answers of :func:`units`."""
    out: list[list[dict[str, Node]]] = [[] for _ in checks]
    for unit, rows in zip(groups, found, strict=True):
        for i, one in zip(unit, rows, strict=True):
            out[i] = one
    return out


class Run:
    """One validation: the store, the term converter, the report being written."""

    def __init__(
        self,
        store: ox.Store,
        shapes: Graph,
        terms: Terms,
        data_namespaces: Graph,
        checks: list[Check] | None = None,
    ) -> None:
        self.store, self.shapes, self.terms = store, shapes, terms
        self.checks = checks  # None: compiled for this store, every focus node
        self.data_ns = data_namespaces  # a graph bound like pySHACL's data graph, for messages
        self.report = Graph(bind_namespaces="core")
        for prefix, namespace in shapes.namespace_manager.namespaces():
            self.report.namespace_manager.bind(prefix, namespace)
        self.node = BNode()
        self.violations = 0
        self._cloned: set[Node] = set()

    def execute(self) -> Graph:
        """Every check's results in the report; ``sh:conforms`` as pySHACL sets it."""
        checks = self.compiled()
        groups = units(checks)
        return self.write(checks, answers(checks, groups, [self.answer(checks, g) for g in groups]))

    def compiled(self) -> list[Check]:
        """The checks this run makes (compiled for the store unless given)."""
        if self.checks is None:
            self.checks = compile_checks(self.shapes, self.store)
        return self.checks

    def write(self, checks: list[Check], answers: Iterable[list[dict[str, Node]]]) -> Graph:
        """The report from each check's :meth:`rows`, in the checks' order (answers may come
        from other processes: the report is the same)."""
        self.report.add((self.node, RDF.type, SH.ValidationReport))
        for check, rows in zip(checks, answers, strict=True):
            self._write(check, rows)
        self.report.add((self.node, SH.conforms, Literal(self.violations == 0)))
        return self.report

    def rows(self, check: Check) -> list[dict[str, Node]]:
        """The check's answer rows that are violations (its judge, if any, applied)."""
        rows = self._rows(check)
        if check.judge is not None:
            rows = [row for row in rows if check.judge(row)]
        return rows

    def answer(self, checks: list[Check], unit: list[int]) -> list[list[dict[str, Node]]]:
        """The :meth:`rows` of the checks of one of :func:`units`, by one query."""
        fused = checks[unit[0]].fused
        if fused is None:
            return [self.rows(checks[i]) for i in unit]
        solutions = self._solutions(checks[unit[0]], fused.query)
        found = []
        for solution in solutions:  # type: ignore[union-attr]
            row: dict[str, object] = {"this": solution["this"], "v": solution["v"]}  # type: ignore[index]
            for name in fused.names:
                flag = solution[name]  # type: ignore[index]
                row[name] = flag is not None and flag.value == "true"
            found.append(row)
        convert = self.terms.to_rdflib
        out = []
        for i, rows in zip(unit, fused.split(found), strict=True):
            judge = checks[i].judge
            converted = [{k: convert(v) for k, v in row.items()} for row in rows]
            out.append([row for row in converted if judge(row)] if judge else converted)
        return out

    def _solutions(self, check: Check, query: str) -> ox.QuerySolutions:
        try:
            return self.store.query(query, use_default_graph_as_union=True)  # type: ignore[return-value]
        except SyntaxError as error:  # a compiler bug or an odd sh:select: never skip silently
            raise Unsupported(f"{check.shape.node}: Oxigraph refused the query: {error}") from error

    def _rows(self, check: Check) -> list[dict[str, Node]]:
        solutions = self._solutions(check, check.query)
        variables = [v.value for v in solutions.variables]  # type: ignore[union-attr]
        convert = self.terms.to_rdflib
        rows = []
        for solution in solutions:  # type: ignore[union-attr]
            row = {}
            for name in variables:
                value = solution[name]  # type: ignore[index]
                if value is not None:
                    row[name] = convert(value)
            rows.append(row)
        return rows

    def _write(self, check: Check, rows: list[dict[str, Node]]) -> None:
        seen: set[tuple[object, ...]] = set()
        for row in rows:
            if check.sparql is not None:
                self._sparql_result(check, row, seen)
                continue
            self._result(check, row["this"], row.get("v"))

    def _sparql_result(
        self, check: Check, row: dict[str, Node], seen: set[tuple[object, ...]]
    ) -> None:
        """pySHACL's ``_validate_sparql_query`` + ``_evaluate_sparql_constraint`` for one row."""
        others = {k: v for k, v in row.items() if k not in ("this", "path", "value")}
        focus, path, value = row.get("this"), row.get("path"), row.get("value")
        key = (focus, path, value, tuple(sorted(others.items())))
        if key in seen or (focus is None and path is None and value is None):
            return
        seen.add(key)
        if value is None and not check.shape.is_property:
            value = focus
        bound = {
            **others,
            **{
                k: v
                for k, v in (("this", focus), ("path", path), ("value", value))
                if v is not None
            },
        }
        self._result(check, focus, value, path=path, bound=bound)

    def _result(
        self,
        check: Check,
        focus: Node | None,
        value: Node | None,
        path: Node | None = None,
        bound: dict[str, Node] | None = None,
    ) -> None:
        shape, sg = check.shape, self.shapes
        r = BNode()
        add = self.report.add
        add((self.node, SH.result, r))
        add((r, RDF.type, SH.ValidationResult))
        add((r, SH.sourceConstraintComponent, check.component))
        add((r, SH.sourceShape, self._clone(sg, shape.node)))
        add((r, SH.resultSeverity, shape.severity))
        add((r, SH.focusNode, self._clone(None, focus)))
        if value is not None:
            add((r, SH.value, self._clone(None, value)))
        result_path = path if path is not None else shape.path
        if result_path is not None:
            add((r, SH.resultPath, self._clone(sg, result_path)))
        if check.sparql is not None:
            add((r, SH.sourceConstraint, self._clone(sg, check.sparql.node)))
        messages: list[Literal] = list(shape.messages)
        extra = check.sparql.messages if check.sparql is not None else []
        for m in extra:
            if m not in messages:
                add((r, SH.resultMessage, Literal(_format(str(m.value), bound))))
        if not extra and not messages:
            messages = [Literal(self._generic(check, focus, value))]
        for m in messages:
            add(
                (
                    r,
                    SH.resultMessage,
                    Literal(_format(str(m.value), bound)) if bound is not None else m,
                )
            )
        if shape.severity == SH.Violation:
            self.violations += 1

    def _clone(self, source: Graph | None, node: Node | None) -> Node:
        assert node is not None
        if isinstance(node, BNode) and source is not None and node not in self._cloned:
            self._cloned.add(node)
            clone_blank_node(source, node, self.report, keepid=True)
        return node

    def _generic(self, check: Check, focus: Node | None, value: Node | None) -> str:
        """pySHACL's ``make_generic_messages`` for the components shapes may leave unlabelled."""
        sg, shape, c = self.shapes, check.shape, check.constraint
        name = str(check.component).rsplit("#", 1)[-1]
        f = stringify_node(self.data_ns, focus) if focus is not None else ""
        p = stringify_node(sg, shape.path) if shape.path is not None else None
        on = f"{f}->{p}" if p else f
        if name in ("MinCountConstraintComponent", "MaxCountConstraintComponent"):
            word = "Less" if name.startswith("Min") else "More"
            return f"{word} than {c} values on {on}"
        if name == "HasValueConstraintComponent":
            the_set = [stringify_node(sg, c)] if c is not None else []
            if p:
                return f"Node {on} does not contain a value in the set: {the_set}"
            return f"Node {f} value is not a in the set of values: {the_set}"
        simple = {
            "DatatypeConstraintComponent": "Value is not Literal with datatype {}",
            "ClassConstraintComponent": "Value does not have class {}",
            "NodeKindConstraintComponent": "Value is not of Node Kind {}",
            "NodeConstraintComponent": "Value does not conform to Shape {}.",
            "MinExclusiveConstraintComponent": "Value is not > {}",
            "MinInclusiveConstraintComponent": "Value is not >= {}",
            "MaxExclusiveConstraintComponent": "Value is not < {}",
            "MaxInclusiveConstraintComponent": "Value is not <= {}",
        }
        if name in simple and c is not None:
            return simple[name].format(stringify_node(sg, c))
        if (
            name in ("MinLengthConstraintComponent", "MaxLengthConstraintComponent")
            and c is not None
        ):
            op = ">=" if name.startswith("Min") else "<="
            return f"String length not {op} {stringify_node(self.data_ns, c)}"
        if name == "PatternConstraintComponent" and isinstance(c, Literal):
            return f"Value does not match pattern '{c.value}'"
        if (
            name in ("LessThanConstraintComponent", "LessThanOrEqualsConstraintComponent")
            and c is not None
        ):
            op = "<=" if name == "LessThanConstraintComponent" else "<"
            v = stringify_node(self.data_ns, value) if value is not None else ""
            return f"Value of {f}->{stringify_node(sg, c)} {op} {v}"
        if name == "EqualsConstraintComponent" and c is not None:
            v = stringify_node(self.data_ns, value) if value is not None else ""
            return f"Value of {f}->{stringify_node(sg, c)} != {v}"
        return f"{name} not satisfied"


def _format(message: str, bound: dict[str, Node] | None) -> str:
    """pySHACL's ``_format_sparql_based_result_message``: ``{?var}`` / ``{$var}`` by value."""
    if bound is None:
        return message
    for var, val in bound.items():
        message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


__all__ = [
    "Run",
    "URIRef",
    "answers",
    "compile_checks",
    "focus_nodes",
    "merge_focus",
    "reader_for",
    "subclass_closure",
    "units",
]
