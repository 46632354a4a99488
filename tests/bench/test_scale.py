"""bench.scale: a dataset of N x k agreements copied from a built one of N."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from bench.scale import copy_iri, replicate

from solutions import select

Q_REUSE = """
PREFIX dco: <https://w3id.org/digicoop/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?reuse (COUNT(?p) AS ?subjects) WHERE { ?reuse a dco:TextReuse ; rdf:subject ?p }
GROUP BY ?reuse
"""


def test_each_copy_is_a_set_of_agreements_of_its_own(project_root: Path, tmp_path: Path) -> None:
    """Copies share the vocabularies and the shared graph; agreements, their graphs and their
    text-reuse records are renamed, so a record qualifies one link of its own copy (a shared
    record would join every copy's links with every other's)."""
    built = project_root / "graphs" / "digicoop.trig"
    original = ox.Store()
    original.bulk_load(path=str(built), format=ox.RdfFormat.TRIG)
    out = tmp_path / "copies.nq"
    replicate(built, 3, out)
    copies = ox.Store()
    copies.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)

    def records(store: ox.Store) -> list[int]:
        rows = select(store, Q_REUSE, use_default_graph_as_union=True)
        return [int(row["subjects"].value) for row in rows]

    assert records(original), "the five have text reuse (Luxembourg repeats Denmark)"
    assert (
        sorted(records(copies)) == sorted(records(original) * 3) == [1] * 3 * len(records(original))
    )
    agreements = (
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/digicoop/ontology#Agreement> }"
    )
    counted = [
        int(r["n"].value) for r in select(copies, agreements, use_default_graph_as_union=True)
    ]
    assert counted == [15]
    ids = "SELECT (COUNT(DISTINCT ?id) AS ?n) WHERE { ?a <https://w3id.org/digicoop/ontology#agreementId> ?id }"
    counted = [int(r["n"].value) for r in select(copies, ids, use_default_graph_as_union=True)]
    assert counted == [15], "each copy's agreements have ids of their own"
    disagreeing = """PREFIX dco: <https://w3id.org/digicoop/ontology#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?reuse WHERE {
      ?reuse rdf:subject/dco:ofAgreement/dco:agreementId ?a ; dco:subjectAgreementId ?a2 ;
        rdf:object/dco:ofAgreement/dco:agreementId ?b ; dco:objectAgreementId ?b2 .
      FILTER(?a != ?a2 || ?b != ?b2) }"""
    assert records(copies), "the copies have reuse records"
    assert select(copies, disagreeing, use_default_graph_as_union=True) == [], (
        "a record's copies of its agreements' ids are its copy's ids"
    )


def test_copy_iri_names_what_the_copy_holds(project_root: Path, tmp_path: Path) -> None:
    """The IRI copy_iri gives an agreement is an agreement of the copies; a shared graph's
    name and a party's IRI are not renamed."""
    built = project_root / "graphs" / "digicoop.trig"
    out = tmp_path / "copies.nq"
    replicate(built, 2, out)
    copies = ox.Store()
    copies.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    agreement = "https://w3id.org/digicoop/id/agreement/japan-denmark-moc"
    ask = f"ASK {{ <{copy_iri(agreement, 1)}> a <https://w3id.org/digicoop/ontology#Agreement> }}"
    assert copies.query(ask, use_default_graph_as_union=True)
    for kept in ("https://w3id.org/digicoop/graph/shared", "https://w3id.org/digicoop/id/party/jp"):
        assert copy_iri(kept, 1) == kept
