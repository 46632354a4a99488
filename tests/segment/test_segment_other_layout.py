"""The fixture in a layout none of the five texts uses: articles with decimal paragraphs,
"(a)" items and "(i)" sub-items, WHEREAS recitals and a one-column signature block."""

from __future__ import annotations

import hashlib
import tomllib
from collections import Counter
from pathlib import Path

from digicoop.model import Document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
OTHER_LAYOUT = ROOT / "tests" / "fixtures" / "other-layout"

FIXTURE = "japan-finland-moc"


def test_manifest_matches_the_corpus_format_and_the_file() -> None:
    corpus = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    fixture = tomllib.loads((OTHER_LAYOUT / "manifest.toml").read_text(encoding="utf-8"))
    assert set(fixture) == set(corpus) == {"agreement"}
    [entry] = fixture["agreement"]
    assert set(entry) == set(corpus["agreement"][0])
    data = (OTHER_LAYOUT / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_counts_by_kind(documents: dict[str, Document]) -> None:
    assert Counter(p.kind for p in documents[FIXTURE].walk()) == {
        "title": 1, "preamble": 1, "recital": 5, "section": 4, "paragraph": 9, "item": 7,
        "subitem": 2, "signatures": 1,
    }  # fmt: skip


def test_articles_and_decimal_paragraphs(documents: dict[str, Document]) -> None:
    doc = documents[FIXTURE]
    assert [(p.eid, p.label, p.heading) for p in doc.provisions if p.kind == "section"] == [
        ("art_1", "1", "Purpose"),
        ("art_2", "2", "Areas of Cooperation"),
        ("art_3", "3", "Implementation"),
        ("art_4", "4", "Commencement, Duration and Termination"),  # heading on the next line
    ]
    assert [(c.eid, c.label) for c in doc.find("art_4").children] == [
        ("art_4__para_4-1", "4.1"),
        ("art_4__para_4-2", "4.2"),
        ("art_4__para_4-3", "4.3"),
    ]
    assert doc.find("art_4__para_4-2").text.startswith(
        "This Memorandum will thereafter be automatically renewed for successive periods of"
        " two (2) years, unless either Side notifies"
    )


def test_parenthesised_items_and_roman_subitems(documents: dict[str, Document]) -> None:
    doc = documents[FIXTURE]
    assert [c.label for c in doc.find("art_2__para_2-1").children] == list("abcd")
    assert doc.find("art_2__para_2-1__item_b").text == (
        "submarine cables and satellite communications connecting Japan and the Nordic region;"
    )
    item = doc.find("art_2__para_2-2__item_a")
    assert item.text == "exchanges of information, in particular on:"
    assert [(c.eid, c.text) for c in item.children] == [
        ("art_2__para_2-2__item_a__subitem_i", "policy and regulatory frameworks; and"),
        ("art_2__para_2-2__item_a__subitem_ii", "research and development programmes;"),
    ]
    assert [c.label for c in doc.find("art_2__para_2-2").children] == list("abc")


def test_page_break_inside_a_decimal_paragraph(documents: dict[str, Document]) -> None:
    assert (
        documents[FIXTURE]
        .find("art_3__para_3-1")
        .text.endswith("to review the progress of the cooperation and to plan future activities.")
    )


def test_whereas_recitals(documents: dict[str, Document]) -> None:
    recitals = documents[FIXTURE].find("preamble").children
    assert [r.text.split()[0] for r in recitals] == ["The", "WHEREAS", "WHEREAS", "WHEREAS", "HAVE"]
    assert recitals[-1].text == "HAVE REACHED the following understanding:"


def test_one_column_signatures(documents: dict[str, Document]) -> None:
    assert documents[FIXTURE].find("signatures").text.split("\n\n") == [
        "Signed at Helsinki on 14 October 2025, in duplicate, in the English language.",
        "For the Ministry of Internal Affairs and Communications of Japan",
        "TANAKA Hanako\nVice-Minister for Policy Coordination",
        "For the Ministry of Transport and Communications of the Republic of Finland",
        "Aino Virtanen\nPermanent Secretary",
    ]
