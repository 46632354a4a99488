"""Generated docs, comparison pages and served exports, checked against SPARQL answers."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import httpx
import networkx as nx

from digicoop.export.sparql import Select, run_text

from .conftest import ROOT


def test_ontology_docs_anchor_every_term(http: httpx.Client, local: Select) -> None:
    terms = run_text(
        local,
        """PREFIX owl: <http://www.w3.org/2002/07/owl#>
           SELECT DISTINCT ?t WHERE { GRAPH <https://w3id.org/digicoop/graph/ontology> {
             VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
             ?t a ?k . FILTER(isIRI(?t)) } }""",
    )
    page = http.get("/ontology", headers={"Accept": "text/html"}).text
    anchors = set(re.findall(r'<section class="term" id="([^"]+)"', page))
    assert anchors == {row["t"].value.rsplit("#", 1)[1] for row in terms}


def test_topic_docs_list_every_concept(http: httpx.Client, local: Select) -> None:
    concepts = run_text(
        local,
        """SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme>
             <https://w3id.org/digicoop/topic/scheme> }""",
    )
    page = http.get("/topic/").text
    assert page.count('<li class="concept"') == len(concepts)


def test_matrix_csv_has_one_line_per_partner_topic_pair(http: httpx.Client, local: Select) -> None:
    expected = run_text(
        local,
        """PREFIX dco: <https://w3id.org/digicoop/ontology#>
           SELECT (COUNT(DISTINCT CONCAT(STR(?p), STR(?t))) AS ?n) (COUNT(DISTINCT ?v) AS ?v_n)
           WHERE { ?a dco:party ?p ; dco:hasProvision ?v . ?v <http://purl.org/dc/terms/subject> ?t .
                   FILTER(?p != <https://w3id.org/digicoop/id/party/jp>) }""",
    )[0]
    rows = list(csv.DictReader(io.StringIO(http.get("/compare/matrix.csv").text)))
    assert len(rows) == expected["n"].python()
    provisions = {iri for row in rows for iri in row["provision_iris"].split()}
    assert len(provisions) == expected["v_n"].python()
    page = http.get("/compare/matrix.html").text
    assert page.count('<td class="cell">') == len(rows)


def test_timeline_lists_every_dated_event(http: httpx.Client, local: Select) -> None:
    expected = run_text(
        local,
        """PREFIX dco: <https://w3id.org/digicoop/ontology#>
           SELECT (COUNT(*) AS ?n) WHERE {
             { ?s dco:signingDate ?d } UNION { ?a dco:initialTermEnd ?d }
             UNION { ?a dco:noticeDeadline ?d } }""",
    )[0]["n"].python()
    rows = list(csv.DictReader(io.StringIO(http.get("/compare/timeline.csv").text)))
    assert len(rows) == expected
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    page = http.get("/compare/timeline.html").text
    assert page.count("<circle") == expected


def test_served_export_equals_the_command(http: httpx.Client, tmp_path) -> None:
    served = http.get("/export/signatories-agreements-bodies.graphml")
    assert served.status_code == 200
    out = tmp_path / "sab.graphml"
    subprocess.run(
        [sys.executable, "-m", "digicoop.cli", "export", "signatories-agreements-bodies",
         "--format", "graphml", "-o", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert served.content == out.read_bytes()
    assert nx.read_graphml(io.BytesIO(served.content)).number_of_nodes() > 0


def test_unknown_export_is_a_404_naming_what_exists(http: httpx.Client) -> None:
    answer = http.get("/export/agreements-topics.xlsx")
    assert answer.status_code == 404
    assert "graphml" in answer.json()["error"]["message"]
    assert http.get("/export/nope.graphml").status_code == 404
