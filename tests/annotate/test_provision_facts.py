"""Modality, topics and citations of chosen provisions, as an attentive reader sees them."""

from __future__ import annotations

import pytest

from digicoop.annotate import Annotations

EE, DK, LU = "japan-estonia-moc", "japan-denmark-moc", "japan-luxembourg-moc"
EU, UK = "japan-eu-digital-partnership", "japan-uk-digital-partnership"
UK_SEMI = "sec_joint-actions__pillar_1__subhead_semiconductors"
UK_AI = "sec_joint-actions__pillar_1__subhead_artificial-intelligence"
UK_STANDARDS = "sec_joint-actions__pillar_3__subhead_digital-technical-standards"


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def modalities(n: Annotations, eid: str) -> set[str]:
    return {_tail(link.concept) for link in n.modalities if link.provision.eid == eid}


def topics(n: Annotations, eid: str) -> set[str]:
    return {_tail(link.concept) for link in n.topics if link.provision.eid == eid}


def cited(n: Annotations, eid: str) -> set[str]:
    return {c.entity.slug for c in n.citations if c.provision.eid == eid}


@pytest.mark.parametrize(
    ("agreement", "eid", "expected"),
    [
        # "Both Sides will cooperate in the following areas:" binds the items under it.
        (DK, "sec_2__point_1__item_a", {"will"}),
        (DK, "sec_2__point_4__item_a", {"will"}),
        # "…may be implemented through the followings:" makes every form a possibility.
        (DK, "sec_3__item_a", {"may"}),
        (DK, "sec_3__item_d", {"may"}),
        (DK, "sec_4__item_b", {"will-not"}),  # "Both Sides will not use information…"
        (DK, "sec_4__item_d", {"should"}),  # "…should be transmitted … sixty (60) days in advance"
        (EE, "sec_5__para_2", {"will-not"}),  # "Neither Participant will disclose…"
        (EE, "sec_3__para_2", {"may"}),  # "The Participants may invite other institutions…"
        # "In case … may affect …, the Participants will formulate…": the conditional is no commitment.
        (EE, "sec_4__para_2", {"will"}),
        (EE, "sec_2__item_c", {"will"}),  # inherited from the Section 2 chapeau
        # "Exchanging best practices … (The focus will be set on …)": the item completes the
        # chapeau, whose "will" binds the Participants; its parenthesis adds nothing.
        (EE, "sec_2__item_a", {"will"}),
        # "Japan's vision of Society 5.0, as proposed in the 5th Science and Technology Basic
        # Plan in 2016, calls upon Japan to …": a plan's call, reported, commits no one.
        (EU, "sec_1__para_2", set()),
        (
            EU,
            "sec_1__para_6",
            set(),
        ),  # "The Commission's 2030 Digital Compass Communication calls upon the EU…"
        # "… Programme … (2021) calls upon Japan to …. In this regard, both sides recognise…"
        (EU, "sec_1__para_3", {"recognise"}),
        (EU, "sec_4__para_31", {"intend"}),  # "intend to cooperate", "want to pursue"
        (
            EU,
            "annex__subhead_high-performance-computing-hpc-and-quantum-technology__para_52",
            {"should"},
        ),
        # "Both sides recognise…": a position taken, an acknowledgement on the scale.
        (EU, "annex__subhead_data-and-data-free-flow-with-trust-dfft__para_66", {"recognise"}),
        (EU, "sec_3__para_24", {"may"}),  # "The Partnership may continue until…"
        # "…is not intended to constitute…", "Nothing in this Partnership will alter…"
        (UK, "sec_summary__para_4", {"intend-not", "will-not"}),
        (UK, f"{UK_SEMI}__item_c", {"will"}),
        # Pillar Two's items complete §24's "This Partnership will deliver the following:".
        (UK, "sec_joint-actions__pillar_2__item_a", {"will"}),
        # A report of what the G7 declaration said is no commitment of this partnership.
        pytest.param(
            UK,
            f"{UK_STANDARDS}__item_b",
            set(),
            marks=pytest.mark.xfail(
                reason="a commitment reported from another instrument ('In the 2021 G7 "
                "Ministerial Declaration, … both Participants committed to') reads as this "
                "text's own",
                strict=True,
            ),
        ),
        (
            UK,
            f"{UK_STANDARDS}__item_e",
            {"commit"},
        ),  # "both Participants commit to working together"
        # "look forward to cooperating ahead of the 2023 UN IGF, which Japan will host": the
        # relative clause says who hosts, it commits no one.
        (UK, "sec_joint-actions__pillar_3__subhead_internet-governance__item_d", {"intend"}),
    ],
)
def test_modality(
    notes: dict[str, Annotations], agreement: str, eid: str, expected: set[str]
) -> None:
    assert modalities(notes[agreement], eid) == expected


def test_headings_bind_no_one(notes: dict[str, Annotations]) -> None:
    for n in notes.values():
        for link in n.modalities:
            assert link.provision.kind not in ("section", "pillar", "subheading", "annex"), (
                link.provision.eid
            )


def test_a_relative_clause_will_is_not_a_commitment(notes: dict[str, Annotations]) -> None:
    """EU §10: "a Digital Partnership that will establish structures" describes, "The
    Partnership will allow" commits: the quote is the second."""
    (link,) = [m for m in notes[EU].modalities if m.provision.eid == "sec_1__para_10"]
    sentence = link.quote.provision.text[: link.quote.end]
    assert sentence.endswith("The Partnership will")


@pytest.mark.parametrize(
    ("agreement", "eid", "expected"),
    [
        (DK, "sec_2__point_1__item_a", {"trustworthy-ai"}),
        (DK, "sec_2__point_3__item_a", {"investment"}),  # under "Promotion of investment"
        (LU, "sec_2__point_3__item_a", {"space", "research-and-innovation"}),
        # The most specific topics: "artificial intelligence" follows from both through
        # skos:broader (since issue 13 the graph does not repeat a broader topic).
        (EU, "sec_4__para_31", {"ai-governance", "trustworthy-ai"}),
        # "in areas such as privacy, cybersecurity, semiconductor supply chains, 5G…": where trusted
        # technologies apply, not what §35 is about.
        (EU, "sec_4__para_35", {"data-free-flow-with-trust"}),
        # "e.g. … chips for AI, 5G/6G, HPC" is a catalogue of examples; "to strengthen the
        # semiconductor supply chain" is about supply chains (a topic since issue 13).
        (
            EU,
            "annex__subhead_supply-chain-resilience-semiconductors__para_47",
            {"semiconductors", "supply-chains", "research-and-innovation"},
        ),
        (EU, "annex__subhead_cybersecurity__para_55", {"cybersecurity"}),  # from the annex heading
        (UK, f"{UK_SEMI}__item_c", {"semiconductors"}),
        # "the UK AI Standards Hub" is cited, not a topic: §d is about standards only.
        (UK, f"{UK_STANDARDS}__item_d", {"standardisation"}),
    ],
)
def test_topics(
    notes: dict[str, Annotations], agreement: str, eid: str, expected: set[str]
) -> None:
    assert topics(notes[agreement], eid) == expected


def test_a_ministrys_name_is_not_a_topic(notes: dict[str, Annotations]) -> None:
    """ "Ministry of Digital Government and Gender Equality" names a participant."""
    assert topics(notes[DK], "preamble__recital_3") == set()


@pytest.mark.parametrize(
    ("agreement", "eid", "expected"),
    [
        (DK, "sec_2__point_1__item_a", {"hiroshima-ai-process"}),
        (LU, "sec_2__point_1__item_a", {"hiroshima-ai-process"}),
        (DK, "preamble__recital_2", {"japan-denmark-joint-leaders-statement-2023"}),
        (EU, "sec_4__para_31", {"g7", "g20", "oecd", "unesco"}),
        (
            EU,
            "annex__subhead_high-performance-computing-hpc-and-quantum-technology__para_52",
            {"fugaku", "eurohpc-ju", "lumi", "leonardo", "marenostrum"},
        ),
        (
            EU,
            "sec_2__para_16",
            {
                "g7",
                "g20",
                "oecd",
                "wto",
                "g7-dfft-roadmap",
                "g7-dfft-action-plan",
                "g7-digital-technology-ministers-meeting-2021",
                "g7-digital-ministers-meeting-2022",
            },
        ),
        (UK, f"{UK_AI}__item_b__subitem_i", {"gpai", "oecd", "council-of-europe"}),
        # The instruments, and the bodies that issued them, each cited on its own.
        (
            UK,
            f"{UK_AI}__item_b__subitem_ii",
            {"g20-ai-principles", "oecd-ai-principles", "g20", "oecd"},
        ),
        (UK, f"{UK_STANDARDS}__item_d", {"uk-ai-standards-hub"}),
    ],
)
def test_citations(
    notes: dict[str, Annotations], agreement: str, eid: str, expected: set[str]
) -> None:
    assert cited(notes[agreement], eid) == expected


def test_every_quote_lies_in_its_provision(notes: dict[str, Annotations]) -> None:
    for n in notes.values():
        for link in [*n.topics, *n.modalities]:
            assert link.quote.text, link
        for citation in n.citations:
            assert citation.quote.text and citation.quote.text in citation.provision.text
