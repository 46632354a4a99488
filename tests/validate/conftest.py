"""Shared fixtures: the conforming fixture graph and a way to break it with SPARQL Update."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from digicoop.validate.load import load

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"

PREFIXES = {
    "dco": "https://w3id.org/digicoop/ontology#",
    "dcosh": "https://w3id.org/digicoop/shapes#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "freq": "http://purl.org/cld/freq/",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "https://w3id.org/digicoop/id/",
    "topic": "https://w3id.org/digicoop/topic/",
    "modality": "https://w3id.org/digicoop/modality/",
    "status": "https://w3id.org/digicoop/legal-status/",
    "role": "https://w3id.org/digicoop/role/",
    "entity": "https://w3id.org/digicoop/id/entity/",
    "agreement": "https://w3id.org/digicoop/id/agreement/",
    "ag": "https://w3id.org/digicoop/id/agreement/fixture-moc/",
    "ev": "https://w3id.org/digicoop/id/agreement/fixture-moc/evidence/",
    "party": "https://w3id.org/digicoop/id/party/",
    "orgs": "https://w3id.org/digicoop/id/org/",
    "body": "https://w3id.org/digicoop/id/body/",
    "person": "https://w3id.org/digicoop/id/person/",
    "place": "https://w3id.org/digicoop/id/place/",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def expand(name: str) -> str:
    """``dco:party`` → full IRI; ``^eli:has_part`` and ``a/b`` paths expanded step by step."""
    if name.startswith("^"):
        return "^<" + expand(name[1:]) + ">"
    if "/" in name and name.split("/")[0].count(":") == 1 and ":" in name.split("/")[1]:
        return "/".join(f"<{expand(step)}>" for step in name.split("/"))
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else name


@pytest.fixture(scope="session")
def good_graph() -> Graph:
    graph = Graph()
    for s, p, o, _ in load([FIXTURES / "good.trig"]).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def broken(good: Graph, update: str) -> Graph:
    graph = Graph()
    for triple in good:
        graph.add(triple)
    graph.update(SPARQL_PREFIXES + update)
    return graph
