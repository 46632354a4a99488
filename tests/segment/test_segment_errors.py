"""What the segmenter refuses, and the edge cases it resolves instead of refusing."""

from __future__ import annotations

import pytest

from digicoop.errors import SourceError
from digicoop.model import Document, SourceText
from digicoop.segment import segment


def run(text: str) -> Document:
    return segment(SourceText("demo", "demo.txt", "0" * 64, text))


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_text(text: str) -> None:
    with pytest.raises(SourceError) as caught:
        run(text)
    assert caught.value.line == 1
    assert caught.value.path == "demo.txt"
    assert "empty" in str(caught.value)


def test_text_without_numbering_is_read_as_paragraphs() -> None:
    prose = "Just some prose without any numbering.\n\nAnother paragraph of prose.\n"
    document = run(prose)
    assert [(p.eid, p.text) for p in document.walk()] == [
        ("text_1", "Just some prose without any numbering."),
        ("text_2", "Another paragraph of prose."),
    ]
    assert document.warnings == ()


def test_paragraph_out_of_sequence_is_a_warning_naming_its_line() -> None:
    document = run("TITLE\n\nSection 1. Aims\n\n1. First.\n\n3. Third.\n")
    assert [c.label for c in document.find("sec_1").children] == ["1", "3"]
    assert document.warnings == (
        "demo.txt:7: paragraph '3' out of sequence (expected 2); read as numbered",
    )


def test_item_out_of_sequence_is_a_warning() -> None:
    text = "TITLE\n\nSection 1. Aims\n\n1. The sides will:\n\na) first;\n\nc) third.\n"
    document = run(text)
    assert [c.label for c in document.find("sec_1__para_1").children] == ["a", "c"]
    assert [w.split(":")[1] for w in document.warnings] == ["9"]


def test_a_repeated_number_keeps_its_provision_without_a_label() -> None:
    document = run("TITLE\n\nSection 1. Aims\n\n1. First.\n\n1. Again.\n")
    children = document.find("sec_1").children
    assert [(c.label, c.text) for c in children] == [("1", "First."), (None, "Again.")]
    assert "repeats a number" in document.warnings[-1]


def test_a_number_after_a_page_break_is_the_rest_of_the_sentence() -> None:
    document = run("TITLE\n\nSection 1. Aims\n\n1. Both sides adopted in\n\n2021. A plan.\n")
    assert document.find("sec_1__para_1").text == "Both sides adopted in 2021. A plan."


def test_letter_i_after_h_and_roman_i_after_b() -> None:
    letters = "\n".join(f"{c}) item {c};" for c in "abcdefghij")
    document = run(f"TITLE\n\nSection 1. Aims\n\n1. Lists:\n{letters}\n")
    assert [c.kind for c in document.find("sec_1__para_1").children] == ["item"] * 10
    romans = (
        "a. first:\n  i. one;\n  ii. two;\n  iii. three;\n  iv. four;\n  v. five;\n"
        "b. second;\nc. third."
    )
    document = run(f"TITLE\n\nSection 1. Aims\n\n1. Lists:\n{romans}\n")
    paragraph = document.find("sec_1__para_1")
    assert [(c.kind, c.label) for c in paragraph.children] == [
        ("item", "a"), ("item", "b"), ("item", "c"),
    ]  # fmt: skip
    assert [c.label for c in paragraph.children[0].children] == ["i", "ii", "iii", "iv", "v"]


def test_colliding_siblings_are_numbered() -> None:
    document = run("TITLE\n\n## Topics\n\n**Alpha beta**\n\n1. One.\n\n**Alpha beta**\n\n2. Two.\n")
    assert [c.eid for c in document.find("subhead_topics").children] == []
    assert [p.eid for p in document.provisions] == [
        "title", "subhead_topics", "subhead_alpha-beta", "subhead_alpha-beta-2",
    ]  # fmt: skip


def test_bold_word_alone_after_a_page_break_continues_the_sentence() -> None:
    # Found by the generated-text property: a lower-case bold line is no heading.
    document = run("TITLE\n\nSection 1. Aims\n\n1. Both sides\n\n**will**\n\ncooperate.\n")
    assert document.find("sec_1__para_1").text == "Both sides will cooperate."
    assert [p.eid for p in document.walk()] == ["title", "sec_1", "sec_1__para_1"]
