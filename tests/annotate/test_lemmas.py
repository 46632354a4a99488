"""Labels match by lemma: inflections follow from the language, derivations stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from digicoop.annotate.lemmas import LemmaMatcher, lemma
from digicoop.annotate.lexicon import load_lexicon
from digicoop.annotate.records import ConceptLink
from digicoop.annotate.topics import own_topics
from digicoop.model import Provision

MATCHER = LemmaMatcher(
    [
        ("quantum technology", "quantum"),
        ("semiconductor supply chain", "semis"),
        ("privacy-enhancing technologies", "pets"),
        ("safe, secure, and trustworthy AI", "tai"),
        ("digital government", "gov"),
        ("AI", "ai"),
        ("space", "space"),
    ],
    excluded=[("fiscal space", "space")],
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.key) for m in MATCHER.find(text)]


def test_plurals_follow_from_the_lemma() -> None:
    assert _found("quantum technologies and semiconductor supply chains") == [
        ("quantum technologies", "quantum"),
        ("semiconductor supply chains", "semis"),
    ]


def test_a_derivation_is_not_an_inflection() -> None:
    """A stemmer would read "digital governance" as "digital government"."""
    assert lemma("governance") != lemma("government")
    assert _found("digital governance") == []


def test_hyphens_and_spaces_are_the_same_between_words() -> None:
    assert _found("privacy enhancing technologies") == [("privacy enhancing technologies", "pets")]


def test_other_punctuation_must_be_as_in_the_label() -> None:
    assert _found("safe, secure, and trustworthy AI") == [
        ("safe, secure, and trustworthy AI", "tai")
    ]
    assert _found("safe secure and trustworthy AI") == [("AI", "ai")]


def test_an_acronym_matches_only_as_written() -> None:
    assert _found("said the ai AI") == [("AI", "ai")]


def test_an_excluded_phrase_hides_the_label_inside_it() -> None:
    assert _found("fiscal space, and space exploration") == [("space", "space")]


def _provision(text: str) -> Provision:
    return Provision("p", "paragraph", None, None, text, 0, len(text), tuple(range(len(text) + 1)))


def _topics(text: str, mask: list[tuple[int, int]] | None = None) -> set[str]:
    lexicon = load_lexicon(Path(__file__).parents[2] / "ontology")
    links: list[ConceptLink] = own_topics(_provision(text), lexicon, mask or [])
    return {link.concept.rsplit("/", 1)[1] for link in links}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cooperation on quantum technologies", {"quantum"}),
        ("the resilience of semiconductor supply chains", {"semiconductors", "supply-chains"}),
        ("cooperation in space", {"space"}),
        ("civil nuclear energy and small modular reactors", {"nuclear-energy"}),
        ("secure critical minerals supply chains", {"critical-minerals", "supply-chains"}),
        ("biotechnology and biomanufacturing", {"biotechnology"}),
        ("coordinate export controls", {"export-controls"}),
        ("investment screening", {"investment-screening"}),
        ("research security", {"research-security"}),
        ("labour rights", {"labour"}),
        ("to counter ransomware", {"cybercrime"}),
        ("preserving fiscal space for development", set()),
    ],
)
def test_the_scheme_covers_technology_cooperation_at_large(text: str, expected: set[str]) -> None:
    assert _topics(text) == expected


def test_a_ministers_title_is_no_topic() -> None:
    """ "Minister for … Cyber Security" names an office, not what the provision is about."""
    from digicoop.annotate.orgs import find_posts

    text = "The Minister for Home Affairs and Cyber Security welcomed the dialogue."
    assert _topics(text, find_posts(text)) == set()
