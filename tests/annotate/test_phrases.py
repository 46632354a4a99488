"""Matching is exact about words: the rules every annotator relies on."""

from __future__ import annotations

import re
from pathlib import Path

from digicoop.annotate.lexicon import load_lexicon
from digicoop.annotate.parties import load_parties
from digicoop.annotate.phrases import Match, PhraseMatcher, is_acronym
from digicoop.annotate.scale import load_scale
from digicoop.annotate.text import sentences
from digicoop.model import SourceText
from digicoop.segment import segment

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


def _by_whole_expression(matcher: PhraseMatcher, text: str) -> list[Match]:
    """The matches as one search of the whole alternation finds them, start after start
    (what the matcher did before it cut the alternation by first character)."""
    found: list[Match] = []
    for alternation, exact in ((matcher._exact, True), (matcher._folded, False)):
        if alternation is None:
            continue
        pattern, pos = alternation.whole, 0
        while (m := pattern.search(text, pos)) is not None:
            inner: re.Match[str] | None = m
            while inner is not None and inner.start() == m.start():
                end = inner.end()
                if end == len(text) or (not text[end].isalnum() and text[end] != "_"):
                    key, phrase = matcher._key_for(inner.group(0), exact)
                    found.append(Match(inner.start(), end, key, phrase))
                inner = pattern.search(text, m.start(), end - 1) if end - 1 > m.start() else None
            pos = m.start() + 1
    return sorted(found, key=lambda m: (m.start, -(m.end - m.start)))


def test_labels_beyond_ascii_and_after_an_apostrophe_are_found_at_every_start() -> None:
    # a start on a letter beyond ASCII, a label opening with one or with an apostrophe, and
    # case folding across ASCII and beyond (the Kelvin sign folds to "k", the long s to "s")
    matcher = PhraseMatcher(
        [
            ("Öresund link", "oresund"),
            ("’Ohana Partnership", "ohana"),
            ("kelvin scale", "kelvin"),
            ("supply chains", "supply"),
            ("ÉU", "eu"),
            ("AI", "ai"),
        ]
    )
    text = (
        "The öresund Link and the ’ohana partnership, 'Ohana Partnership too; the \u212aelvin "
        "scale, \u017fupply chains, ÉU and AI, an ÉUropean AIM."
    )
    assert matcher.find_all(text) == _by_whole_expression(matcher, text)
    assert {m.key for m in matcher.find_all(text)} == {
        "oresund",
        "ohana",
        "kelvin",
        "supply",
        "eu",
        "ai",
    }


def test_every_vocabulary_finds_in_the_dev_texts_what_the_whole_expression_finds() -> None:
    root = Path(__file__).resolve().parents[2]
    ontology = root / "ontology"
    lexicon, parties, scale = load_lexicon(ontology), load_parties(ontology), load_scale(ontology)
    matchers = [
        lexicon.modality,
        lexicon.entities,
        parties.names,
        parties.demonyms,
        scale.verbs,
        scale.nouns,
    ]
    texts = [
        provision.text
        for path in sorted((root / "tests" / "fixtures" / "dev-corpus").glob("*.txt"))
        for provision in segment(
            SourceText(path.stem, path.name, "", path.read_text(encoding="utf-8"))
        ).walk()
    ]
    for matcher in matchers:
        for text in texts:
            assert matcher.find_all(text) == _by_whole_expression(matcher, text), text
