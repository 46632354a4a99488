"""The non-blank lines of a provision's text, each with its offset.

Signature blocks are read line by line (a name, a title, a side), and every fact read from a
line needs the line's place in the provision's clean text for its evidence quote.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str  # stripped of surrounding space
    start: int  # offset of ``text`` in the text the line was cut from, plus ``base``


def lines(text: str, base: int = 0) -> list[Line]:
    """Non-blank lines of ``text``, stripped, with offsets counted from ``base``.

    >>> lines("  For Japan\\n\\nSigned", 10)
    [Line(text='For Japan', start=12), Line(text='Signed', start=23)]
    """
    found, offset = [], base
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            found.append(Line(stripped, offset + raw.index(stripped)))
        offset += len(raw) + 1
    return found
