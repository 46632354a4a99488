"""The dataset describes itself: /.well-known/void, graph:dataset, the JSON-LD @context."""

from __future__ import annotations

import json

import httpx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from digicoop.export.sparql import Select, run_text

VOID = "http://rdfs.org/ns/void#"
DATASET = URIRef("https://w3id.org/digicoop/id/dataset")


def test_void_counts_what_is_served(http: httpx.Client, local: Select) -> None:
    answer = http.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    described = "https://w3id.org/digicoop/graph/dataset"
    counts = run_text(
        local,
        f"SELECT ?g (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{described}>) }}"
        " GROUP BY ?g",
    )
    expected = {row["g"].value: int(row["n"].value) for row in counts}
    subsets = {
        str(graph.value(s, URIRef("http://www.w3.org/ns/sparql-service-description#name"))): int(
            str(graph.value(s, URIRef(VOID + "triples")))
        )
        for s in graph.objects(DATASET, URIRef(VOID + "subset"))
    }
    assert subsets == expected
    assert int(str(graph.value(DATASET, URIRef(VOID + "triples")))) == sum(expected.values())
    assert graph.value(DATASET, DCTERMS.license) == URIRef("https://opensource.org/license/mit")
    assert isinstance(graph.value(DATASET, DCTERMS.modified), Literal)  # the build date
    assert str(graph.value(DATASET, URIRef(VOID + "sparqlEndpoint"))).endswith("/sparql")
    # the texts' sources: each file and its digest, where no publication address is known
    sources = list(graph.objects(DATASET, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    sources += list(graph.objects(DATASET, DCTERMS.source))
    assert len(sources) == len(
        run_text(local, "SELECT ?a { ?a a <https://w3id.org/digicoop/ontology#Agreement> }")
    )


def test_void_page_and_data_dump(http: httpx.Client) -> None:
    page = http.get("/.well-known/void", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="subsets"' in page.text
    dump = http.get("/graphs/digicoop.trig")
    assert dump.status_code == 200 and "<https://w3id.org/digicoop/graph/dataset>" in dump.text


def test_json_ld_answers_carry_a_context(http: httpx.Client) -> None:
    answer = http.get("/id/party/dk", headers={"Accept": "application/ld+json"})
    document = answer.json()
    assert document["@context"]["dco"] == "https://w3id.org/digicoop/ontology#"
    assert "Denmark" in json.dumps(document)
    context = http.get("/context.jsonld").json()["@context"]
    assert context["topic"] == "https://w3id.org/digicoop/topic/"
