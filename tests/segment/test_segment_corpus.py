"""The five agreements segmented as a reader sees them.

Every expected value here was written from reading the texts (``cat -n corpus/*.txt``), not
copied from the segmenter's output; line numbers in comments point at the source.
"""

from __future__ import annotations

from collections import Counter

import pytest

from digicoop.model import Document

EXPECTED_KINDS = {
    "japan-denmark-moc": {
        "title": 1, "preamble": 1, "recital": 3, "section": 4, "text": 3, "point": 4,
        "item": 14, "signatures": 1,
    },
    "japan-estonia-moc": {
        "title": 1, "preamble": 1, "recital": 9, "section": 6, "paragraph": 16, "text": 1,
        "item": 8, "signatures": 1,
    },
    "japan-luxembourg-moc": {
        "title": 1, "preamble": 1, "recital": 5, "section": 4, "text": 3, "point": 3,
        "item": 13, "signatures": 1,
    },
    "japan-eu-digital-partnership": {
        "title": 1, "section": 5, "paragraph": 83, "annex": 1, "subheading": 15,
    },
    "japan-uk-digital-partnership": {
        "title": 1, "section": 5, "paragraph": 24, "pillar": 4, "subheading": 11, "text": 3,
        "item": 45, "subitem": 26, "signatures": 1,
    },
}  # fmt: skip


def kinds(document: Document) -> dict[str, int]:
    return dict(Counter(provision.kind for provision in document.walk()))


@pytest.mark.parametrize("agreement", sorted(EXPECTED_KINDS))
def test_provision_counts_by_kind(documents: dict[str, Document], agreement: str) -> None:
    assert kinds(documents[agreement]) == EXPECTED_KINDS[agreement]


# -- Denmark: "Paragraph N." sections, "1)" points heading lettered items ---------------------


def test_denmark_title_preamble_and_sections(documents: dict[str, Document]) -> None:
    doc = documents["japan-denmark-moc"]
    assert doc.find("title").text == (
        "Memorandum of Cooperation between the Ministry of Internal Affairs and Communications"
        " of Japan and the Ministry of Digital Government and Gender Equality of The Kingdom of"
        " Denmark in the field of digital"
    )
    recital = doc.find("preamble__recital_3")
    assert recital.text.startswith("With the above-mentioned background as foundation,")
    assert "(hereinafter referred to individually as “Side” and collectively as" in recital.text
    assert recital.text.endswith("have reached the following recognition:")
    assert [(p.eid, p.label, p.heading) for p in doc.provisions if p.kind == "section"] == [
        ("sec_1", "1", "Objective"),
        ("sec_2", "2", "Areas of Cooperation"),
        ("sec_3", "3", "Implementation"),
        ("sec_4", "4", "Governance"),
    ]
    assert doc.find("sec_1__text_1").text.startswith("The purpose of this Memorandum")


def test_denmark_points_head_their_lettered_items(documents: dict[str, Document]) -> None:
    section = documents["japan-denmark-moc"].find("sec_2")
    assert section.children[0].eid == "sec_2__text_1"
    assert section.children[0].text == "Both Sides will cooperate in the following areas:"
    points = [child for child in section.children if child.kind == "point"]
    assert [(p.label, p.heading, p.text, [c.label for c in p.children]) for p in points] == [
        ("1", "Safe, secure and trustworthy AI", "Safe, secure and trustworthy AI", ["a", "b"]),
        ("2", "Cybersecurity", "Cybersecurity", ["a"]),
        ("3", "Promotion of investment", "Promotion of investment", ["a"]),
        (
            "4",
            "Promoting Digital Transformation /Digitalisation by local governments",
            "Promoting Digital Transformation /Digitalisation by local governments",
            ["a"],
        ),
    ]
    item = documents["japan-denmark-moc"].find("sec_2__point_1__item_a")
    assert item.text == (
        "Cooperation to promote safe, secure and trustworthy AI globally based on the outcomes"
        " of the Hiroshima AI Process."
    )
    assert item.heading is None


def test_denmark_items_directly_under_a_section(documents: dict[str, Document]) -> None:
    doc = documents["japan-denmark-moc"]
    assert [c.eid for c in doc.find("sec_4").children] == [
        f"sec_4__item_{letter}" for letter in "abcde"
    ]
    assert doc.find("sec_4__item_c").text.startswith(
        "This MOC commences on the date of its signature and continues for a period of three"
    )


def test_denmark_signature_block_keeps_its_lines(documents: dict[str, Document]) -> None:
    assert documents["japan-denmark-moc"].find("signatures").text == (
        "Signed in Copenhagen, the Kingdom of Denmark, on the 1st of May 2024 in two original"
        " copies in the English languages with both copies having equal values.\n\n"
        "Minister for Internal Affairs and Communications\nof Japan\n\n"
        "Minister for Digital Government and Gender\nEquality\nof The Kingdom of Denmark\n\n"
        "MATSUMOTO Takeaki\n\nMarie BJERRE"
    )


# -- Estonia: "SECTION N" with the heading below, recitals in capitals, 【 】 ------------------


def test_estonia_title_and_recitals(documents: dict[str, Document]) -> None:
    doc = documents["japan-estonia-moc"]
    assert doc.find("title").text == (
        "MEMORANDUM OF COOPERATION BETWEEN THE DIGITAL AGENCY OF JAPAN AND THE MINISTRY OF"
        " JUSTICE AND DIGITAL AFFAIRS OF THE REPUBLIC OF ESTONIA ON COOPERATION IN THE FIELD OF"
        " DIGITALIZATION"
    )
    recitals = doc.find("preamble").children
    assert recitals[0].text == (
        "The Digital Agency of Japan and The Ministry of Justice and Digital Affairs of the"
        " Republic of Estonia ; (hereinafter also referred to individually as the “Participant”"
        " and collectively as the “Participants”);"
    )
    assert (
        recitals[6].text
        == "PURSUANT TO the existing laws and regulations of their respective countries;"
    )
    assert recitals[-1].eid == "preamble__recital_9"
    assert recitals[-1].text == (
        "Have reached the following Memorandum of Cooperation (hereinafter referred to as “MoC”):"
    )


def test_estonia_section_headings_in_both_layouts(documents: dict[str, Document]) -> None:
    doc = documents["japan-estonia-moc"]
    assert [(p.eid, p.heading) for p in doc.provisions if p.kind == "section"] == [
        ("sec_1", "Objective and Basic Principles"),  # heading after a blank line (35-37)
        ("sec_2", "Areas of Cooperation"),
        ("sec_3", "Implementation"),  # on the same line (59)
        ("sec_4", "Protection of Intellectual Property Rights"),
        ("sec_5", "Confidentiality"),
        ("sec_6", "Commencement, Duration, Modification and Discontinuation"),  # next line (82)
    ]


def test_estonia_listed_representatives_stay_in_their_paragraph(
    documents: dict[str, Document],
) -> None:
    paragraph = documents["japan-estonia-moc"].find("sec_3__para_1")
    assert paragraph.label == "1"
    assert paragraph.text == (
        "The Participants designate the following institutions as their coordinating"
        " representatives, responsible for the arrangement of collaboration and implementation"
        " of this MoC: Japan: The Digital Agency of Japan Estonia: The Ministry of Justice and"
        " Digital Affairs of the Republic of Estonia"
    )
    assert [c.label for c in documents["japan-estonia-moc"].find("sec_3").children] == [
        "1", "2", "3", "4",
    ]  # fmt: skip


def test_estonia_chapeau_and_bulleted_items(documents: dict[str, Document]) -> None:
    section = documents["japan-estonia-moc"].find("sec_2")
    assert [c.eid for c in section.children] == ["sec_2__text_1"] + [
        f"sec_2__item_{letter}" for letter in "abcdefgh"
    ]
    assert section.children[0].text == (
        "The Participants will encourage, facilitate and engage in cooperation in the following"
        " areas:"
    )
    assert section.children[-1].text == (
        "Other areas as jointly decided by the Participants to be of mutual benefit and"
        " supporting the achievement of the aims of this MoC."
    )


def test_estonia_signatures_lose_brackets_and_bold(documents: dict[str, Document]) -> None:
    assert documents["japan-estonia-moc"].find("signatures").text == (
        "Signed in two original copies in English language in Tokyo on the 27th of April, 2026."
        "\n\nThe Digital Agency of Japan\n\nThe Ministry of Justice and Digital Affairs\nof the"
        " Republic of Estonia\n\nMATSUMOTO Hisashi, Minister for\nDigital Transformation\n\n"
        "Liisa-Ly Pakosta, Minister of Justice and\nDigital Affairs"
    )


# -- Luxembourg: bulleted points and items, a page break inside item 4 b) ---------------------


def test_luxembourg_recitals(documents: dict[str, Document]) -> None:
    recitals = documents["japan-luxembourg-moc"].find("preamble").children
    assert [r.text[:30] for r in recitals] == [
        "Based on shared values and pri",
        "The Ministry of Internal Affai",
        "Hoping to strengthen bilateral",
        "Considering the aim to strengt",
        "Have reached the following rec",
    ]
    assert recitals[1].text.endswith(
        "(hereinafter referred to individually as “Side” and collectively as “both Sides”),"
    )


def test_luxembourg_item_joined_across_page_break(documents: dict[str, Document]) -> None:
    item = documents["japan-luxembourg-moc"].find("sec_4__item_b")
    assert item.text == (
        "Both Sides will not use information or documents exchanged through the cooperation"
        " under this MOC for purposes other than the intended or decided. Each Side will not"
        " provide such information or documents to a third party without the prior written"
        " consent, including electronic methods such as e-mail, of the other Side."
    )
    assert [c.label for c in documents["japan-luxembourg-moc"].find("sec_4").children] == list(
        "abcde"
    )


def test_luxembourg_points(documents: dict[str, Document]) -> None:
    section = documents["japan-luxembourg-moc"].find("sec_2")
    points = [c for c in section.children if c.kind == "point"]
    assert [(p.heading, len(p.children)) for p in points] == [
        ("Safe, secure and trustworthy AI", 2),
        ("Cybersecurity", 1),
        ("Space Communications", 1),
    ]
    assert points[2].children[0].eid == "sec_2__point_3__item_a"


# -- EU: "Section N." headings, one paragraph numbering through the text, annex groups -------


def test_eu_paragraph_52_joined_across_page_break(documents: dict[str, Document]) -> None:
    paragraph = documents["japan-eu-digital-partnership"].find(
        "annex__subhead_high-performance-computing-hpc-and-quantum-technology__para_52"
    )
    assert paragraph.label == "52"
    assert paragraph.text == (
        "Both sides should explore modalities of reciprocal access for researchers to their"
        " respective supercomputing and quantum computing infrastructures, notably the"
        " utilisation of the “Fugaku” and EU/EuroHPC, JU's LUMI, Leonardo and MareNostrum"
        " supercomputers (once they are operational), in conformity with the respective"
        " supercomputers' access policy."
    )


def test_eu_other_page_breaks_and_emphasis(documents: dict[str, Document]) -> None:
    doc = documents["japan-eu-digital-partnership"]
    assert "with a view to fostering greater coordination" in doc.find("sec_4__para_33").text
    assert (
        "towards designing a framework for future information exchange"
        in doc.find("annex__subhead_platform-cooperation__para_63").text
    )
    assert doc.find("sec_4__para_26").text.startswith("In the field of Privacy, both sides")
    assert (
        "such as, inter alia, paper-less trading"
        in doc.find("annex__subhead_digital-trade__para_70").text
    )


def test_eu_numbering_runs_through_sections_and_annex(documents: dict[str, Document]) -> None:
    doc = documents["japan-eu-digital-partnership"]
    labels = [p.label for p in doc.walk() if p.kind == "paragraph"]
    assert labels == [str(n) for n in range(1, 84)]
    assert [(p.eid, p.heading) for p in doc.provisions] == [
        ("title", None),
        ("sec_1", "Background"),
        ("sec_2", "Partnering for the development of a human-centric and sustainable digital"
         " society"),
        ("sec_3", "Establishing a Digital Partnership between Japan and the EU"),
        ("sec_4", "Achieving joint results in priority areas for enhanced digital cooperation"),
        ("sec_5", "Strong leadership and progress monitoring for a successful Digital Partnership"),
        ("annex", "Initial set of joint actions"),
    ]  # fmt: skip
    assert doc.find("title").text == "JAPAN-EU DIGITAL PARTNERSHIP"


def test_eu_annex_groups(documents: dict[str, Document]) -> None:
    annex = documents["japan-eu-digital-partnership"].find("annex")
    assert annex.label is None
    assert [(g.heading, [p.label for p in g.children]) for g in annex.children] == [
        ("Supply chain resilience: semiconductors", ["46", "47"]),
        ("5G/Beyond 5G", ["48", "49", "50", "51"]),
        ("High Performance Computing (HPC) and Quantum technology", ["52", "53"]),
        ("Cybersecurity", ["54", "55", "56"]),
        ("Artificial Intelligence", ["57", "58", "59", "60"]),
        ("Digital connectivity", ["61", "62"]),
        ("Platform cooperation", ["63", "64", "65"]),
        ("Data and Data Free Flow with Trust (DFFT)", ["66", "67", "68", "69"]),
        ("Digital Trade", ["70", "71"]),
        ("Digital transformation of industry, disruptive innovation, SMEs", ["72", "73"]),
        ("Standardisation", ["74", "75", "76"]),
        ("Trust services: digital identity and digital signatures", ["77"]),
        ("Digital COVID Certificates", ["78"]),
        ("Enhancing digital education and skills critical for the digital future", ["79", "80"]),
        ("Privacy enhancing technologies", ["81", "82", "83"]),
    ]
    assert annex.children[1].eid == "annex__subhead_5g-beyond-5g"


# -- UK: markdown headings, pillars, footnote blocks inside sentences ------------------------


def test_uk_sections(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    assert doc.find("title").text == "JAPAN-UK DIGITAL PARTNERSHIP"
    assert [(p.eid, p.label, p.heading) for p in doc.provisions if p.kind == "section"] == [
        ("sec_summary", None, "SUMMARY"),
        ("sec_background", None, "BACKGROUND"),
        ("sec_governance", None, "GOVERNANCE"),
        ("sec_digital-partnership-strategic-framework", None,
         "DIGITAL PARTNERSHIP: STRATEGIC FRAMEWORK"),
        ("sec_joint-actions", None, "JOINT ACTIONS"),
    ]  # fmt: skip


def test_uk_paragraph_7_joined_across_footnote_block(documents: dict[str, Document]) -> None:
    paragraph = documents["japan-uk-digital-partnership"].find("sec_background__para_7")
    assert paragraph.text == (
        "Both Participants recognise that this is a period of rapid technological change and"
        " global digital transformation. New technologies are redefining the way in which people"
        " live, study and do business; whilst presenting new challenges and opportunities in"
        " every corner of society."
    )
    assert paragraph.children == ()


def test_uk_footnote_markers_removed(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    assert doc.find("sec_summary__para_2").text == (
        "This bilateral partnership builds on the existing deep and historic partnership between"
        " both Participants, as set out in the Japan-UK Joint Statement in 2019, the"
        " Comprehensive Economic Partnership Agreement (CEPA) in 2020 and their joint commitment"
        " of 4th May 2022 to deepen bilateral digital collaboration."
    )
    # The footnote block after "## GOVERNANCE" (lines 47-50) is not part of anything.
    assert doc.find("sec_governance").children[0].label == "14"


def test_uk_pillars_and_their_subheadings(documents: dict[str, Document]) -> None:
    actions = documents["japan-uk-digital-partnership"].find("sec_joint-actions")
    assert actions.children[0].eid == "sec_joint-actions__para_24"
    pillars = [c for c in actions.children if c.kind == "pillar"]
    assert [(p.eid, p.label, p.heading) for p in pillars] == [
        ("sec_joint-actions__pillar_1", "One", "Digital Infrastructure & Technologies"),
        ("sec_joint-actions__pillar_2", "Two", "Data"),
        ("sec_joint-actions__pillar_3", "Three", "Digital Regulation & Standards"),
        ("sec_joint-actions__pillar_4", "Four", "Digital Transformation"),
    ]
    headings = {p.label: [c.heading for c in p.children if c.kind == "subheading"] for p in pillars}
    assert headings == {
        "One": ["Telecoms Diversification", "Increasing Cyber Resilience", "Semiconductors",
                "Artificial Intelligence"],
        "Two": [],
        # "## **Online Safety**" (line 136) is under Pillar Three despite its two #s.
        "Three": ["Online Safety", "Digital Markets", "Digital Technical Standards",
                  "Internet Governance"],
        "Four": [
            "Digital Government Transformation",
            "Ensuring the benefits of digital technologies reach all parts of society.",
            "Digital Identity",
        ],
    }  # fmt: skip


def test_uk_semiconductors_item_c(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    item = doc.find("sec_joint-actions__pillar_1__subhead_semiconductors__item_c")
    assert item.label == "c"
    assert item.heading == "Enhancing both Participants' mutual strengths"
    assert item.text.startswith(
        "Enhancing both Participants' mutual strengths: Through practical cooperation"
    )
    chapeau = doc.find("sec_joint-actions__pillar_1__subhead_semiconductors__text_1")
    assert chapeau.text == (
        "In view of the importance of semiconductors to our economies, both Participants will"
        " promote the following initiatives together:"
    )
    item_b = doc.find("sec_joint-actions__pillar_1__subhead_semiconductors__item_b")
    assert item_b.text.endswith(
        "as well as presenting cybersecurity issues for both sensitive and broad-based"
        " applications."
    )


def test_uk_pillar_four_subitems_after_footnote_5(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    group = "sec_joint-actions__pillar_4__subhead_digital-government-transformation"
    assert doc.find(f"{group}__text_1").text == (
        "Building on a Memorandum of Cooperation in the area of Digital Government, between the"
        " UK's Government Digital Service and the Digital Agency of Japan, signed on 31 October"
        " 2022, both Participants will:"
    )
    item = doc.find(f"{group}__item_a")
    assert item.text == (
        "Focus their cooperation in the following areas with a view to assist each other to"
        " become better at what they do:"
    )
    assert [(c.eid, c.label) for c in item.children] == [
        (f"{group}__item_a__subitem_{n}", n) for n in ("i", "ii", "iii", "iv", "v", "vi")
    ]
    assert item.children[0].text == "User-centred design and design systems"
    assert item.children[5].text == "Tech and government cloud services"
    assert doc.find(f"{group}__item_b").text.startswith("Exchange information, experience")


def test_uk_free_standing_text_and_page_breaks(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    assert doc.find("sec_joint-actions__pillar_2__text_1").text == (
        "Under the Increasing Cyber Resilience heading of this Partnership, point vi, both"
        " Participants will also engage on the security and resilience of data infrastructure,"
        " including data centres and the cloud."
    )
    telecoms = "sec_joint-actions__pillar_1__subhead_telecoms-diversification"
    assert doc.find(f"{telecoms}__item_b__subitem_viii").text == (
        "Develop joint initiatives to support the development of future telecoms and Beyond"
        " 5G/6G technologies."
    )
    standards = "sec_joint-actions__pillar_3__subhead_digital-technical-standards"
    assert (
        "establish connections between technical experts" in doc.find(f"{standards}__item_c").text
    )


def test_uk_items_under_paragraphs(documents: dict[str, Document]) -> None:
    doc = documents["japan-uk-digital-partnership"]
    assert [c.label for c in doc.find("sec_summary__para_6").children] == list("abcd")
    # Items d-g (lines 69-72) lost their indentation after a blank line: still under 23.
    framework = "sec_digital-partnership-strategic-framework"
    assert [c.label for c in doc.find(f"{framework}__para_23").children] == list("abcdefg")


def test_uk_signature_block(documents: dict[str, Document]) -> None:
    blocks = documents["japan-uk-digital-partnership"].find("signatures").text.split("\n\n")
    assert blocks == [
        "For and on behalf of the Ministry of\nInternal Affairs and Communications of\nJapan",
        "For and on behalf of the Department for\nDigital, Culture, Media and Sport",
        "MATSUMOTO Takeaki\nMinister for Internal Affairs and\nCommunications",
        "Michelle Donelan\nSecretary of State for Digital, Culture,\nMedia and Sport",
        "For and on behalf of the Ministry of\nEconomy, Trade and Industry of Japan",
        "NISHIMURA Yasutoshi\nMinister of Economy, Trade and Industry",
        "For and on behalf of the Digital Agency",
        "KONO Taro\nMinister for Digital Transformation",
    ]
