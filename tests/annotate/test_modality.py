"""The commitment scale: how firmly a sentence binds, whom, and what a lead-in carries.

Each example is a sentence written the way agreements write them; the expected degree is a
reader's, on the scale of ontology/modality.ttl.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digicoop.annotate import Annotations, annotate
from digicoop.annotate.modality import find
from digicoop.annotate.scale import Scale, load_scale
from digicoop.model import Document, Provision, SourceText

MODALITY = "https://w3id.org/digicoop/modality/"
DevNotes = Callable[[str], tuple[Document, Annotations]]


@pytest.fixture(scope="module")
def scale(project_root: Path) -> Scale:
    return load_scale(project_root / "ontology")


def provision(
    text: str, eid: str = "p", kind: str = "paragraph", children: tuple = ()
) -> Provision:
    return Provision(
        eid, kind, None, None, text, 0, len(text), tuple(range(len(text) + 1)), children
    )


def first(scale: Scale, text: str) -> tuple[str, str, str | None]:
    """Degree, concept and actor of the first commitment in ``text``."""
    found = find(provision(text), scale)
    assert found, f"no modality in {text!r}"
    f = found[0]
    actor = text[f.actor[0] : f.actor[1]] if f.actor else None
    return (
        scale.degree_of(f.concept).removeprefix(MODALITY),
        f.concept.removeprefix(MODALITY),
        actor,
    )


@pytest.mark.parametrize(
    ("sentence", "degree"),
    [
        ("Malaysia shall facilitate digital trade with the United States.", "binding"),
        ("The Parties agree to consult each other before entering into agreements.", "binding"),
        ("Both sides will cooperate in the following areas.", "firm"),
        ("The Participants commit to work in good faith.", "firm"),
        ("The Participants have decided to promote investment in mining.", "firm"),
        ("The Leaders hereby decide to launch a dialogue.", "firm"),
        ("We resolve to encourage innovative solutions.", "firm"),
        ("The Participants intend to share relevant information.", "intention"),
        (
            "Each Participant intends to determine independently whether a project is suitable.",
            "intention",
        ),
        ("The European Union plans to increase procurement.", "intention"),
        ("Both sides envisage regular exchanges of experts.", "intention"),
        ("European companies are expected to invest an additional amount.", "intention"),
        ("Both sides should explore modalities of reciprocal access.", "recommendation"),
        ("We call on all countries to refrain from its use.", "recommendation"),
        ("We encourage all economies to accelerate efforts.", "recommendation"),
        ("The Leaders instruct their ministers to report back next year.", "directive"),
        ("We task the working group with a report.", "directive"),
        ("We ask the Food and Agriculture Organization to share its results.", "directive"),
        ("Both sides aim to strengthen resilience.", "aspiration"),
        ("The Participants aspire to deepen cooperation.", "aspiration"),
        ("The Group will strive to ensure security-by-design.", "aspiration"),
        ("Each partner will endeavor to improve public access to data.", "aspiration"),
        ("Either Participant may discontinue cooperation at any time.", "possibility"),
        ("Research cooperation could cover chip design.", "possibility"),
        ("Both sides recognise that data flows are fundamental.", "acknowledgement"),
        ("We recognize the tremendous potential of AI for good.", "acknowledgement"),
        ("We acknowledge the challenges and risks of this technology.", "acknowledgement"),
        ("They noted continued progress under the Strategic Trade Dialogue.", "acknowledgement"),
        ("We welcome projects that strengthen the resilience of networks.", "acknowledgement"),
        ("We affirm the importance of deepening bilateral ties.", "acknowledgement"),
    ],
)
def test_each_degree_of_the_scale(scale: Scale, sentence: str, degree: str) -> None:
    assert first(scale, sentence)[0] == degree


def test_a_statement_of_fact_carries_no_modality(scale: Scale) -> None:
    assert find(provision("Digicel Pacific is the leading operator in the Pacific."), scale) == []


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("Malaysia shall not impose digital services taxes.", "shall-not"),
        ("Neither Participant will disclose confidential information.", "will-not"),
        ("Nothing in this Article shall preclude the inclusion of terms.", "shall-not"),
        ("This Memorandum is not intended to be legally binding.", "intend-not"),
    ],
)
def test_negation_is_kept(scale: Scale, sentence: str, concept: str) -> None:
    assert first(scale, sentence)[1] == concept


def test_noun_forms_carry_the_degree(scale: Scale) -> None:
    assert first(scale, "The core aims of this Partnership are to:")[0] == "aspiration"
    assert first(scale, "This project reflects our commitment to help build a region.")[0] == "firm"


def test_a_position_verb_gives_way_to_the_commitment_it_states(scale: Scale) -> None:
    """ "We reaffirm our commitment to…" commits firmly; the actor is the verb's subject."""
    assert first(scale, "We reaffirm our commitment to create an open ecosystem.") == (
        "firm",
        "commit",
        "We",
    )


def test_the_content_of_a_position_taken_binds(scale: Scale) -> None:
    # Unlike an announcement, "acknowledge that" takes a position whose content binds.
    text = "Both sides acknowledge that this MOC will not create legal obligations."
    concepts = {f.concept.removeprefix(MODALITY) for f in find(provision(text), scale)}
    assert "will-not" in concepts


def test_the_noun_endeavours_is_no_aspiration(scale: Scale) -> None:
    found = find(provision("We welcome their endeavours to build capacity."), scale)
    assert [f.concept.removeprefix(MODALITY) for f in found] == ["welcome"]


def test_an_opening_participle_gives_way_to_the_main_verb(scale: Scale) -> None:
    sentence = "Recognizing the importance of engagement, the European Union and the United States commit to work together."
    assert first(scale, sentence) == ("firm", "commit", "the European Union and the United States")


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Both sides will cooperate closely.", "Both sides"),
        ("We will work together.", "We"),
        ("The G7 Leaders instruct their ministers to report back.", "The G7 Leaders"),
        (
            "At the Semiconductor Conference, the governments of the United States, Canada and Mexico committed to grow collaboration.",
            "the governments of the United States, Canada and Mexico",
        ),
        (
            "We, President Biden and Prime Minister Kishida, today reaffirmed our commitment to work together.",
            "We",
        ),
        (
            "If the United States imposes a duty, quota, or fee, the United States intends to notify it.",
            "the United States",
        ),
    ],
)
def test_the_actor_is_who_the_text_says_is_bound(scale: Scale, sentence: str, actor: str) -> None:
    assert first(scale, sentence)[2] == actor


@pytest.mark.parametrize(
    "sentence",
    [
        "The Partnership establishes structures that will enable collaboration.",  # relative clause
        "Unless the Participants decide otherwise, the meeting is annual.",  # conditional
        "The meeting took place on 4th May 2022.",  # a month is no modal
        "The Participants develop a coordinated plan to accelerate delivery.",  # a noun
        "The Framework, endorsed by all United Nations member states, applies.",  # passive participle
        # US-Australia-Japan telecom financing: the content of an announcement, reported.
        "At the PGII event at the G20 Summit, we announced that the United States International "
        "Development Finance Corporation (DFC) and Japan Bank for International Cooperation "
        "(JBIC) will, subject to final approvals, provide USD50 million each in credit guarantees.",
    ],
)
def test_what_binds_no_one(scale: Scale, sentence: str) -> None:
    assert find(provision(sentence), scale) == []


def _annotated(project_root: Path, *provisions: Provision) -> dict[str, set[str]]:
    text = "\n".join(p.text for p in provisions)
    source = SourceText("example", "example.txt", "0" * 64, text)
    notes = annotate(Document(source, provisions), project_root / "ontology")
    result: dict[str, set[str]] = {}
    for link in notes.modalities:
        result.setdefault(link.provision.eid, set()).add(link.concept.removeprefix(MODALITY))
    return result


def test_a_lead_in_is_carried_into_the_items_under_it(project_root: Path) -> None:
    items = (
        provision("establish a joint working group;", "p__a", "item"),
        provision("exchange information on best practices.", "p__b", "item"),
    )
    found = _annotated(project_root, provision("We hereby decide to:", "p", "paragraph", items))
    assert found["p__a"] == found["p__b"] == {"decide"}


def test_a_lead_in_is_carried_from_a_sibling_or_the_end_of_a_paragraph(project_root: Path) -> None:
    """The segmenter may put a lead-in beside its items, or at the end of a paragraph that
    says other things first: the items take the lead-in sentence's modality."""
    found = _annotated(
        project_root,
        provision(
            "We recognize the importance of trust. In particular, we intend to collaborate to:",
            "p1",
            "text",
        ),
        provision("Foster acceptance of international AI frameworks.", "p2", "item"),
        provision("Further the alignment of regulatory frameworks.", "p3", "item"),
    )
    assert found["p2"] == found["p3"] == {"intend"}


def test_an_item_with_a_statement_of_its_own_keeps_it(project_root: Path) -> None:
    found = _annotated(
        project_root,
        provision("Both Sides will cooperate in the following areas:", "p1", "text"),
        provision("The Participants may invite other institutions.", "p2", "item"),
    )
    assert found["p2"] == {"may"}


def _first_degree(notes: Annotations, eid: str, scale: Scale) -> str:
    """The degree of a provision's first modality in reading order (a lead-in's first)."""
    links = sorted(
        (m for m in notes.modalities if m.provision.eid == eid),
        key=lambda m: (m.quote.provision is m.provision, m.quote.start),
    )
    return scale.degree_of(links[0].concept).removeprefix(MODALITY) if links else "statement"


def test_an_announced_list_takes_its_lead_in_across_headings(
    dev_notes: DevNotes, scale: Scale
) -> None:
    # CRI 2023: "We remain committed to … and jointly committed to the following actions in
    # support of this mission." then a heading, a paragraph, headings and the bulleted
    # actions; the actions are what is committed to, a paragraph after them is not.
    _, notes = dev_notes("counter-ransomware-initiative-statement-2023")
    assert _first_degree(notes, "subhead_sharing-information__item_1", scale) == "firm"
    assert _first_degree(notes, "subhead_sharing-information__item_3", scale) == "firm"
    assert _first_degree(notes, "subhead_fighting-back__text_1", scale) == "statement"


def test_following_areas_announce_areas_not_what_is_resolved(
    dev_notes: DevNotes, scale: Scale
) -> None:
    # iCET: "… resolved to support enhanced collaboration …, with a particular focus on the
    # following areas." The bullets under the areas report and welcome, each on its own.
    _, notes = dev_notes("us-india-icet-joint-fact-sheet-2024")
    section = "sec_reaching-new-heights-in-civilian-and-defense-space-technology-cooperation"
    assert _first_degree(notes, f"{section}__item_2", scale) == "acknowledgement"


def test_a_labelled_item_completes_its_lead_in(dev_notes: DevNotes, scale: Scale) -> None:
    # US-Israel: "… will … in the following fields: … Trusted tech ecosystems: exchange
    # information and seek to increase coordination …": the lead-in's "will" comes first.
    _, notes = dev_notes("us-israel-technology-dialogue-2022")
    assert _first_degree(notes, "para_3__item_4", scale) == "firm"


def test_an_item_naming_who_is_bound_keeps_its_own_verb(project_root: Path) -> None:
    found = _annotated(
        project_root,
        provision(
            "Both Participants share a joint ambition to shape discussions. For example:",
            "p1",
            "text",
        ),
        provision(
            "Building on the UK's G7 Presidency, both Participants will continue to champion open societies;",
            "p2",
            "item",
        ),
    )
    assert found["p2"] == {"will"}


@pytest.mark.parametrize(
    ("sentence", "verb", "actor"),
    [
        # EU §46: the second verb of one subject binds that subject.
        (
            "Both sides should promote their shared vision globally and should strive to extend "
            "their partnership to other like-minded partners.",
            "should strive",
            "Both sides",
        ),
        # UK §27: an opening phrase without an introductory "-ing" is still no subject.
        (
            "Without prejudice to the generality of the immediately preceding paragraph, both "
            "Participants acknowledge that this Partnership will not be deemed an agreement.",
            "acknowledge",
            "both Participants",
        ),
        (
            "Japan will hold the 2023 G7 meeting and both sides will cooperate.",
            "will cooperate",
            "both sides",
        ),
    ],
)
def test_every_verb_of_a_sentence_binds_its_own_subject(
    scale: Scale, sentence: str, verb: str, actor: str
) -> None:
    at = sentence.index(verb)
    found = next(f for f in find(provision(sentence), scale) if f.start == at)
    assert found.actor is not None
    assert sentence[found.actor[0] : found.actor[1]] == actor


def test_an_item_in_the_imperative_names_no_actor(scale: Scale) -> None:
    # UK pillar 1: "Create stronger foundations for tech trade …, for example encouraging
    # regulatory alignment …": the verb's would-be subject is the imperative clause.
    text = (
        "Create stronger foundations for tech trade and investment between both Participants' "
        "economies, for example encouraging regulatory alignment and interoperability."
    )
    found = find(provision(text, "p", "item"), scale)
    assert found and all(f.actor is None for f in found)
