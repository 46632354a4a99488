"""A person's key: every spelling of one name that texts write gives one IRI; a name with a
word of its own, another person's."""

from __future__ import annotations

import pytest

from digicoop.persons import person_slug

#: Each line: spellings of one person's name as published texts write them.
ONE_PERSON = [
    # the family name first in capitals (Japanese and EU signature blocks), or last
    ("MATSUMOTO Takeaki", "Takeaki Matsumoto", "MATSUMOTO TAKEAKI", "Matsumoto Takeaki"),
    # a middle initial and a generational suffix, written or not
    ("Joseph R. Biden, Jr.", "Joseph R. Biden Jr.", "Joseph R. Biden", "JOSEPH R. BIDEN"),
    ("Donald J. Trump", "Donald Trump", "TRUMP Donald J."),
    # diacritics kept or lost, hyphens inside a given name
    ("Tomáš NOVÁK", "Tomas Novak", "NOVAK Tomas"),
    ("Liisa-Ly PAKOSTA", "Liisa-Ly Pakosta"),
    # a particle and a name of several family words
    ("Ursula von der Leyen", "Ursula VON DER LEYEN"),
]


@pytest.mark.parametrize("spellings", ONE_PERSON, ids=lambda s: s[0])
def test_the_spellings_of_one_name_give_one_key(spellings: tuple[str, ...]) -> None:
    assert len({person_slug(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Joe Biden", "Joseph R. Biden"),  # a short form of a given name: knowledge, not writing
        ("Biden", "Joseph R. Biden"),  # the family name alone: which Biden is not said
        ("Yoon Suk Yeol", "Yoon Suk"),
        ("Marie Bjerre", "Marie Bjerregaard"),
    ],
)
def test_a_name_with_a_word_of_its_own_is_another_key(one: str, other: str) -> None:
    assert person_slug(one) != person_slug(other)


def test_the_key_is_readable_and_slug_shaped() -> None:
    assert person_slug("Joseph R. Biden, Jr.") == "biden-joseph"
    assert person_slug("Tahnoon bin Zayed Al Nahyan") == "al-bin-nahyan-tahnoon-zayed"
    # a name of initials only keeps what there is, rather than an empty IRI
    assert person_slug("J. R.") == "j-r"
