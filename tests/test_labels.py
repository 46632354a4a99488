"""Readable provision labels, as a reader would cite the provision (labels.py).

Expected labels are written from reading the texts in corpus/: the UK partnership's
"Joint Actions" section holds "Pillar One: Digital Infrastructure & Technologies", under it
the sub-heading "Telecoms Diversification", item b and its sub-item vi ("Develop joint R&D
initiatives ... Open RAN"); the Denmark MoC's Section 4 item d gives the notice period.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.export.sparql import Select, run_text, store_select
from digicoop.labels import Outline, Part, all_provision_labels, short_name, tidy_heading
from digicoop.store import DataSource, GraphStore

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/digicoop/id/agreement/"
DCO = "https://w3id.org/digicoop/ontology#"


@pytest.fixture(scope="module")
def select() -> Select:
    return store_select(GraphStore.load([DataSource(ROOT / "graphs/digicoop.trig")]))


@pytest.fixture(scope="module")
def labels(select: Select) -> dict[str, str]:
    return all_provision_labels(select)


def test_a_deep_provision_is_named_by_its_path(labels: dict[str, str]) -> None:
    iri = (
        ID + "japan-uk-digital-partnership/sec_joint-actions__pillar_1__subhead_"
        "telecoms-diversification__item_b__subitem_vi"
    )
    assert labels[iri] == (
        "Japan-UK Digital Partnership › Joint Actions › Pillar One › Telecoms Diversification"
        " › b.vi"
    )


def test_moc_provisions_carry_the_parties_as_short_name(labels: dict[str, str]) -> None:
    assert labels[ID + "japan-denmark-moc/sec_4__item_d"] == "Japan–Denmark › Section 4 › d"
    assert labels[ID + "japan-denmark-moc/preamble__recital_2"] == "Japan–Denmark › Recital 2"


def test_every_provision_has_a_label_without_internal_ids(
    labels: dict[str, str], select: Select
) -> None:
    count = run_text(select, "SELECT (COUNT(*) AS ?n) { ?p a <" + DCO + "Provision> }")
    assert len(labels) == count[0]["n"].python()
    assert not [label for label in labels.values() if "__" in label or "sec_" in label]


def test_numbered_levels_join_with_dots_and_blocks_count() -> None:
    parts = {
        "p": Part("p", "paragraph", "23", None, "a"),
        "i": Part("i", "item", "a", None, "p"),
        "t1": Part("t1", "text", None, None, "a", order=1),
        "t2": Part("t2", "text", None, None, "a", order=2),
    }
    outline = Outline(parts)
    assert outline.label("i") == "23.a"
    assert [outline.label("t1"), outline.label("t2")] == ["¶1", "¶2"]


def test_shouted_headings_and_titles_are_set_in_title_case() -> None:
    assert tidy_heading("DIGITAL PARTNERSHIP: STRATEGIC FRAMEWORK") == (
        "Digital Partnership: Strategic Framework"
    )
    assert short_name("x", "JAPAN-UK DIGITAL PARTNERSHIP", []) == "Japan-UK Digital Partnership"
    assert short_name("x", None, []) == "x"
