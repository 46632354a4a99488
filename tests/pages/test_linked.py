"""Every IRI the graph mints under https://w3id.org/digicoop/ resolves on the server."""

from __future__ import annotations

import html
import json

import httpx
import pytest
import rdflib

from digicoop.export.sparql import Select, run_text

BASE = "https://w3id.org/digicoop/"
JP = BASE + "id/party/jp"
DENMARK = BASE + "id/agreement/japan-denmark-moc"


def path(iri: str) -> str:
    return "/" + iri[len(BASE) :].split("#", 1)[0]


def test_one_of_every_kind_of_minted_iri_resolves(http: httpx.Client, local: Select) -> None:
    rows = run_text(
        local,
        """SELECT DISTINCT ?iri WHERE { GRAPH ?g { { ?iri ?p ?o } UNION { ?s ?p ?iri } }
           FILTER(isIRI(?iri) && STRSTARTS(STR(?iri), "https://w3id.org/digicoop/")) }""",
    )
    kinds: dict[str, str] = {}
    for row in rows:
        iri = row["iri"].value
        parts = iri[len(BASE) :].replace("#", "/#").split("/")
        # kind: namespace, plus the resource type under id/ (agreement/x/evidence/...)
        kind = "/".join(p for p in parts[:1] + parts[1:2] + parts[3:4] if not p.startswith("#"))
        if "#" in iri:
            kind += "#" + iri.split("#", 1)[1].split("/")[0][:8]
        kinds.setdefault(kind, iri)
    assert len(kinds) >= 15, sorted(kinds)
    failures = {}
    for kind, iri in sorted(kinds.items()):
        answer = http.get(path(iri), headers={"Accept": "text/html"})
        if answer.status_code != 200:
            failures[kind] = (iri, answer.status_code)
    assert failures == {}


def test_resource_page_shows_facts_evidence_and_neighbours(http: httpx.Client) -> None:
    answer = http.get(path(DENMARK) + "?view=facts", headers={"Accept": "text/html,*/*;q=0.8"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "Accept" in answer.headers["vary"]
    page = answer.text
    assert "japan-denmark-moc" in page
    assert "<blockquote>" in page  # a quote from the source text as evidence
    assert 'href="/id/party/dk"' in page  # neighbours link to their own pages
    assert 'href="/id/agreement/japan-denmark-moc/signatures"' in page


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_content_negotiation(http: httpx.Client, accept: str, rdf_format: str) -> None:
    answer = http.get(path(JP), headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=answer.text, format=rdf_format)
    label = graph.value(rdflib.URIRef(JP), rdflib.SKOS.prefLabel)
    assert str(label) == "Japan"


def test_format_parameter_overrides_accept(http: httpx.Client) -> None:
    answer = http.get(path(JP), params={"format": "ttl"}, headers={"Accept": "text/html"})
    assert answer.headers["content-type"].startswith("text/turtle")


def test_fragment_iris_are_described_on_their_base_page(http: httpx.Client, local: Select) -> None:
    """An evidence target's page (id:agreement/X/quote/…) describes its #quote selector too."""
    target = run_text(
        local,
        "SELECT ?t WHERE { ?e a <https://w3id.org/digicoop/ontology#Evidence> ; "
        "<http://www.w3.org/ns/oa#hasTarget> ?t } LIMIT 1",
    )[0]["t"].value
    graph = rdflib.Graph().parse(
        data=http.get(path(target), params={"format": "nt"}).text, format="nt"
    )
    quote = rdflib.URIRef(target + "#quote")
    assert graph.value(quote, rdflib.URIRef("http://www.w3.org/ns/oa#exact")) is not None


def test_concepts_graphs_and_ontology_resolve(http: httpx.Client) -> None:
    topic = http.get("/topic/artificial-intelligence", headers={"Accept": "text/turtle"})
    assert topic.status_code == 200 and "artificial intelligence" in topic.text.lower()
    graph = http.get("/graph/japan-denmark-moc", params={"format": "nt"})
    assert graph.status_code == 200 and len(graph.text.splitlines()) > 100
    ontology = http.get("/ontology", headers={"Accept": "text/turtle"})
    parsed = rdflib.Graph().parse(data=ontology.text, format="turtle")
    assert (rdflib.URIRef(BASE + "ontology#Agreement"), rdflib.RDF.type, rdflib.OWL.Class) in parsed


def test_unknown_iri_is_a_404_in_the_one_error_shape(http: httpx.Client) -> None:
    answer = http.get("/id/party/atlantis")
    assert answer.status_code == 404
    assert json.loads(answer.text)["error"]["code"] == "not-found"
    assert http.get("/graph/atlantis").status_code == 404


def test_nothing_acceptable_is_a_406(http: httpx.Client) -> None:
    answer = http.get(path(JP), headers={"Accept": "image/png"})
    assert answer.status_code == 406
    assert answer.json()["error"]["code"] == "not-acceptable"


def test_an_evidence_records_page_shows_the_words_it_quotes(
    http: httpx.Client, local: Select
) -> None:
    """The quote lives on the span's target, shared by the facts quoting it (docs/MODEL.md,
    Evidence); the record's page still shows the words, as the target's label."""
    row = run_text(
        local,
        """PREFIX oa: <http://www.w3.org/ns/oa#>
           PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           SELECT ?e ?exact WHERE {
             ?e a <https://w3id.org/digicoop/ontology#Evidence> ;
                rdf:predicate <https://w3id.org/digicoop/ontology#clauseType> ;
                oa:hasTarget/oa:hasSelector/oa:exact ?exact .
           } ORDER BY ?e LIMIT 1""",
    )[0]
    page = http.get(path(row["e"].value), headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert html.escape(row["exact"].value, quote=False) in page.text
