"""The fast engine on its own: its doctests, its refusals, and the fallback to pySHACL."""

from __future__ import annotations

import doctest
import warnings

import pytest
from rdflib import Graph

import digicoop.validate.fast as fast
from digicoop.validate.fast import Unsupported, supports

SHAPE = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; {} ."""


def test_doctests() -> None:
    assert doctest.testmod(fast).failed == 0


@pytest.mark.parametrize(
    "feature",
    [
        "sh:closed true",
        "sh:property [ sh:path ex:p ; sh:someFutureConstraint 1 ]",
        "sh:sparql [ a sh:SPARQLConstraint ; sh:ask 'ASK {}' ]",
        "sh:sparql [ a sh:SPARQLConstraint ; sh:select 'SELECT $this WHERE { { SELECT ?x {} } }' ]",
    ],
)
def test_unknown_features_are_refused(feature: str) -> None:
    with pytest.raises(Unsupported):
        supports(Graph().parse(data=SHAPE.format(feature), format="turtle"))


def test_the_project_shapes_are_supported() -> None:
    from digicoop.validate import shacl

    from .conftest import ROOT

    supports(shacl.shapes_graph(ROOT / "shapes"))


def test_pattern_python_only_syntax_is_judged_in_python() -> None:
    """Rust regex has no look-ahead: such a pattern is decided by Python's re, as pySHACL does."""
    shapes = Graph().parse(
        data=SHAPE.format("sh:property [ sh:path ex:p ; sh:pattern '^(?!/).+$' ]"), format="turtle"
    )
    data = Graph().parse(
        data="""@prefix ex: <http://example.org/> .
        ex:a a ex:C ; ex:p "/abs", "rel", "ok\\n" .""",
        format="turtle",
    )
    report, _, _ = fast.validate(data, shapes, Graph())
    sh = "http://www.w3.org/ns/shacl#"
    values = {
        str(v) for v in report.objects(None, Graph().namespace_manager.expand_curie("sh:value"))
    }
    assert values == {"/abs"}, sh


def test_fallback_warns(monkeypatch: pytest.MonkeyPatch, good_graph: Graph) -> None:
    from digicoop.validate import validate_graph

    from .conftest import ROOT

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise Unsupported("sh:imaginary")

    monkeypatch.setattr(fast, "validate", refuse)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = validate_graph(good_graph, ROOT)
    assert result.conforms
    assert any("sh:imaginary" in str(w.message) for w in caught)


def test_numbers_against_numeric_bounds_are_judged_as_pyshacl_does() -> None:
    """Integers and decimals against integer and decimal bounds are compared in SPARQL; the
    values the fast engine finds out of range are pySHACL's, odd forms included."""
    from pyshacl import validate as pyshacl_validate

    shapes = Graph().parse(
        data=SHAPE.format(
            "sh:property [ sh:path ex:p ; sh:minInclusive 0 ; sh:maxInclusive 1 ] , "
            "[ sh:path ex:q ; sh:minExclusive 0.5 ; sh:maxExclusive 2.0 ]"
        ),
        format="turtle",
    )
    data = Graph().parse(
        data="""@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:a a ex:C ; ex:p 0.5, 1.0, 1.5, -0.1, 0, 2, "1.00"^^xsd:decimal, "+1"^^xsd:integer,
            "1e0"^^xsd:double, "x"^^xsd:decimal, "0.5" ;
            ex:q 0.5, 0.51, 1, 2, 2.5, 1.99, "0.5"^^xsd:integer, "abc" .""",
        format="turtle",
    )
    value = Graph().namespace_manager.expand_curie("sh:value")
    report, _, _ = fast.validate(data, shapes, Graph())
    _conforms, reference, _text = pyshacl_validate(data, shacl_graph=shapes)
    found = {(str(v), v.datatype) for v in report.objects(None, value)}  # type: ignore[attr-defined]
    expected = {(str(v), v.datatype) for v in reference.objects(None, value)}  # type: ignore[attr-defined]
    assert found == expected
    assert ("1.5", Graph().namespace_manager.expand_curie("xsd:decimal")) in found
