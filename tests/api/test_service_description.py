"""The W3C SPARQL 1.1 Service Description tests (manifest entries by name) and more."""

from __future__ import annotations

from typing import cast

import httpx
import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .server import FIXTURES, KASEI, W3C, Server

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHAPE = FIXTURES / "api" / "service-description-shape.ttl"


def manifest_entries() -> list[str]:
    graph = Graph().parse(W3C / "w3c-service-description-manifest.ttl", format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return [
        str(e).rsplit("#", 1)[-1]
        for e in Collection(graph, cast(Node, graph.value(manifest, MF.entries)))
    ]


ENTRIES = manifest_entries()


def fetch(server: Server, accept: str = "text/turtle") -> tuple[httpx.Response, Graph]:
    response = httpx.get(f"{server.url}/sparql", headers={"accept": accept}, timeout=30)
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld",
           "application/n-triples": "nt"}[accept]  # fmt: skip
    return response, Graph().parse(data=response.content, format=fmt)


def check_returns_rdf(server: Server) -> None:
    for accept in ("text/turtle", "application/rdf+xml", "application/ld+json"):
        response, graph = fetch(server, accept)
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == accept
        assert (None, RDF.type, SD.Service) in graph


def check_has_endpoint_triple(server: Server) -> None:
    _, graph = fetch(server)
    assert (None, SD.endpoint, URIRef(f"{server.url}/sparql")) in graph


def check_conforms_to_schema(server: Server) -> None:
    _, graph = fetch(server)
    conforms, _, report = validate(graph, shacl_graph=Graph().parse(SHAPE), inference="none")
    assert conforms, report


CHECKS = {
    "returns-rdf": check_returns_rdf,
    "has-endpoint-triple": check_has_endpoint_triple,
    "conforms-to-schema": check_conforms_to_schema,
}


def test_every_manifest_entry_has_a_check() -> None:
    assert sorted(ENTRIES) == sorted(CHECKS)


@pytest.mark.parametrize("entry", ENTRIES)
def test_service_description(w3c_server: Server, entry: str) -> None:
    CHECKS[entry](w3c_server)


def test_description_lists_dataset_language_and_formats(w3c_server: Server) -> None:
    _, graph = fetch(w3c_server)
    service = next(graph.subjects(RDF.type, SD.Service))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle"} <= formats
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert names == {KASEI.format(n) for n in (1, 2, 3)}


def test_description_not_acceptable(w3c_server: Server) -> None:
    response = httpx.get(f"{w3c_server.url}/sparql", headers={"accept": "image/png"}, timeout=30)
    assert response.status_code == 406
