"""Inline markup, found once over the whole text: what is dropped and which links it held.

Markup can span lines (a Markdown link whose text wraps, a ``<span>`` opened on one line and
closed on the next), so it is found over the whole raw text, not line by line. The result is
a set of raw indices that are markup: the line layer keeps every other character with its
raw index, so a provision's text still leads back to the file character by character, and
every character of the body is either in a provision or recorded here as dropped.

What counts as markup is data (``layout.toml``, ``[markup]``); this module only applies it:
``drop`` patterns vanish whole (a footnote marker ``<sup>1</sup>``, a ``<!-- -->``
comment), ``tags`` patterns vanish but keep their content (``<u>``, ``<span …>``, the ``**``
of emphasis), and a Markdown link keeps its text and leaves its target as a `Link`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from digicoop.segment.layout import LAYOUT


@dataclass(frozen=True)
class Link:
    """A link's text as raw indices ``[start, end)`` and the target it pointed at."""

    start: int
    end: int
    target: str


@dataclass(frozen=True)
class Markup:
    """The raw indices that are markup, and the links whose text stays in the provisions."""

    dropped: frozenset[int]
    links: tuple[Link, ...]


_LINK = re.compile(
    r"(?<![\\!])\[(?P<text>(?:[^\[\]\\]|\\.){1,500}?)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))*)\)"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    markup = LAYOUT["markup"]
    drop = re.compile("|".join(f"(?:{p})" for p in markup["drop"]), re.DOTALL)
    tags = re.compile("|".join(f"(?:{p})" for p in markup["tags"]))
    return drop, tags


def find_markup(raw: str, start: int = 0) -> Markup:
    """The markup of ``raw[start:]`` (``start`` skips the front matter).

    >>> markup = find_markup("See [the plan](https://x.org/p) on 21<sup>st</sup> May.")
    >>> "".join(c for i, c in enumerate("See [the plan](https://x.org/p) on 21<sup>st</sup> May.")
    ...         if i not in markup.dropped)
    'See the plan on 21st May.'
    >>> markup.links[0].target
    'https://x.org/p'
    """
    drop, tags = _patterns()
    dropped: set[int] = set()

    def mark(begin: int, end: int) -> None:
        dropped.update(range(begin, end))

    for match in drop.finditer(raw, start):
        mark(*match.span())
    for match in _IMAGE.finditer(raw, start):
        mark(*match.span())
    links: list[Link] = []
    for match in _LINK.finditer(raw, start):
        if match.start() in dropped:
            continue
        mark(match.start(), match.start() + 1)
        mark(match.end("text"), match.end())
        links.append(Link(match.start("text"), match.end("text"), match["target"]))
    escaped: set[int] = set()
    for match in _ESCAPE.finditer(raw, start):
        if match.start() not in dropped and match.start() not in escaped:
            mark(match.start(), match.start() + 1)
            escaped.add(match.start() + 1)  # "\*" is an asterisk, not emphasis
    for match in tags.finditer(raw, start):
        if match.start() not in dropped and match.start() not in escaped:
            mark(*match.span())
    return Markup(frozenset(dropped), tuple(links))
