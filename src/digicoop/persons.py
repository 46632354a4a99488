"""Which written names are one person: the key a person's IRI is minted from.

Why: a person is a shared resource, described once in ``graph:shared`` whichever texts name
them, and every agreement's graph is compiled from its own text alone (the build cache
depends on it), so the IRI must follow from the name as one text writes it. The slug of
the name as written splits one person between texts that write the name in the ways texts
do: the family name first or last ("MATSUMOTO Takeaki" in a Japanese signature block,
"Takeaki Matsumoto" in an English statement), a middle initial or not ("Joseph R. Biden"),
a generational suffix or not ("Joseph R. Biden, Jr.").

The key (:func:`person_slug`) is therefore the name's words less what texts add or leave
out freely, in an order that does not depend on how they are written:

* initials (one letter, with or without a full stop) and generational suffixes ("Jr.",
  "Sr.", "II", "III", "IV") are dropped;
* the remaining words are slugged (case, diacritics and apostrophes folded, as every slug
  is) and sorted, so the family name may come first or last, marked by capitals or not.

What it does not join, on purpose: a name with a word of its own ("Joe Biden" and "Joseph
Biden": a short form of a given name is not a rule of writing but knowledge of the person;
"Biden" alone: the text does not say which Biden). What it may join wrongly: two people whose
names have the same words in another order ("Kim Lee", "Lee Kim"), or differ only by an
initial. ``dcosh:Person-oneName`` cannot see either; docs/MODEL.md says so.
"""

from __future__ import annotations

import re

from digicoop.annotate.lexicon import slugify

#: Generational suffixes, written after the family name and often left out: not the name.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_slug(name: str) -> str:
    """The slug a person's IRI is minted from (``id:person/{slug}``): the same for every
    spelling of one name that texts write (see the module doc).

    >>> person_slug("Joseph R. Biden, Jr."), person_slug("JOSEPH R. BIDEN")
    ('biden-joseph', 'biden-joseph')
    >>> person_slug("MATSUMOTO Takeaki") == person_slug("Takeaki Matsumoto")
    True
    >>> person_slug("Tomáš NOVÁK"), person_slug("Liisa-Ly Pakosta")
    ('novak-tomas', 'liisa-ly-pakosta')
    """
    words = [w for w in re.split(r"[\s,]+", name) if w and not _added(w)]
    slugs = sorted(s for s in (slugify(w) for w in words) if s)
    return "-".join(slugs) or slugify(name)


def _added(word: str) -> bool:
    """Whether a word of a name is one that texts add or leave out: an initial or a suffix."""
    letters = word.rstrip(".")
    return (len(letters) == 1 and letters.isalpha()) or letters.casefold() in _SUFFIXES


__all__ = ["person_slug"]
