"""The generated vocabulary matches the ontology, and the ontology covers docs/MODEL.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from digicoop import vocabgen
from digicoop.vocab import DCO

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "docs" / "MODEL.md"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "digicoop.ttl", format="turtle")


def test_vocab_is_not_stale() -> None:
    current = (ROOT / "src" / "digicoop" / "vocab.py").read_text(encoding="utf-8")
    assert vocabgen.render() == current, "vocab.py is stale: run python -m digicoop.vocabgen"


def test_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = DCO.Agreemnet  # type: ignore[attr-defined]


def test_every_dco_term_of_the_model_is_declared(ontology: Graph) -> None:
    used = set(re.findall(r"`dco:([A-Za-z0-9]+)", MODEL.read_text(encoding="utf-8")))
    declared = {
        str(s)[len(vocabgen.DCO_NS) :]
        for s in ontology.subjects()
        if isinstance(s, URIRef) and str(s).startswith(vocabgen.DCO_NS)
    }
    assert used - declared == set()


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_is_documented(ontology: Graph, kind: URIRef) -> None:
    for term in ontology.subjects(RDF.type, kind):
        if not isinstance(term, URIRef):
            continue  # an owl:unionOf domain
        assert ontology.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment), f"{term} has no rdfs:comment"
        if kind != OWL.Class:
            assert ontology.value(term, RDFS.range), f"{term} has no rdfs:range"


def test_ontology_has_one_version_in_both_places(ontology: Graph) -> None:
    iri = URIRef("https://w3id.org/digicoop/ontology")
    version = ontology.value(iri, OWL.versionInfo)
    assert version is not None
    # the version IRI names the same version (they drifted apart once: 0.2.0 beside 0.3.0)
    assert ontology.value(iri, OWL.versionIRI) == URIRef(f"{iri}/{version}")
