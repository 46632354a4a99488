"""Matching is exact about words: the rules every annotator relies on."""

from __future__ import annotations

from digicoop.annotate.phrases import PhraseMatcher, is_acronym
from digicoop.annotate.text import sentences

MATCHER = PhraseMatcher(
    [
        ("AI", "ai"),
        ("IT", "it"),
        ("privacy", "privacy"),
        ("privacy-enhancing technologies", "pets"),
        ("semiconductor", "semi"),
        ("SME’s digital transformation", "sme"),
    ]
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.key) for m in MATCHER.find(text)]


def test_an_acronym_never_matches_inside_another_word() -> None:
    assert _found("The MAIN aim was said plainly; AI is the topic.") == [("AI", "ai")]


def test_labels_in_capitals_match_only_in_capitals() -> None:
    assert _found("it is IT that matters") == [("IT", "it")]


def test_other_labels_match_in_any_case_and_in_the_plural() -> None:
    assert _found("Semiconductors and PRIVACY") == [
        ("Semiconductors", "semi"),
        ("PRIVACY", "privacy"),
    ]


def test_the_longest_phrase_wins_where_two_overlap() -> None:
    assert _found("privacy-enhancing technologies") == [("privacy-enhancing technologies", "pets")]


def test_straight_and_typographic_apostrophes_are_the_same_letter() -> None:
    assert _found("SME's digital transformation") == [("SME's digital transformation", "sme")]


def test_a_mask_hides_a_span_from_matching() -> None:
    text = "the UK AI Standards Hub and AI"
    assert [(m.start, m.key) for m in MATCHER.find(text, mask=[(4, 23)])] == [(28, "ai")]


def test_acronyms_are_told_by_their_capitals() -> None:
    assert is_acronym("PETs") and is_acronym("G7") and is_acronym("VDS-NC")
    assert not is_acronym("Fugaku") and not is_acronym("Hiroshima AI Process")


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "Issues such as, e.g. chips, matter. Both sides will act; the rest follows."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Issues such as, e.g. chips, matter.",
        "Both sides will act; the rest follows.",
    ]
