"""Citations found by their form in any text, beside the gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.annotate.citations import Reader, load_heads
from digicoop.annotate.lexicon import load_lexicon
from digicoop.annotate.parties import load_parties
from digicoop.model import Provision


def reader(project_root: Path, title: str = "", bodies: tuple[str, ...] = ()) -> Reader:
    ontology = project_root / "ontology"
    r = Reader(load_lexicon(ontology), load_heads(ontology), load_parties(ontology))
    r.speak(title, bodies)
    return r


def cited(r: Reader, text: str) -> dict[str, tuple[str, str | None]]:
    """Label → (kind, acronym) of what ``text`` cites."""
    p = Provision("p", "paragraph", None, None, text, 0, len(text), tuple(range(len(text) + 1)))
    return {c.entity.label: (c.entity.kind, c.entity.acronym) for c in r.cite(p, ())}


@pytest.mark.parametrize(
    ("text", "label", "kind", "acronym"),
    [
        (
            "The Office of Science and Technology Policy (OSTP) will convene experts.",
            "Office of Science and Technology Policy",
            "Organisation",
            "OSTP",
        ),
        (
            "the National Telecommunications and Information Administration (NTIA) and partners",
            "National Telecommunications and Information Administration",
            "Organisation",
            "NTIA",
        ),
        (
            "with the Department of Energy (DOE) laboratories",
            "Department of Energy",
            "Organisation",
            "DOE",
        ),
        (
            "CRI members intend to implement the Financial Action Task Force (FATF)’s Recommendation 15.",
            "Financial Action Task Force",
            "Forum",
            "FATF",
        ),
        (
            "establishing a U.S.-Australia Critical Minerals Supply Security Response Group under",
            "U.S.-Australia Critical Minerals Supply Security Response Group",
            "Forum",
            None,
        ),
        (
            "Celebrating the conclusion of a Strategic Framework for Human Spaceflight Cooperation to deepen",
            "Strategic Framework for Human Spaceflight Cooperation",
            "Instrument",
            None,
        ),
    ],
)
def test_names_are_found_by_their_form(
    project_root: Path, text: str, label: str, kind: str, acronym: str | None
) -> None:
    assert cited(reader(project_root), text)[label] == (kind, acronym)


def test_an_instrument_is_not_reduced_to_its_issuer(project_root: Path) -> None:
    found = cited(reader(project_root), "Both sides will implement the OECD Recommendation on AI.")
    assert found["OECD Recommendation on AI"][0] == "Instrument"
    assert "Organisation for Economic Co-operation and Development" in found


def test_a_possessive_issuer_is_cited_beside_its_instrument(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "support for the OECD’s Declaration on Government Access to Personal Data Held by Private Sector Entities",
    )
    assert set(found) == {
        "Declaration on Government Access to Personal Data Held by Private Sector Entities",
        "Organisation for Economic Co-operation and Development",
    }


def test_names_are_split_at_and_the(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "led by the Office of Science and Technology Policy and the National Science Foundation (NSF)",
    )
    assert found["Office of Science and Technology Policy"] == ("Organisation", None)
    assert found["National Science Foundation"] == ("Organisation", "NSF")


def test_a_name_inside_another_keeps_the_outer_one(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "fora, including the Government Advisory Committee (GAC) of ICANN and the UN Internet Governance Forum (IGF).",
    )
    assert {
        "Governmental Advisory Committee of ICANN",
        "Internet Corporation for Assigned Names and Numbers",
        "UN Internet Governance Forum",
    } <= set(found)


def test_a_list_inside_one_definition_stays_one_name(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "the ASEAN Charter, the Declaration on Zone of Peace, Freedom and Neutrality (ZOPFAN), the Treaty of Amity and Cooperation in Southeast Asia (TAC)",
    )
    assert found["Declaration on Zone of Peace, Freedom and Neutrality"] == ("Instrument", "ZOPFAN")
    assert found["Treaty of Amity and Cooperation in Southeast Asia"] == ("Instrument", "TAC")


def test_the_text_itself_its_bodies_and_its_speakers_are_not_cited(project_root: Path) -> None:
    r = reader(
        project_root,
        title="G7 Leaders’ Statement on Economic Resilience",
        bodies=("Japan-UK Digital Council",),
    )
    text = (
        "This Statement builds on the G7 framework. We will establish a new annual Ministerial "
        "Group (Japan-UK Digital Council) and act under this Memorandum of Understanding."
    )
    assert cited(r, text) == {}


def test_a_date_or_place_after_a_meeting_is_not_part_of_its_name(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "The governments organized the North America Semiconductor Conference in Washington on May 18.",
    )
    assert set(found) == {"North America Semiconductor Conference"}


def test_a_numbered_part_cites_the_instrument_it_belongs_to(project_root: Path) -> None:
    # US-Malaysia reciprocal trade agreement, Art. 3.5: the articles are parts; the GATT 1994
    # is an instrument though no head word says so; the acronym spells GATS without "WTO".
    found = cited(
        reader(project_root),
        "consistent with Articles I and III of the GATT 1994 or Articles II and XVII of the WTO "
        "General Agreement on Trade in Services (GATS).",
    )
    assert found == {
        "GATT 1994": ("Instrument", None),
        "General Agreement on Trade in Services": ("Instrument", "GATS"),
        "World Trade Organization": ("Organisation", "WTO"),
    }


def test_the_context_after_a_name_is_not_part_of_it(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "address the concerns raised by the Court of Justice of the European Union in the "
        "Schrems II decision of July 2020.",
    )
    assert set(found) == {"Court of Justice of the European Union"}


def test_a_definition_closes_its_name(project_root: Path) -> None:
    # CRI 2023: two platforms, the second named with a lower-case plural head after it.
    found = cited(
        reader(project_root),
        "including Lithuania’s Malware Information Sharing Project (MISP) and Israel and the "
        "UAE’s Crystal Ball platforms;",
    )
    assert found["Malware Information Sharing Project"] == ("Initiative", "MISP")
    assert found["Crystal Ball"] == ("Initiative", None)


def test_a_lower_case_head_word_closes_a_name_without_one(project_root: Path) -> None:
    r = reader(project_root)  # the text defines PGII first
    cited(r, "At the Partnership for Global Infrastructure and Investment (PGII) event, we")
    found = cited(
        r,
        "in line with the PGII and the Partners of the Blue Pacific initiative, both established "
        "this year. Both sides intend to continue their Research & Innovation dialogue.",
    )
    assert "Partners of the Blue Pacific initiative" in found
    assert not any("Research" in label for label in found)  # their dialogue, described


def test_and_splits_only_between_names_of_their_own(project_root: Path) -> None:
    found = cited(
        reader(project_root),
        "through the implementation of the ASEAN-U.S. Trade and Investment Framework Arrangement "
        "and Expanded Economic Engagement Initiatives Workplan.",
    )
    assert set(found) == {
        "ASEAN-U.S. Trade and Investment Framework Arrangement",
        "Expanded Economic Engagement Initiatives Workplan",
    }


def test_an_acronym_spells_the_extent_of_its_name(project_root: Path) -> None:
    r = reader(project_root)
    found = cited(
        r, "We welcome efforts to implement the APEC Internet and Digital Economy Roadmap (AIDER)."
    )
    assert found["APEC Internet and Digital Economy Roadmap"] == ("Strategy", "AIDER")
    found = cited(
        r, "establishing secure channels for Computer Emergency Response Teams (CERT) and"
    )
    assert found == {"Computer Emergency Response Teams": ("Organisation", "CERT")}
    found = cited(
        r,
        "including through support for the Global Cross-Border Privacy Rules (CBPR) Forum and the "
        "OECD’s Declaration on Government Access to Personal Data Held by Private Sector Entities",
    )
    assert found["Global Cross-Border Privacy Rules Forum"] == ("Forum", "CBPR")


def test_a_head_word_alone_names_no_issuer(project_root: Path) -> None:
    found = cited(reader(project_root), "Consistent with the Group’s Joint Principles, we will")
    assert set(found) == {"Joint Principles"}


def test_what_a_statement_is_on_is_cited_in_it(project_root: Path) -> None:
    r = reader(
        project_root,
        title="Joint Statement on the Launch of the North American Semiconductor Conference and "
        "North American Ministerial Committee on Economic Competitiveness",
    )
    found = cited(
        r,
        "The United States, Mexico, and Canada also launched the North American Ministerial "
        "Committee on Economic Competitiveness (NAMCEC).",
    )
    assert found == {
        "North American Ministerial Committee on Economic Competitiveness": ("Forum", "NAMCEC")
    }


def test_an_acronym_after_its_definition_cites_the_defined_entity(project_root: Path) -> None:
    r = reader(project_root)
    cited(r, "RECALLING the ASEAN Outlook on the Indo-Pacific (AOIP);")
    found = cited(r, "NOTING that both the AOIP and the Indo-Pacific Strategy of the United States")
    assert found["ASEAN Outlook on the Indo-Pacific"] == ("Strategy", "AOIP")
