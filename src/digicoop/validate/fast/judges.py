"""The Python half of the checks SPARQL cannot decide as pySHACL does, written like its code.

Each judge receives a candidate row (rdflib terms) and says whether it is a real violation.
They follow pySHACL 0.40's ``DatatypeConstraintComponent``, ``PatternConstraintComponent``,
``Min/MaxInclusive/Exclusive`` and ``LessThan`` line by line, because the differential test
demands identical reports, quirks included (rdflib decides whether ``"2023-02-30"^^xsd:date``
is ill-typed; Python's ``re`` decides a pattern; rdflib orders literals).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

Judge = Callable[[dict[str, Node]], bool]

_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def quiet_literal(lexical: str, datatype: URIRef | None = None, lang: str | None = None) -> Literal:
    """An rdflib literal, without the log lines rdflib writes for an ill-typed one."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Literal(lexical, datatype=datatype, lang=lang)
    finally:
        logger.setLevel(level)


def _actual(value: Literal, datatype: URIRef) -> bool:
    expected = _PYTHON_TYPES.get(datatype)
    return True if expected is None else isinstance(value.value, expected)


def datatype_violated(v: Node, rule: URIRef) -> bool:
    """pySHACL's ``DatatypeConstraintComponent.evaluate`` for one value node."""
    if not isinstance(v, Literal):
        return True
    if v.datatype == rule:
        return getattr(v, "ill_typed", None) is True or not _actual(v, rule)
    if rule == RDFS.Literal or (rule == RDFS.Datatype and v.datatype):
        return False
    if v.datatype is None and v.language is None and rule == XSD.string:
        return not _actual(v, rule)
    if rule == RDF.langString and v.language:
        return not _actual(v, rule)
    return True


def datatype(rule: URIRef) -> Judge:
    return lambda row: datatype_violated(row["v"], rule)


def _as_string(v: Node) -> str:
    if (
        isinstance(v, Literal)
        and v.value is not None
        and v.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(v.value)
    return str(v)


def pattern(regex: str, flags: str) -> Judge:
    re_flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
    compiled = re.compile(regex, re_flags)

    @lru_cache(maxsize=65536)
    def violated(v: Node) -> bool:
        return isinstance(v, BNode) or not compiled.search(_as_string(v))

    return lambda row: violated(row["v"])


def compare(op: str, bound: Literal) -> Judge:
    """pySHACL's value-range check: ``v op bound`` must hold; strings only against strings."""
    bound_is_string = isinstance(bound.value, str)

    def violated(row: dict[str, Node]) -> bool:
        v = row["v"]
        if not isinstance(v, Literal) or bound_is_string != isinstance(v.value, str):
            return True
        try:
            c = compare_literal(v, bound)
        except (TypeError, NotImplementedError):
            return True
        return not {">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0}[op]

    return violated


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def less_than(op: str) -> Judge:
    """pySHACL's ``_compare_lt`` (and ``<=``) for one (value, other value) pair."""

    def violated(row: dict[str, Node]) -> bool:
        value, value_is_string = _comparable(row["v"])
        other, other_is_string = _comparable(row["o"])
        if value_is_string != other_is_string:
            return True
        try:
            return not (value < other if op == "<" else value <= other)  # type: ignore[operator]
        except TypeError:
            return True

    return violated
