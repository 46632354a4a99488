"""Each shape, on its own: the fixture conforms, and each case breaks it in exactly one way.

The cases are data (tests/fixtures/shapes/cases.toml): a SPARQL Update applied to the
conforming fixture and the exact set of results expected, as (shape, focus node, path,
severity). Every shape of shapes/*.ttl must be exercised by at least one case.
"""

from __future__ import annotations

import tomllib

import pytest
from rdflib import Graph, URIRef

from digicoop.validate import validate_graph
from digicoop.validate.report import render
from digicoop.vocab import RDF, RDFS, SH

from .conftest import FIXTURES, ROOT, broken, expand

CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]


def _key(severity: str, shape: str, focus: str, path: str | None) -> tuple[str, str, str, str]:
    return (severity, shape, focus, path or "")


def test_fixture_conforms_without_warnings(good_graph: Graph) -> None:
    result = validate_graph(good_graph, ROOT)
    assert result.findings == [], render(result, "text")


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(good_graph: Graph, case: dict) -> None:
    result = validate_graph(broken(good_graph, case["update"]), ROOT)
    got = {_key(f.severity, f.shape, f.focus, f.path) for f in result.findings}
    expected = {
        _key(e.get("severity", "Violation"), expand(e["shape"]), expand(e["focus"]),
             expand(e["path"]) if e.get("path") else None)
        for e in case["expect"]
    }  # fmt: skip
    assert got == expected, render(result, "text")
    for finding in result.findings:
        assert finding.message and finding.shape_label


def test_every_shape_has_a_case() -> None:
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path)
    named = {
        str(s)
        for s in shapes.subjects(RDFS.label, None)
        if isinstance(s, URIRef)
        and any(
            (s, RDF.type, kind) in shapes
            for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
        )
    }
    covered = {expand(e["shape"]) for case in CASES for e in case["expect"]}
    covered |= {expand(name) for case in CASES for name in case.get("also_covers", [])}
    assert sorted(named - covered) == []


def test_every_shape_is_labelled_with_a_message() -> None:
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path)
    for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint):
        for shape in shapes.subjects(RDF.type, kind):
            if isinstance(shape, URIRef):
                assert shapes.value(shape, RDFS.label), f"{shape} has no rdfs:label"
                assert shapes.value(shape, SH.message), f"{shape} has no sh:message"


def test_a_finding_about_an_evidence_target_shows_its_words(good_graph: Graph) -> None:
    """A target is shared by the facts that quote its span; a defect of the target itself
    is shown with the words it selects (fixture: "will cooperate", para_1's modal verb)."""
    update = """INSERT { ?t oa:hasSource ag:para_2 }
                WHERE { ev:832ae5dc9090994d oa:hasTarget ?t }"""
    result = validate_graph(broken(good_graph, update), ROOT)
    (finding,) = result.findings
    assert finding.shape == expand("dcosh:EvidenceTarget-source")
    assert finding.quote == "will cooperate"


def test_a_reuse_link_without_its_record_names_both_provisions(good_graph: Graph) -> None:
    """The finding's focus is the reusing provision and its message names the reused one (the
    provision a reader looks for in graph:reuse's records)."""
    unrecorded = broken(good_graph, "INSERT DATA { ag:para_1 dco:reuses ag:para_2 }")
    (finding,) = validate_graph(unrecorded, ROOT).findings
    assert (finding.shape, finding.focus) == (
        expand("dcosh:Provision-reuseRecorded"),
        expand("ag:para_1"),
    )
    assert finding.value == expand("ag:para_2")
    assert finding.message == (
        f"the dco:reuses link to {expand('ag:para_2')} has no dco:TextReuse (rdf:subject this"
        f" provision, rdf:predicate dco:reuses, rdf:object {expand('ag:para_2')})"
    )
