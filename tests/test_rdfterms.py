"""The build's RDF terms write what rdflib's wrote: evidence IRIs hash the object's rdflib N3
form and published graphs carry rdflib's normalised lexical forms, so a change of term
library must not change a byte of either (rdflib is the reference here)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from digicoop import rdfterms as terms

TRICKY = [
    "plain",
    'a "quoted" word',
    "back\\slash",
    "two\nlines",
    'ends with a quote"',
    'two\nlines ending with a quote"',
    'escaped quote at the end\\"\n',
    'triple """ quotes\nand a line',
    "carriage\rreturn",
    "carriage\r\nreturn and line",
    "tab\tand ünïcode — ’",
    "",
]


@pytest.mark.parametrize("value", TRICKY)
def test_a_string_is_written_in_n3_as_rdflib_writes_it(value: str) -> None:
    assert terms.n3(terms.text(value)) == Literal(value).n3()
    assert terms.n3(terms.text(value, "en")) == Literal(value, lang="en").n3()


def test_typed_literals_and_iris_are_written_in_n3_as_rdflib_writes_them() -> None:
    assert terms.n3(terms.integer(42)) == Literal(42).n3()
    assert terms.n3(terms.typed("true", terms.XSD.boolean)) == Literal(True).n3()
    assert terms.n3(terms.typed("en", terms.XSD.language)) == (
        Literal("en", datatype=XSD.language).n3()
    )
    iri = "https://w3id.org/digicoop/id/party/jp"
    assert terms.n3(ox.NamedNode(iri)) == URIRef(iri).n3()


@pytest.mark.parametrize("unit", "YMWD")
def test_a_duration_is_normalised_as_rdflib_normalises_it(unit: str) -> None:
    for amount in range(0, 40):
        lexical = f"P{amount}{unit}"
        expected = Literal(lexical, datatype=XSD.duration)
        assert terms.duration(lexical).value == str(expected), lexical
        assert terms.n3(terms.duration(lexical)) == expected.n3()


def test_a_duration_of_another_form_is_refused() -> None:
    with pytest.raises(ValueError, match="P1Y6M"):
        terms.duration("P1Y6M")


def test_a_misspelt_vocabulary_term_raises() -> None:
    with pytest.raises(AttributeError, match="Agreemnet"):
        _ = terms.DCO.Agreemnet
    with pytest.raises(AttributeError, match="Agreemnet"):
        _ = terms.DCO["Agreemnet"]


def test_triples_convert_to_the_rdflib_terms_they_stand_for() -> None:
    s = terms.ID["agreement/x"]
    converted = terms.as_rdflib(
        {
            (s, terms.DCO.heading, terms.text("Aims", "en")),
            (s, terms.DCO.order, terms.integer(3)),
            (s, terms.DCO.agreementId, terms.text("x")),
        }
    )
    subject = URIRef("https://w3id.org/digicoop/id/agreement/x")
    dco = "https://w3id.org/digicoop/ontology#"
    assert converted == {
        (subject, URIRef(dco + "heading"), Literal("Aims", lang="en")),
        (subject, URIRef(dco + "order"), Literal(3)),
        (subject, URIRef(dco + "agreementId"), Literal("x")),
    }
