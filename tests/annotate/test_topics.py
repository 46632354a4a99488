"""What a provision is about: the topics its own words and the headings above it name.

Expected values come from reading the dev-corpus texts (tests/fixtures/dev-corpus/), the same
reading as tests/fixtures/fidelity/topics.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digicoop.annotate import Annotations
from digicoop.annotate.lexicon import load_lexicon
from digicoop.annotate.topics import names_a_subject
from digicoop.model import Document

DevNotes = Callable[[str], tuple[Document, Annotations]]


def _topics(notes: Annotations, eid: str) -> set[str]:
    return {link.concept.rsplit("/", 1)[-1] for link in notes.topics if link.provision.eid == eid}


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        ("Cybersecurity", True),
        ("Supply chain resilience: semiconductors", True),
        ("Pursuing Quantum, Artificial Intelligence, and High-Performance Computing", True),
        ("Critical Minerals and Rare Earths", True),
        # Group titles of principles and descriptive section titles name topics in passing.
        ("Secure, Resilient, and Protective of Privacy", False),
        ("Affordability, Sustainability, and Global Connectivity", False),
        ("Reaching New Heights in Civilian and Defense Space Technology Cooperation", False),
        ("Spectrum and Manufacturing", False),
    ],
)
def test_a_heading_names_a_subject_when_topic_labels_make_most_of_it(
    project_root: Path, heading: str, subject: bool
) -> None:
    assert names_a_subject(heading, load_lexicon(project_root / "ontology")) is subject


def test_a_group_title_passes_no_topic_to_its_items(dev_notes: DevNotes) -> None:
    # "Secure, Resilient, and Protective of Privacy": the first principle under it is about
    # cybersecurity and says nothing of privacy; the second names privacy itself.
    _, notes = dev_notes("principles-for-6g-joint-statement-2024")
    assert "data-protection" not in _topics(notes, "para_2__item_1")
    assert "cybersecurity" in _topics(notes, "para_2__item_1")
    assert "data-protection" in _topics(notes, "para_2__item_2")


def test_a_descriptive_section_title_passes_no_topic_to_its_items(dev_notes: DevNotes) -> None:
    # iCET's "Reaching New Heights in Civilian and Defense Space Technology Cooperation": the
    # astronaut bullet is about space, not defence.
    _, notes = dev_notes("us-india-icet-joint-fact-sheet-2024")
    eid = "sec_reaching-new-heights-in-civilian-and-defense-space-technology-cooperation__item_1"
    assert _topics(notes, eid) == {"space"}


def test_a_subject_heading_passes_its_topics_to_every_item(dev_notes: DevNotes) -> None:
    # iCET's "Pursuing Quantum, Artificial Intelligence, and High-Performance Computing
    # Collaboration": every bullet under it is about all three, whichever its words name.
    document, notes = dev_notes("us-india-icet-joint-fact-sheet-2024")
    section = next(p for p in document.walk() if p.eid.startswith("sec_pursuing-quantum"))
    assert section.children
    for item in section.children:
        assert {"quantum", "artificial-intelligence", "high-performance-computing"} <= _topics(
            notes, item.eid
        )
