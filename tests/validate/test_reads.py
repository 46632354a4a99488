"""What the shapes read from a focus node, predicate by predicate and direction by direction."""

from __future__ import annotations

from rdflib import Graph

from digicoop.validate import shacl
from digicoop.validate.reads import ANY, read_directions

from .conftest import ROOT

EX = "http://example.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""


def reads_of(turtle: str):  # type: ignore[no-untyped-def]
    return read_directions(Graph().parse(data=PREFIXES + turtle, format="turtle"))


def sparql_shape(select: str) -> str:
    return f"""ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"\"\"
        PREFIX ex: <http://example.org/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        {select}\"\"\" ] ."""


def test_a_property_path_is_read_in_its_own_direction() -> None:
    reads = reads_of("""ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ex:a ] ,
            [ sh:path [ sh:inversePath ex:b ] ] ,
            [ sh:path ( ex:c [ sh:inversePath ex:d ] ) ] .""")
    assert reads.forward(EX + "a") and not reads.backward(EX + "a")
    assert reads.backward(EX + "b") and not reads.forward(EX + "b")
    assert reads.forward(EX + "c") and reads.backward(EX + "d")
    assert not reads.backward(EX + "c") and not reads.forward(EX + "d")


def test_targets_read_types_forwards_and_objects_of_backwards() -> None:
    reads = reads_of("ex:S a sh:NodeShape ; sh:targetObjectsOf ex:linksTo .")
    assert reads.backward(EX + "linksTo") and not reads.forward(EX + "linksTo")
    assert reads.forward(RDF + "type")


def test_a_sparql_constraint_is_walked_from_this() -> None:
    # the evidence pattern of shapes/core.ttl: the fact's evidence is found from the fact's
    # subject ($this, backwards along rdf:subject), its object then read forwards from it
    reads = reads_of(
        sparql_shape("""SELECT $this ?value WHERE {
            $this ?path ?value .
            FILTER NOT EXISTS { ?evidence rdf:subject $this ; rdf:object ?value ;
                                          rdf:predicate ?path . }
        }""")
    )
    assert reads.backward(RDF + "subject")
    assert reads.forward(RDF + "object") and not reads.backward(RDF + "object")
    assert (ANY, True) in reads.pairs and (ANY, False) not in reads.pairs
    assert reads.forward(EX + "anything") and not reads.backward(EX + "anything")


def test_a_pattern_not_joined_to_this_is_read_both_ways() -> None:
    reads = reads_of(
        sparql_shape("""SELECT $this WHERE {
            $this ex:a ?x . FILTER EXISTS { ?y ex:elsewhere ?z } }""")
    )
    assert reads.forward(EX + "elsewhere") and reads.backward(EX + "elsewhere")
    assert not reads.backward(EX + "a")


def test_the_project_shapes_never_read_a_reuse_link_from_the_reused_side() -> None:
    # shapes/core.ttl checks a dco:reuses value and a text-reuse record from the reusing
    # provision and from the record; nothing walks from the reused provision back to them
    reads = read_directions(shacl.shapes_graph(ROOT / "shapes"))
    dco = "https://w3id.org/digicoop/ontology#"
    assert reads.forward(dco + "reuses") and not reads.backward(dco + "reuses")
    assert not reads.backward(RDF + "object")
    assert reads.backward(RDF + "subject")  # the facts' evidence, from the fact's subject
    assert reads.backward(dco + "ofAgreement")  # an agreement's provisions (unique eIds)


def test_what_follows_a_step_is_known_step_by_step() -> None:
    # ex:a's values are judged by their type only; ex:b's values by their ex:c, whose
    # values by their ex:d: nothing else is read at a node reached by ex:a
    reads = reads_of("""ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ex:a ; sh:class ex:D ] ,
            [ sh:path ex:b ; sh:node ex:N ] .
        ex:N a sh:NodeShape ; sh:property [ sh:path ( ex:c ex:d ) ; sh:minCount 1 ] .""")
    assert reads.forward_after((EX + "a", True), RDF + "type")
    assert not reads.forward_after((EX + "a", True), EX + "c")
    assert reads.forward_after((EX + "b", True), EX + "c")
    assert reads.forward_after((EX + "c", True), EX + "d")
    assert not reads.forward_after((EX + "b", True), EX + "d")


def test_a_variable_predicate_reads_everything_after_its_step() -> None:
    # the evidence-asserted pattern: from an evidence node, its subject's every predicate
    reads = reads_of(
        sparql_shape("""SELECT $this ?s WHERE {
            $this rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
            FILTER NOT EXISTS { ?s ?p ?o } }""")
    )
    assert reads.forward_after((RDF + "subject", True), EX + "anything")
    assert not reads.forward_after((RDF + "object", True), EX + "anything")
