"""Dev-corpus texts of other governments, segmented as a reader sees them.

Every expected value was written from reading the texts (``cat -n`` of the files in
tests/fixtures/dev-corpus/), before the segmenter was tuned on them; comments say what the
text shows. One text per layout family of the corpus README at least: signed instruments
(MoU, framework), numbered paragraphs (``1.`` + zero-width space), numbered principles with
bullets, ordinal markers, formal declaration with preambular participles, bullet-heavy fact
sheets and action plans, prose with bold headings, plain prose, Roman/lettered parts.
"""

from __future__ import annotations

from collections import Counter

import pytest

from digicoop.model import Document, Provision


def kinds(document: Document) -> dict[str, int]:
    return dict(Counter(p.kind for p in document.walk()))


def children(document: Document, eid: str, kind: str | None = None) -> list[Provision]:
    found = document.find(eid).children
    return [c for c in found if kind is None or c.kind == kind]


def top(document: Document, kind: str) -> list[Provision]:
    return [p for p in document.provisions if p.kind == kind]


# Counts per kind, from reading. Every text has a title: its front matter names it (none of
# these bodies repeats it), and the provision quotes it from there.
EXPECTED_KINDS = {
    # five unnumbered paragraphs, then the "\###" end mark (no provision)
    "us-ec-data-privacy-framework-2022": {"title": 1, "text": 5},
    # eight short paragraphs and "\###"
    "us-australia-japan-telecom-financing-2022": {"title": 1, "text": 8},
    # two paragraphs, **First** ... **Fifth**, four bullets after Third's colon
    "us-israel-technology-dialogue-2022": {"title": 1, "text": 2, "paragraph": 5, "item": 4},
    # four paragraphs (the fourth a chapeau), three bullets between <!-- -->, one paragraph
    "north-america-semiconductor-joint-statement-2023": {"title": 1, "text": 5, "item": 3},
    # twelve paragraphs, no heading
    "quad-senior-cyber-group-statement-2023": {"title": 1, "text": 12},
    # one opening paragraph, six "1\." principles with 1, 3, 2, 3, 5 and 4 bullets
    "principles-for-6g-joint-statement-2024": {
        "title": 1, "text": 1, "paragraph": 6, "item": 18,
    },
    # intro, "The key terms include:", 19 numbered terms, a closing paragraph
    "us-eu-trade-framework-joint-statement-2025": {"title": 1, "text": 3, "paragraph": 19},
    # opener + 8 CAPS recitals + "have reached the following understandings:"; four
    # underlined CAPS heads, numbered 1 / 1-4 / 1 / 1-5; signature block
    "us-malaysia-critical-minerals-mou-2025": {
        "title": 1, "preamble": 1, "recital": 10, "section": 4, "paragraph": 11,
        "signatures": 1,
    },
    # a date line, then five "Whereas," and "Therefore, ... have reached the following
    # understanding"; Section I (9 paragraphs, the 2nd with 4 sub-items), Section II (4)
    "us-australia-critical-minerals-framework-2025": {
        "title": 1, "text": 1, "preamble": 1, "recital": 6, "section": 2, "paragraph": 13,
        "point": 4, "signatures": 1,
    },
    # WE + 6 participles + WE HEREBY DECLARE:, one paragraph, 8 bold heads, 28 bullets
    "asean-us-special-summit-joint-vision-2022": {
        "title": 1, "preamble": 1, "recital": 8, "text": 1, "subheading": 8, "item": 28,
    },
    # intro, two heads, 3 + 2 paragraphs, 8 bullets, two bold name/title lines
    "us-uae-ai-cooperation-2024": {
        "title": 1, "text": 6, "subheading": 2, "item": 8, "signatures": 1,
    },
    # five paragraphs, eight underlined heads with 4, 7, 5, 6, 4, 3, 7 and 4 bullets
    "us-india-icet-joint-fact-sheet-2024": {"title": 1, "text": 5, "section": 8, "item": 40},
    # nine paragraphs; the Action Plan: 2 paragraphs, 5 bullets, 1 paragraph, then five
    # "**N. ...**" pillars, each a paragraph and 3, 4, 3, 3, 3 bullets (5 nested in the 1st)
    "us-uk-atlantic-declaration-2023": {
        "title": 1, "text": 17, "subheading": 1, "section": 5, "item": 26,
    },
    # one paragraph ending "have reached the following understandings:", ten bold heads,
    # paragraphs 1-18 (some opening "**N. ..." with the bold closed lines later)
    "us-spain-joint-declaration-2022": {
        "title": 1, "preamble": 1, "recital": 1, "subheading": 10, "paragraph": 18,
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_provision_counts_by_kind(dev: dict[str, Document], name: str) -> None:
    assert kinds(dev[name]) == EXPECTED_KINDS[name]


def test_plain_prose_paragraphs_and_no_end_mark(dev: dict[str, Document]) -> None:
    doc = dev["us-ec-data-privacy-framework-2022"]
    texts = [p.text for p in top(doc, "text")]
    assert texts[0].startswith("The United States and the European Commission announce")
    assert "Schrems II decision" in texts[0]  # the italic case name, without its asterisks
    assert texts[-1].startswith("The teams of the U.S. Government and the European Commission")
    assert texts[-1].endswith("in its future adequacy decision.")
    assert doc.find("title").text == (
        "United States and European Commission Joint Statement on Trans-Atlantic Data"
        " Privacy Framework"
    )


def test_ordinal_paragraphs_and_bullets_under_the_third(dev: dict[str, Document]) -> None:
    doc = dev["us-israel-technology-dialogue-2022"]
    paragraphs = top(doc, "paragraph")
    assert [p.label for p in paragraphs] == ["1", "2", "3", "4", "5"]
    assert paragraphs[0].text.startswith("First, we recognize the importance")
    assert paragraphs[4].text.startswith("Fifth, we affirm our commitment")
    bullets = paragraphs[2].children
    assert [b.heading for b in bullets] == [
        "Pandemic preparedness",
        "Trustworthy artificial intelligence",
        "Technology for addressing climate change",
        "Trusted tech ecosystems",
    ]
    assert bullets[1].text.startswith("Trustworthy artificial intelligence: addressing")


def test_chapeau_then_each_bullet_its_own_provision(dev: dict[str, Document]) -> None:
    doc = dev["north-america-semiconductor-joint-statement-2023"]
    assert [p.kind for p in doc.provisions] == ["title"] + ["text"] * 4 + ["item"] * 3 + ["text"]
    assert doc.provisions[4].text.endswith("in partnership with academia and the private sector:")
    items = top(doc, "item")
    assert items[0].text.startswith("Information exchange to support a more robust")
    assert items[1].text == (
        "Industry and academic partnerships to train the semiconductor workforce of the future."
    )
    assert items[2].text.startswith("Investments in the development, manufacture")
    assert doc.provisions[-1].text.startswith("To advance these opportunities")


def test_numbered_principles_head_their_bullets(dev: dict[str, Document]) -> None:
    doc = dev["principles-for-6g-joint-statement-2024"]
    principles = top(doc, "paragraph")
    assert [(p.label, p.heading) for p in principles[:2]] == [
        ("1", "Trusted Technology that is Protective of National Security"),
        ("2", "Secure, Resilient, and Protective of Privacy"),
    ]
    assert principles[2].heading == (
        "Global Industry-led and Inclusive Standard Setting & International Collaborations"
    )
    assert [len(p.children) for p in principles] == [1, 3, 2, 3, 5, 4]
    assert principles[5].children[0].text == (
        "6G technologies that have secure and resilient supply chains."
    )


def test_zero_width_space_numbers(dev: dict[str, Document]) -> None:
    doc = dev["us-eu-trade-framework-joint-statement-2025"]
    paragraphs = top(doc, "paragraph")
    assert [p.label for p in paragraphs] == [str(n) for n in range(1, 20)]
    assert paragraphs[0].text.startswith("The European Union intends to eliminate tariffs")
    assert paragraphs[2].text.startswith("The United States intends to promptly ensure")
    assert [p.eid for p in paragraphs[:2]] == ["para_1", "para_2"]
    assert top(doc, "text")[1].text == "The key terms include:"


def test_mou_recitals_heads_restarting_numbers_and_signatures(
    dev: dict[str, Document],
) -> None:
    doc = dev["us-malaysia-critical-minerals-mou-2025"]
    recitals = doc.find("preamble").children
    assert recitals[0].text.startswith("The Government of the United States of America")
    assert [r.text.split()[0] for r in recitals[1:9]] == [
        "SEEKING", "CONSIDERING", "RECOGNIZING", "ADDITIONALLY", "EMPHASIZING", "NOTING",
        "DESIRING", "BELIEVING",
    ]  # fmt: skip
    assert recitals[-1].text == "have reached the following understandings:"
    sections = top(doc, "section")
    assert [s.heading for s in sections] == [
        "OBJECTIVE",
        "AREAS OF COOPERATION",
        "IMPLEMENTATION AND INFORMATION SHARING",
        "COMMENCEMENT AND DISCONTINUATION",
    ]
    assert [[c.label for c in s.children] for s in sections] == [
        ["1"], ["1", "2", "3", "4"], ["1"], ["1", "2", "3", "4", "5"],
    ]  # fmt: skip
    assert sections[1].children[0].text.startswith("The Participants intend to share")
    signatures = doc.find("signatures").text
    assert signatures.startswith("Signed at Kuala Lumpur, on the 26th of October 2025")
    # the two columns laid out with NBSPs come apart into lines
    assert "Donald. J. Trump\nAnwar Ibrahim" in signatures
    assert "President\nPrime Minister" in signatures
    assert doc.warnings == ()


def test_framework_sections_nested_numbers_and_no_empty_item(dev: dict[str, Document]) -> None:
    doc = dev["us-australia-critical-minerals-framework-2025"]
    assert doc.find("text_1").text == "October 20, 2025"  # the italic date line
    recitals = doc.find("preamble").children
    assert [r.text.split(",")[0] for r in recitals[:5]] == ["Whereas"] * 5
    assert recitals[5].text.startswith("Therefore, the Participants have reached")
    assert [(s.label, s.heading) for s in top(doc, "section")] == [
        ("I", "Critical Minerals and Rare Earths"),
        ("II", "General Provisions"),
    ]
    first = top(doc, "section")[0].children
    assert [p.label for p in first] == [str(n) for n in range(1, 10)]
    assert first[0].heading == "Securing supply"
    assert [(p.label, p.heading) for p in first[1].children] == [
        ("1", "Project selection"),
        ("2", "Financing"),
        ("3", "Investment support"),
        ("4", "Ministerial"),
    ]
    # the stray empty "1." after <!-- --> is no provision; Section II numbers from 1
    assert [p.label for p in top(doc, "section")[1].children] == ["1", "2", "3", "4"]
    assert doc.find("signatures").text.startswith("Signed in Washington, District of Columbia")


def test_declaration_preamble_and_bulleted_heads(dev: dict[str, Document]) -> None:
    doc = dev["asean-us-special-summit-joint-vision-2022"]
    recitals = doc.find("preamble").children
    assert recitals[0].text.startswith("WE, the Member States of the Association")
    assert [r.text.split()[0] for r in recitals[1:7]] == [
        "EMPHASIZING", "EMPHASIZING", "RECOGNIZING", "NOTING", "REAFFIRMING", "FURTHER",
    ]  # fmt: skip
    assert recitals[-1].text == "WE HEREBY DECLARE:"
    assert top(doc, "text")[0].text.startswith("As we celebrate the 45th anniversary")
    heads = top(doc, "subheading")
    assert heads[0].heading == (
        "Fighting the COVID-19 pandemic, building better health security, and recovering together"
    )
    assert heads[5].heading == "Leveraging Technologies and Promoting Innovation"
    assert [len(h.children) for h in heads] == [1, 6, 5, 2, 2, 3, 4, 5]


def test_bulleted_principles_and_bold_signatories(dev: dict[str, Document]) -> None:
    doc = dev["us-uae-ai-cooperation-2024"]
    principles = doc.find("subhead_common-principles-for-cooperation")
    assert principles.heading == "Common Principles for Cooperation"
    bullets = [c for c in principles.children if c.kind == "item"]
    assert bullets[0].heading == "Advance Safe, Secure, and Trustworthy AI"
    assert bullets[2].heading == "Promote Ethical AI Research and Development"  # two bold spans
    assert bullets[3].heading == (
        "Broadening and Deepening Cooperation in AI Protection and Cybersecurity"
    )
    assert [c.text for c in principles.children if c.kind == "text"][-1] == (
        "In particular, we intend to closely collaborate to:"
    )
    signatures = doc.find("signatures").text
    assert signatures.startswith("Jake Sullivan")
    assert "Tahnoon bin Zayed Al Nahyan\nUAE National Security Advisor" in signatures


def test_fact_sheet_underlined_heads(dev: dict[str, Document]) -> None:
    doc = dev["us-india-icet-joint-fact-sheet-2024"]
    sections = top(doc, "section")
    assert sections[0].heading == "Bridging our Innovation Ecosystems"
    assert sections[1].heading == (
        "Reaching New Heights in Civilian and Defense Space Technology Cooperation"
    )
    assert [len(s.children) for s in sections] == [4, 7, 5, 6, 4, 3, 7, 4]
    assert sections[0].children[0].text.startswith("Unlocking a combined $90+ million")


def test_action_plan_pillars(dev: dict[str, Document]) -> None:
    doc = dev["us-uk-atlantic-declaration-2023"]
    plan = top(doc, "subheading")[0]
    assert plan.heading == (
        "Action Plan for a Twenty-First Century U.S.-UK Economic Partnership (ADAPT)"
    )
    pillars = [c for c in plan.children if c.kind == "section"]
    assert [p.label for p in pillars] == ["1", "2", "3", "4", "5"]
    assert pillars[3].heading == "Building the Clean Energy Economy of the Future"
    assert [len([c for c in p.children if c.kind == "item"]) for p in pillars] == [3, 4, 3, 3, 3]
    assert len(pillars[0].children[1].children) == 5  # nested bullets
    listed = [c.text for c in plan.children if c.kind == "item"]
    assert listed[0] == "ensuring U.S.-UK leadership in critical and emerging technologies,"
    assert len(listed) == 5
    assert top(doc, "text")[8].text.startswith("These are the pressing economic issues")


def test_numbered_paragraphs_under_bold_heads(dev: dict[str, Document]) -> None:
    doc = dev["us-spain-joint-declaration-2022"]
    heads = top(doc, "subheading")
    assert heads[0].heading == (
        "Reinforcing multilateral responses to transatlantic and global challenges"
    )
    assert heads[-1].heading == "Looking to the future"
    labels = [p.label for p in doc.walk() if p.kind == "paragraph"]
    assert labels == [str(n) for n in range(1, 19)]
    assert (
        doc.find("subhead_boosting-digital-scientific-and-technological-cooperation")
        .children[0]
        .text.startswith("The United States and Spain defend a digital transformation")
    )


def test_roman_parts_and_lettered_sub_parts(dev: dict[str, Document]) -> None:
    doc = dev["us-eu-ttc-joint-statement-2024"]
    parts = top(doc, "section")
    assert [(p.label, p.heading) for p in parts] == [
        ("I", "Introduction"),
        ("II", "Key Outcomes of the Sixth TTC Ministerial Meeting"),
        ("III", "Building the Transatlantic Partnership Together with Stakeholders"),
        ("IV", "Conclusion and Next Steps"),
    ]
    lettered = [c for c in parts[1].children if c.label]
    assert [c.label for c in lettered] == ["A", "B", "C", "D"]
    assert lettered[2].heading == "Trade, Security, and Economic Prosperity"
    assert doc.provisions[1].text == "Leuven, Belgium"  # the place line, a block of its own


def test_treaty_preamble_sections_and_articles(dev: dict[str, Document]) -> None:
    # "**Preamble**", five recitals and "HAVE AGREED as follows:"; seven "**Section N. ...**"
    # holding 32 "**Article N.M: ...**"; footnotes after the rule are not provisions
    doc = dev["us-malaysia-reciprocal-trade-agreement-2025"]
    preamble = doc.find("preamble")
    assert [r.text.split()[0] for r in preamble.children] == [
        "The", "EMPHASIZING", "RECOGNIZING", "INTENDING", "SEEKING", "HAVE",
    ]  # fmt: skip
    sections = top(doc, "section")
    assert [(s.label, s.heading) for s in sections[:3]] == [
        ("1", "Tariffs and Quotas"),
        ("2", "Non-Tariff Barriers and Related Matters"),
        ("3", "Digital Trade and Technology"),
    ]
    articles = [c for s in sections for c in s.children if c.kind == "section"]
    assert len(articles) == 32
    assert (articles[0].eid, articles[0].label, articles[0].heading) == (
        "sec_1__art_1-1", "1.1", "Tariffs",
    )  # fmt: skip
    assert doc.find("sec_3__art_3-1").heading == "Digital Services Tax"
    assert [c.label for c in doc.find("sec_3__art_3-4__para_2").children] == list("abcdef")
    signatures = doc.find("signatures").text
    assert signatures.startswith("IN WITNESS WHEREOF the undersigned")
    assert "For purposes of this Agreement" not in signatures  # a footnote, dropped


def test_italic_sub_headings_under_bold_ones(dev: dict[str, Document]) -> None:
    doc = dev["g7-economic-resilience-security-statement-2023"]
    heads = top(doc, "subheading")
    assert [h.heading for h in heads] == [
        "Enhancing global economic resilience",
        "Responding to harmful practices that undermine international rules and norms",
        "Addressing shared concerns regarding threats to international peace and security",
    ]
    assert [c.heading for c in heads[0].children] == [
        "Building resilient supply chains",
        "Building resilient critical infrastructure",
    ]
    assert [c.heading for c in heads[1].children][-1] == (
        "Cooperating on international standards setting"
    )


def test_headings_whose_bold_is_split_or_left_open(dev: dict[str, Document]) -> None:
    # "**Global** **Comprehensive Strategic Alliance: Beyond the Korean\nPeninsula**"
    rok = dev["us-rok-leaders-joint-statement-2022"]
    assert [h.heading for h in top(rok, "subheading")] == [
        "The Linchpin for Peace and Prosperity",
        "A Strategic Economic and Technology Partnership",
        "Global Comprehensive Strategic Alliance: Beyond the Korean Peninsula",
    ]
    # "**2023 Key CRI Deliverables  \n**  " closes its bold on a line of its own
    cri = dev["counter-ransomware-initiative-statement-2023"]
    assert [h.heading for h in top(cri, "subheading")] == [
        "2023 Key CRI Deliverables",
        "Developing Capabilities",
        "Sharing Information",
        "Fighting Back",
    ]
    assert [len(h.children) for h in top(cri, "subheading")] == [1, 2, 4, 3 + 5]
    # ten bold heads, "**Space" closed on the next line
    quad = dev["quad-joint-leaders-statement-2022"]
    assert [h.heading for h in top(quad, "subheading")][6:8] == ["Quad Fellowship", "Space"]
    assert len(top(quad, "subheading")) == 10


def test_underlined_parts_over_bold_topics(dev: dict[str, Document]) -> None:
    doc = dev["us-saudi-jeddah-communique-2022"]
    assert doc.find("text_1").text == "Jeddah, Saudi Arabia"  # a bold place line, no heading
    parts = top(doc, "section")
    assert [p.heading for p in parts] == ["Strategic Partnership", "Regional Cooperation"]
    topics = [[c.heading for c in p.children if c.kind == "subheading"] for p in parts]
    assert topics[0][:2] == [
        "Energy Security and Climate Cooperation",
        "Partnership for Global Infrastructure and Investment (PGII)",
    ]
    assert len(topics[0]) == 9
    assert topics[1][0] == "Yemen" and len(topics[1]) == 11


def test_a_dateline_is_text_not_a_heading_over_the_whole_text(dev: dict[str, Document]) -> None:
    doc = dev["g20-bali-leaders-declaration-2022"]
    assert [p.kind for p in doc.provisions[:3]] == ["title", "text", "paragraph"]
    assert doc.provisions[1].text == "Bali, Indonesia, 15-16 November 2022"
    assert [p.label for p in doc.provisions if p.kind == "paragraph"] == [
        str(n) for n in range(1, 53)
    ]


def test_link_text_stays_and_the_target_is_kept_with_the_provision(
    dev: dict[str, Document],
) -> None:
    kenya = dev["us-kenya-joint-leaders-statement-2024"]
    provision = next(p for p in kenya.walk() if "Presidential Initiative for" in p.text)
    assert "the United States’ Presidential Initiative for Democratic Renewal" in provision.text
    [(text, target)] = [link for link in provision.links if "Democratic" in link[0]]
    assert text == "Presidential Initiative for Democratic Renewal"
    assert target.startswith("https://gcc02.safelinks.protection.outlook.com/?url=")
    ttc = dev["us-eu-ttc-joint-statement-2024"]
    provision = next(p for p in ttc.walk() if "Recommended Actions for Online" in p.text)
    target = dict(provision.links)[
        "Recommended Actions for Online Platforms on Protecting Human Rights Defenders Online"
    ]
    assert target.endswith("rights%20defenders%20(HRDs)%20online")  # parentheses inside


def test_ordinal_suffixes_join_their_number(dev: dict[str, Document]) -> None:
    rok = dev["us-rok-leaders-joint-statement-2022"]
    assert any("21st century" in p.text for p in rok.walk())
