"""Break the *real* graph one way at a time; each break must be caught by the right rule.

The committed dataset is loaded into Oxigraph once per case, changed with one SPARQL Update
(issue 4, item 5: a dropped name, a date as a plain string, a topic outside the scheme, a fact
without evidence, a duplicated eId, a quote's span shifted by one) and validated with the
default engine. A defect in real data also orphans the facts around it, so each case lists
the results that must be there, with their messages, rather than all the results.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from digicoop.validate import validate_graph
from digicoop.validate.report import render

from .conftest import ROOT, SPARQL_PREFIXES

DATASET = ROOT / "graphs" / "digicoop.trig"
DCOSH = "https://w3id.org/digicoop/shapes#"


@dataclass(frozen=True)
class Mutation:
    name: str
    update: str
    shape: str  # the rule that must catch it (local name in dcosh:)
    message: str  # a fragment of the message it must give
    path: str | None = None


MUTATIONS = [
    Mutation(
        "drop a person's name",
        """DELETE { GRAPH ?g { ?p foaf:name ?n } } WHERE {
             { SELECT ?p WHERE { GRAPH ?h { ?p a foaf:Person } } ORDER BY ?p LIMIT 1 }
             GRAPH ?g { ?p foaf:name ?n } }""",
        "Person-name",
        "a person has a foaf:name",
        "http://xmlns.com/foaf/0.1/name",
    ),
    Mutation(
        "signing date as a plain string",
        """DELETE { GRAPH ?g { ?s dco:signingDate ?d } } INSERT { GRAPH ?g { ?s dco:signingDate ?plain } }
           WHERE { { SELECT ?s WHERE { GRAPH ?h { ?s dco:signingDate ?x } } ORDER BY ?s LIMIT 1 }
                   GRAPH ?g { ?s dco:signingDate ?d } BIND (STR(?d) AS ?plain) }""",
        "Signing-signingDate",
        "an xsd:date",
        "https://w3id.org/digicoop/ontology#signingDate",
    ),
    Mutation(
        "topic outside the scheme",
        """DELETE { GRAPH ?g { ?p dcterms:subject ?t } }
           INSERT { GRAPH ?g { ?p dcterms:subject <https://w3id.org/digicoop/topic/not-a-topic> } }
           WHERE { { SELECT ?p ?t WHERE { GRAPH ?h { ?p dcterms:subject ?t } } ORDER BY ?p ?t LIMIT 1 }
                   GRAPH ?g { ?p dcterms:subject ?t } }""",
        "Provision-subject",
        "a concept of topic:scheme",
        "http://purl.org/dc/terms/subject",
    ),
    Mutation(
        "fact without evidence",
        """DELETE { GRAPH ?g { ?e ?p ?o } } WHERE {
             { SELECT ?e WHERE { GRAPH ?h { ?e rdf:predicate dcterms:subject } } ORDER BY ?e LIMIT 1 }
             GRAPH ?g { ?e ?p ?o } }""",
        "Provision-factEvidence",
        "has no dco:Evidence",
        "http://purl.org/dc/terms/subject",
    ),
    Mutation(
        "duplicated provision eId",
        """DELETE { GRAPH ?g { ?b dco:eId ?old } } INSERT { GRAPH ?g { ?b dco:eId ?same } } WHERE {
             { SELECT ?b ?same WHERE { GRAPH ?h {
                 ?a eli:is_part_of ?parent ; dco:eId ?same ; dco:order 1 .
                 ?b eli:is_part_of ?parent ; dco:order 2 } } ORDER BY ?a LIMIT 1 }
             GRAPH ?g { ?b dco:eId ?old } }""",
        "Agreement-uniqueEId",
        "2 provisions of this agreement share the eId",
    ),
    Mutation(
        "quote span shifted by one",
        """DELETE { GRAPH ?g { ?sel oa:start ?s ; oa:end ?e } }
           INSERT { GRAPH ?g { ?sel oa:start ?s1 ; oa:end ?e1 } } WHERE {
             { SELECT ?sel WHERE { GRAPH ?h { ?sel a oa:TextPositionSelector } } ORDER BY ?sel LIMIT 1 }
             GRAPH ?g { ?sel oa:start ?s ; oa:end ?e } BIND (?s + 1 AS ?s1) BIND (?e + 1 AS ?e1) }""",
        "EvidenceQuote",
        "is not the source text at",
        "http://www.w3.org/ns/oa#exact",
    ),
]


@pytest.mark.skipif(not DATASET.exists(), reason="graphs/digicoop.trig not built yet")
@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_mutation_is_caught(mutation: Mutation) -> None:
    store = ox.Store()
    store.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    before = len(store)
    store.update(SPARQL_PREFIXES + mutation.update)
    assert len(store) != before or mutation.name in {
        "signing date as a plain string",
        "topic outside the scheme",
        "duplicated provision eId",
        "quote span shifted by one",
    }
    result = validate_graph(store, ROOT)
    assert not result.conforms
    caught = [
        f
        for f in result.violations
        if f.shape == DCOSH + mutation.shape and (mutation.path is None or f.path == mutation.path)
    ]
    assert caught, render(result, "text")
    assert any(mutation.message in f.message for f in caught), [f.message for f in caught]
    if mutation.shape != "Person-name":  # persons are shared between agreements
        assert all(f.agreement for f in caught)  # the report says which agreement to fix


@pytest.mark.skipif(not DATASET.exists(), reason="graphs/digicoop.trig not built yet")
def test_unchanged_real_graph_conforms() -> None:
    store = ox.Store()
    store.bulk_load(path=str(DATASET), format=ox.RdfFormat.TRIG)
    assert validate_graph(store, ROOT).conforms
