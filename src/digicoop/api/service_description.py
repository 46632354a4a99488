"""The SPARQL 1.1 Service Description answered on GET /sparql without a query.

Built with rdflib (it serialises every RDF format we offer, and this graph is tiny), once per
endpoint URL and media type.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENT = Namespace("http://www.w3.org/ns/entailment/")
VOID = Namespace("http://rdfs.org/ns/void#")

RESULT_FORMATS = [
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG",
]  # fmt: skip

#: canonical media type -> rdflib serialiser name
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


def build(endpoint: str, graphs: tuple[str, ...], triples: int, federation: bool) -> Graph:
    """The description graph of the endpoint at ``endpoint`` serving ``graphs``."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.bind("void", VOID)
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if federation:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    graph.add((service, SD.defaultEntailmentRegime, ENT.Simple))
    dataset = BNode("dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for name in graphs:
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return graph


@lru_cache(maxsize=64)
def render(
    endpoint: str, graphs: tuple[str, ...], triples: int, federation: bool, media_type: str
) -> bytes:
    """The description serialised as ``media_type`` (a key of :data:`RDFLIB_FORMATS`)."""
    data = build(endpoint, graphs, triples, federation).serialize(format=RDFLIB_FORMATS[media_type])
    return data.encode() if isinstance(data, str) else data
