"""What provisions do in their instrument (clause types), as a reader of the five sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.annotate import Annotations
from digicoop.annotate.clauses import clause_types, from_heading, load_clauses
from digicoop.model import Provision

EE, DK, LU = "japan-estonia-moc", "japan-denmark-moc", "japan-luxembourg-moc"
EU, UK = "japan-eu-digital-partnership", "japan-uk-digital-partnership"


def types(n: Annotations, eid: str) -> set[str]:
    return {link.concept.rsplit("/", 1)[1] for link in n.clause_types if link.provision.eid == eid}


@pytest.mark.parametrize(
    ("agreement", "eid", "expected"),
    [
        (DK, "sec_1__text_1", {"objective", "applicable-law"}),
        # The items of "Both Sides will cooperate in the following areas:".
        (DK, "sec_2__point_1__item_a", {"areas-of-cooperation"}),
        # "…may be implemented through the followings:" types the items it introduces.
        (DK, "sec_3__item_b", {"forms-of-implementation"}),
        (DK, "sec_4__item_a", {"legal-status"}),
        (DK, "sec_4__item_b", {"confidentiality"}),
        (DK, "sec_4__item_c", {"commencement-and-duration", "renewal-and-discontinuation"}),
        # "the date on which the suspension commences" is no commencement clause.
        (DK, "sec_4__item_d", {"renewal-and-discontinuation"}),
        (DK, "sec_4__item_e", {"modification"}),
        (DK, "signatures", {"signature"}),
        (EE, "sec_1__para_3", {"dispute-settlement"}),
        (EE, "sec_3__para_4", {"funding"}),
        (EE, "sec_4__para_1", {"intellectual-property"}),
        (EE, "sec_5__para_2", {"confidentiality"}),
        (EE, "sec_6__para_5", {"point-of-contact"}),
        (EU, "sec_1__para_11", {"legal-status", "funding"}),
        (EU, "sec_3__para_20", {"governance-body"}),
        (UK, "sec_governance__para_14", {"governance-body"}),
        # Headings group clauses and are none themselves ("Governance" holds final clauses).
        (DK, "sec_4", set()),
    ],
)
def test_clause_types(
    notes: dict[str, Annotations], agreement: str, eid: str, expected: set[str]
) -> None:
    assert types(notes[agreement], eid) == expected


def _statement(text: str) -> set[str]:
    lexicon = load_clauses(Path(__file__).parents[2] / "ontology")
    provision = Provision("p", "item", None, None, text, 0, len(text), tuple(range(len(text) + 1)))
    return {
        link.concept.rsplit("/", 1)[1]
        for link in clause_types(provision, lexicon, lambda: ("", []))
    }


def test_a_final_clause_speaks_of_the_instrument() -> None:
    """In a fact sheet, "commencing advanced training" commences no instrument."""
    text = "Working toward commencing advanced training for astronauts at the Johnson Space Center."
    assert _statement(text) == {"areas-of-cooperation"}
    assert _statement("This Framework will commence on the date of its signature.") == {
        "commencement-and-duration"
    }


def test_what_participants_undertake_outweighs_what_they_recognise() -> None:
    assert _statement("We recognize the importance of the technological ties.") == {"principles"}
    assert _statement("We recognize these ties. We will launch an exchange programme.") == {
        "areas-of-cooperation"
    }
    # A sentence is read by its first cue: a view that says what it would promote is a view.
    assert _statement("We recognize that these ties promote growth.") == {"principles"}


def test_every_clause_quote_lies_in_its_provision(notes: dict[str, Annotations]) -> None:
    for n in notes.values():
        for link in n.clause_types:
            assert link.quote.text, link


def _headed(heading: str) -> set[str]:
    lexicon = load_clauses(Path(__file__).parents[2] / "ontology")
    provision = Provision("s", "section", None, heading, heading, 0, 1, (0, 1))
    return {link.concept.rsplit("/", 1)[1] for link in from_heading(provision, lexicon)}


def test_a_heading_names_a_clause_type_only_as_a_whole() -> None:
    assert _headed("Confidentiality") == {"confidentiality"}
    assert _headed("Protection of Intellectual Property Rights") == {"intellectual-property"}
    assert _headed("Implementation, Enforcement, and Final Provisions") == set()


def test_a_treatys_final_articles() -> None:
    """Binding texts say "Either Party may terminate this Agreement…"."""
    text = (
        "Either Party may terminate this Agreement by written notification to the other Party. "
        "Termination shall take effect 180 days after the date of the notification."
    )
    assert _statement(text) == {"renewal-and-discontinuation"}
    assert _statement("This Agreement shall enter into force 60 days after signature.") == {
        "commencement-and-duration"
    }


def test_an_intellectual_property_heading_over_a_commitment_of_substance() -> None:
    """Under "Intellectual Property", "Malaysia shall provide … protection" commits to a
    policy; it is no clause about the instrument's own intellectual property."""
    lexicon = load_clauses(Path(__file__).parents[2] / "ontology")
    text = "Malaysia shall provide a robust standard of protection for intellectual property."
    provision = Provision("p", "text", None, None, text, 0, len(text), tuple(range(len(text) + 1)))
    heading = Provision(
        "h", "section", None, "Intellectual Property", "Intellectual Property", 0, 1, (0, 1)
    )
    implied = ("heading", from_heading(heading, lexicon))
    links = clause_types(provision, lexicon, lambda: implied)
    assert {link.concept.rsplit("/", 1)[1] for link in links} == {"areas-of-cooperation"}
